// `npm run bench:ui [-- --quick] [-- --loads N] [-- --no-build] [-- --out DIR] [-- --large N]`: how fast the
// answer screen is, side by side with SurveyJS (issue 10). Not a test: its figures depend on the machine.
// It builds the renderer and a SurveyJS page of the same LOSI 2024 indicators (build/bench/surveyjs) into
// DIR (default: $TMPDIR/egov-desk-bench/ui; never the app's own dist/), serves both on free loopback
// ports, drives Debian's Chromium with Playwright and prints median and p95 over fresh browser contexts
// (one per load and layout), with the ratio EGov Desk / SurveyJS for each figure measuring the same thing, for every question on
// one page and for one section at a time.
//
// Each load happens in a fresh context after one warm-up navigation to the same app in that
// context (EGov Desk needs it to create the response; SurveyJS gets the same, so both load with
// the same HTTP and code caches). Times are taken in the page with performance.now():
// - load: navigation start to the last question of the screen in the DOM (a MutationObserver): the
//   last of the 95 indicators on one page (`#/response/<id>?layout=all`), the last of section
//   "Content Provision" (32 indicators) section by section. Both apps are served by
//   build/scripts/serve-web.mjs, which lets the browser keep content-hashed files (as a production
//   server does), so these loads are return visits: scripts from the HTTP cache, with the code V8
//   compiled from them. "First visit" repeats the one-page load after emptying the HTTP cache
//   (Network.clearBrowserCache): every file fetched and compiled again;
// - yes: a click on "Yes" dispatched from page.evaluate to the animation frame after the evidence
//   field is in the DOM (EGov Desk shows its evidence block whether or not "yes" is chosen, so
//   there it is the click to the next frame with the radio checked);
// - keystroke: each input event (its timeStamp) to the next animation frame, typing 40 characters
//   into an evidence URL field, into a long text (EGov Desk: the evidence note, a textarea, as LOSI
//   has no longText question; SurveyJS: the indicator's comment) and into the text answer
//   LOSI.212.languages;
// - committed: each input event to the IndexedDB transaction that stored a value containing that
//   keystroke (EGov Desk, the text answer, which the app autosaves; observed from outside by wrapping
//   IDBObjectStore.prototype.put in an init script, the app is not changed). Evidence drafts are
//   stored on "Save link", not per keystroke; SurveyJS has no persistence: n/a;
// - answered: opening a response with all indicators answered "yes" with an evidence link (seeded in
//   IndexedDB as tests/e2e/score.e2e.ts does; SurveyJS: survey.data set before the render),
//   navigation start to the last question's evidence in the DOM;
// - switch (section by section only): a click on the next section to the frame after its last
//   question is in the DOM;
// - JS: the scripts the page had loaded when the screen became usable (the moment the load figure is
//   taken: first screen = the home screen's "Start a response to LOSI" link, answer screen = the last
//   question). Code fetched later, such as the screens EGov Desk prefetches once the first screen is
//   idle (renderer/src/app/screens.ts preloadLikelyScreens), is not part of what that screen needs,
//   and is printed apart as "incl. idle prefetch" (everything loaded once the network is idle);
// - large: the one-page layout of a generated definition of --large N questions (default 380; 0 skips
//   it): LOSI's sections repeated with new ids (instrument "other", so unscored), imported into EGov
//   Desk as a person would, and the same form in SurveyJS (`?repeat=K`).
// Each load (each fresh context of either app) records the one-minute load average just before it; the
// table says how busy the machine was. Service workers are blocked in every context: the offline web
// app's worker would serve EGov Desk's later loads from its cache, an advantage SurveyJS does not get.
// Medians of an even count are the mean of the middle two; "p95" is the nearest rank, so with fewer
// than 20 values it is the largest, and the table says "max" there.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { serveWeb } from './serve-web.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
/** @param {string} name */
const valueOf = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? { at, value: args[at + 1] } : undefined;
};
const quick = args.includes('--quick');
const noBuild = args.includes('--no-build');
const loadsArg = valueOf('--loads');
const outArg = valueOf('--out');
const largeArg = valueOf('--large');
const withValue = [loadsArg, outArg, largeArg].flatMap((a) => (a ? [a.at, a.at + 1] : []));
const unknown = args.filter((a, i) => a !== '--quick' && a !== '--no-build' && !withValue.includes(i));
const problem =
  unknown.length > 0 ? `unknown argument ${unknown[0] ?? ''}`
  : loadsArg && !/^\d+$/.test(loadsArg.value ?? '') ? '--loads needs a whole number'
  : largeArg && !/^\d+$/.test(largeArg.value ?? '') ? '--large needs a whole number of questions (0 skips the large form)'
  : outArg && !outArg.value ? '--out needs a folder'
  : undefined;
if (problem) {
  console.error(`bench-ui: ${problem} (options: --quick, --loads N, --no-build, --out DIR, --large N)`);
  process.exit(2);
}
const LOADS = Math.max(7, loadsArg ? Number(loadsArg.value) : quick ? 7 : 11);
const OUT = path.resolve(outArg?.value ?? path.join(os.tmpdir(), 'egov-desk-bench', 'ui'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPED = 'https://www.city.example/open-data/2024.pdf'.slice(0, 40);
const NOTE = 'The council publishes its budget each spring, with a summary.'.slice(0, 40);
const TEXT_QUESTION = 'LOSI.212.languages';

/** @typedef {{ id: string, type: string, relevant?: unknown }} BenchQuestion */
/** @typedef {{ id: string, title: string, relevant?: unknown, questions: BenchQuestion[] }} BenchSection */
/** @type {{ sections: BenchSection[] } & Record<string, unknown>} */
const questionnaire = JSON.parse(readFileSync(path.join(root, 'questionnaires/losi-2024/questionnaire.json'), 'utf8'));
/** @param {string} id */
function sectionOf(id) {
  const found = questionnaire.sections.find((s) => s.id === id);
  if (!found) throw new Error(`losi-2024 has no section ${id}`);
  const always = found.questions.filter((q) => q.relevant === undefined);
  const first = found.questions.find((q) => q.type === 'yesNo');
  const last = always[always.length - 1];
  if (!first || !last) throw new Error(`section ${id} has no yes/no question`);
  return { ...found, first: first.id, last: last.id };
}
const SECTION = sectionOf('CP');
const NEXT = sectionOf('SP');
/** @param {{ sections: BenchSection[] }} definition */
function lastAlwaysShown(definition) {
  const section = definition.sections[definition.sections.length - 1];
  const always = section?.questions.filter((q) => q.relevant === undefined) ?? [];
  const last = always[always.length - 1];
  if (!last) throw new Error('the definition ends without an unconditional question');
  return last.id;
}
const LAST = lastAlwaysShown(questionnaire);
for (const id of [LAST, SECTION.last]) {
  // Both apps are timed to the last indicator's evidence (EGov Desk) or comment (SurveyJS).
  if (questionnaire.sections.flatMap((x) => x.questions).find((x) => x.id === id)?.type !== 'yesNo') throw new Error(`${id} is not an indicator`);
}
const indicatorIds = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === 'yesNo').map((q) => q.id);
const indicators = indicatorIds.length;
const losiQuestions = questionnaire.sections.reduce((n, s) => n + s.questions.length, 0);
const LARGE_TARGET = largeArg ? Number(largeArg.value) : 380;
// Whole copies of LOSI's sections, as many as reach the wanted number of questions.
const COPIES = LARGE_TARGET > 0 ? Math.max(2, Math.round(LARGE_TARGET / losiQuestions)) : 0;
const LARGE_TITLE = `LOSI repeated ${String(COPIES)} times (benchmark)`;

/**
 * LOSI's sections repeated `copies` times with new ids (copy 1 keeps none of the originals: every
 * id gets a suffix), conditions pointing at the same copy's questions. Instrument "other": no score.
 * @param {number} copies
 */
function largeDefinition(copies) {
  /** @param {unknown} condition @param {string} suffix @returns {unknown} */
  const rename = (condition, suffix) => {
    if (Array.isArray(condition)) return condition.map((c) => rename(c, suffix));
    if (condition === null || typeof condition !== 'object') return condition;
    return Object.fromEntries(
      Object.entries(condition).map(([k, v]) => [k, (k === 'question' || k === 'otherQuestion') && typeof v === 'string' ? `${v}.r${suffix}` : rename(v, suffix)]),
    );
  };
  const sections = [];
  for (let c = 1; c <= copies; c += 1) {
    const suffix = String(c);
    for (const section of questionnaire.sections) {
      sections.push({
        ...section,
        id: `${section.id}-${suffix}`,
        title: `${section.title} (${suffix})`,
        ...(section.relevant === undefined ? {} : { relevant: rename(section.relevant, suffix) }),
        questions: section.questions.map((q) => ({ ...q, id: `${q.id}.r${suffix}`, ...(q.relevant === undefined ? {} : { relevant: rename(q.relevant, suffix) }) })),
      });
    }
  }
  return { ...questionnaire, id: 'bench-large', version: '1.0.0', title: LARGE_TITLE, instrument: 'other', provenance: 'test', sections };
}
const LARGE = COPIES > 0 ? largeDefinition(COPIES) : undefined;
const largeQuestions = LARGE ? LARGE.sections.reduce((n, s) => n + s.questions.length, 0) : 0;

/** @param {string} what @param {string[]} command */
function run(what, command) {
  console.log(`bench-ui: ${what}…`);
  const [file = '', ...rest] = command;
  const { status } = spawnSync(file, rest, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (status !== 0) throw new Error(`${what} failed (exit ${String(status)})`);
}

/**
 * The median: the middle value, or the mean of the middle two for an even count.
 * @param {readonly number[]} values
 */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Below this many values the nearest-rank p95 is the largest value: the table says "max" then. */
const P95_MIN_VALUES = 20;

/** @param {readonly number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  // Nearest rank: the p95 of 11 values is the 11th, never an interpolation below the worst.
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/**
 * Installed in every document before its scripts: records when `selector` first matches (navigation
 * start = 0) in `__benchAt`, and which scripts had loaded by then in `__benchScripts`: what the screen
 * needed to become usable, whatever is fetched afterwards.
 * @param {string} selector
 */
function watchFor(selector) {
  const w = /** @type {any} */ (globalThis);
  w.__benchAt = undefined;
  w.__benchScripts = undefined;
  let wanted = selector;
  try {
    // A measurement can ask for another selector for the next load of the same context.
    wanted = w.localStorage.getItem('bench-selector') ?? selector;
  } catch {
    // about:blank has no storage.
  }
  const check = () => {
    if (w.__benchAt === undefined && w.document.querySelector(wanted)) {
      w.__benchAt = w.performance.now();
      w.__benchScripts = w.performance.getEntriesByType('resource').map((/** @type {any} */ e) => e.name);
      observer.disconnect();
    }
  };
  const observer = new w.MutationObserver(check);
  observer.observe(w.document, { childList: true, subtree: true });
}

/**
 * Installed in every EGov Desk document before its scripts: records when each answer put into IndexedDB
 * is committed (its transaction's complete event), with the length of the text stored.
 */
function watchCommits() {
  const w = /** @type {any} */ (globalThis);
  w.__commits = [];
  const put = w.IDBObjectStore.prototype.put;
  w.IDBObjectStore.prototype.put = function benchPut(/** @type {any} */ value, /** @type {any[]} */ ...rest) {
    if (this.name === 'answers' && typeof value?.value === 'string') {
      const entry = { questionId: value.questionId, length: value.value.length, at: NaN };
      this.transaction.addEventListener('complete', () => {
        entry.at = w.performance.now();
        w.__commits.push(entry);
      });
    }
    return put.call(this, value, ...rest);
  };
}

/** In the page: click `click`, then the frame after `selector` is in the DOM (and `checked`, if given, is checked). */
/** @param {{ click: string, selector: string, checked: string | undefined }} target @returns {Promise<number>} */
const clickToFrame = ({ click, selector, checked }) =>
  new Promise((resolve, reject) => {
    const w = /** @type {any} */ (globalThis);
    const d = w.document;
    const target = d.querySelector(click);
    if (!target) {
      reject(new Error(`nothing to click at ${click}`));
      return;
    }
    const done = () => Boolean(d.querySelector(selector)) && (!checked || d.querySelector(checked)?.checked === true);
    const t0 = performance.now();
    const frame = () => {
      w.requestAnimationFrame(() => { resolve(performance.now() - t0); });
    };
    target.click();
    if (done()) {
      frame();
      return;
    }
    const observer = new w.MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        frame();
      }
    });
    observer.observe(d, { childList: true, subtree: true, attributes: true });
    setTimeout(() => { reject(new Error(`${selector} did not appear`)); }, 10000);
  });

/**
 * Types `text` into `selector`, one keystroke at a time, and returns input event → next frame for each,
 * with each input event's time and the length of the text after it.
 * @param {import('@playwright/test').Page} page @param {string} selector @param {string} text
 */
async function typeTimes(page, selector, text) {
  await page.locator(selector).first().focus();
  await page.evaluate(() => {
    const w = /** @type {any} */ (globalThis);
    w.__keys = [];
    w.__inputs = [];
    if (w.__typing) return;
    w.__typing = true;
    w.document.addEventListener(
      'input',
      (/** @type {Event} */ event) => {
        const start = event.timeStamp;
        w.__inputs.push({ at: start, length: /** @type {any} */ (event.target).value?.length ?? 0 });
        w.requestAnimationFrame(() => { w.__keys.push(performance.now() - start); });
      },
      { capture: true },
    );
  });
  await page.keyboard.type(text, { delay: 25 });
  await page.waitForFunction((n) => /** @type {any} */ (globalThis).__keys.length >= n, text.length);
  return /** @type {{ frames: number[], inputs: { at: number, length: number }[] }} */ (
    await page.evaluate(() => ({ frames: /** @type {any} */ (globalThis).__keys, inputs: /** @type {any} */ (globalThis).__inputs }))
  );
}

/**
 * Input event → the commit that stored its keystroke (the first commit of `questionId` after it with at
 * least as much text), for each input; waits for the last one.
 * @param {import('@playwright/test').Page} page @param {string} questionId @param {{ at: number, length: number }[]} inputs
 */
async function commitTimes(page, questionId, inputs) {
  const longest = Math.max(...inputs.map((i) => i.length));
  await page.waitForFunction(
    ({ id, n }) => /** @type {any} */ (globalThis).__commits.some((/** @type {any} */ c) => c.questionId === id && c.length >= n),
    { id: questionId, n: longest },
    { timeout: 10000 },
  );
  /** @type {{ questionId: string, length: number, at: number }[]} */
  const commits = await page.evaluate(() => /** @type {any} */ (globalThis).__commits);
  return inputs.map((input) => {
    const commit = commits.find((c) => c.questionId === questionId && c.at >= input.at && c.length >= input.length);
    if (!commit) throw new Error(`no commit of ${questionId} after a keystroke`);
    return commit.at - input.at;
  });
}

/**
 * Reloads the page (through about:blank, a new document) and returns navigation start to `selector`.
 * @param {import('@playwright/test').Page} page @param {string} target @param {string} selector
 */
async function reopen(page, target, selector) {
  await page.evaluate((sel) => { /** @type {any} */ (globalThis).localStorage.setItem('bench-selector', sel); }, selector);
  await page.goto('about:blank');
  await page.goto(target);
  const at = await loadedAt(page);
  await page.evaluate(() => { /** @type {any} */ (globalThis).localStorage.removeItem('bench-selector'); });
  return at;
}

/**
 * Stores "yes" with an evidence link for every indicator of the response in the app's IndexedDB, as
 * tests/e2e/score.e2e.ts seeds answers.
 * @param {import('@playwright/test').Page} page @param {string} responseId @param {string[]} questionIds
 */
async function seedAllYes(page, responseId, questionIds) {
  await page.evaluate(
    async ({ responseId: id, questionIds: ids }) => {
      const w = /** @type {any} */ (globalThis);
      /** @type {any} */
      const db = await new Promise((resolve, reject) => {
        const request = w.indexedDB.open('egov-desk');
        request.onsuccess = () => { resolve(request.result); };
        request.onerror = () => { reject(request.error ?? new Error('open failed')); };
      });
      const transaction = db.transaction(['answers', 'evidence'], 'readwrite');
      const now = Date.now();
      for (const questionId of ids) {
        transaction.objectStore('answers').put({ responseId: id, questionId, value: 'yes', updatedAt: now });
        const item = { id: `seed-${questionId}`, url: `https://www.tallinn.example/${questionId}`, title: `Page for ${questionId}`, accessed: '2024-05-02' };
        transaction.objectStore('evidence').put({ responseId: id, questionId, items: [item], updatedAt: now });
      }
      await new Promise((resolve, reject) => {
        transaction.oncomplete = () => { resolve(undefined); };
        transaction.onerror = () => { reject(transaction.error ?? new Error('write failed')); };
      });
      db.close();
    },
    { responseId, questionIds },
  );
}

/**
 * Size of the JS files among `names` (resource URLs), as files in `dist` (raw, gzip -9).
 * @param {readonly string[]} names @param {string} dist
 */
function jsSize(names, dist) {
  let raw = 0;
  let gzip = 0;
  for (const name of new Set(names)) {
    const pathname = new URL(name).pathname;
    if (!pathname.endsWith('.js') && !pathname.endsWith('.mjs')) continue;
    const file = path.join(dist, decodeURIComponent(pathname));
    raw += statSync(file).size;
    gzip += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return { raw: raw / 1024, gzip: gzip / 1024 };
}

/** JS the screen had when it became usable, and everything loaded by now. @param {import('@playwright/test').Page} page @param {string} dist */
async function shippedJs(page, dist) {
  const { usable, all } = await page.evaluate(() => {
    const w = /** @type {any} */ (globalThis);
    return { usable: /** @type {string[]} */ (w.__benchScripts ?? []), all: w.performance.getEntriesByType('resource').map((/** @type {any} */ e) => /** @type {string} */ (e.name)) };
  });
  return { usable: jsSize(usable, dist), all: jsSize(all, dist) };
}

/** @param {Samples} samples @param {string} key @param {{ usable: { raw: number, gzip: number }, all: { raw: number, gzip: number } }} js */
function addJs(samples, key, js) {
  add(samples, `${key} JS raw (KB)`, js.usable.raw);
  add(samples, `${key} JS gzip (KB)`, js.usable.gzip);
  add(samples, `${key} JS gzip, incl. idle prefetch (KB)`, js.all.gzip);
}

/** @param {import('@playwright/test').BrowserContext} context @param {import('@playwright/test').Page} page */
async function heapAfterLoad(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/**
 * The same reload as `reopen`, after emptying the browser's HTTP cache: what a first visit (or the
 * first start after an update) costs, with every file fetched again and no compiled code kept with it.
 * @param {import('@playwright/test').BrowserContext} context @param {import('@playwright/test').Page} page @param {string} target @param {string} selector
 */
async function reopenCold(context, page, target, selector) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
  return reopen(page, target, selector);
}

/** @param {import('@playwright/test').Page} page */
async function loadedAt(page) {
  await page.waitForFunction(() => /** @type {any} */ (globalThis).__benchAt !== undefined, undefined, { timeout: 30000 });
  return /** @type {number} */ (await page.evaluate(() => /** @type {any} */ (globalThis).__benchAt));
}

/** @typedef {Record<string, number[]>} Samples */
/** @param {Samples} samples @param {string} key @param {number | number[]} value */
function add(samples, key, value) {
  (samples[key] ??= []).push(...(Array.isArray(value) ? value : [value]));
}

const q = (/** @type {string} */ id) => `[data-question-id="${id}"]`;
const HOME_LINK = 'a[href^="#/new?questionnaire=losi-2024"]';

/**
 * Creates a response to the questionnaire whose home-screen card is titled `title`, through the
 * screens as a person would, and returns its id.
 * @param {import('@playwright/test').Page} page @param {string} title
 */
async function createResponse(page, title) {
  await page.goto('/');
  const start = page.getByRole('link', { name: new RegExp(`^Start a response to ${title.replace(/[()]/g, '\\$&')}`) });
  await start.click();
  await page.getByLabel('City').fill('Tallinn');
  await page.getByLabel('Organisation').fill('Digital office');
  await page.getByLabel('Focal point name').fill('Mari');
  await page.getByLabel('Focal point e-mail').fill('mari@example.org');
  await page.getByRole('button', { name: 'Create response' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  const id = /#\/response\/([^/?]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no response id in ${page.url()}`);
  return id;
}

/**
 * One layout's figures on an open EGov Desk response: yes → evidence, typing, committed. Returns nothing;
 * `tag` names the layout in the sample keys.
 * @param {import('@playwright/test').Page} page @param {Samples} samples @param {string} tag
 */
async function egovInteractions(page, samples, tag) {
  const radio = `${q(SECTION.first)} input[type=radio][value=yes]`;
  add(samples, `yes → evidence field (ms) [${tag}]`, await page.evaluate(clickToFrame, { click: radio, selector: `${q(SECTION.first)} .evidence`, checked: radio }));
  await page.locator(q(SECTION.first)).getByRole('button', { name: 'Add evidence link' }).click();
  add(samples, `keystroke → frame (ms) [${tag}]`, (await typeTimes(page, `${q(SECTION.first)} .evidence input[type=url], ${q(SECTION.first)} .evidence input[id$="-url"]`, TYPED)).frames);
  add(samples, `keystroke → frame, long text (ms) [${tag}]`, (await typeTimes(page, `${q(SECTION.first)} .evidence textarea`, NOTE)).frames);
  const typed = await typeTimes(page, `${q(TEXT_QUESTION)} input`, NOTE);
  add(samples, `keystroke → frame, text answer (ms) [${tag}]`, typed.frames);
  add(samples, `keystroke → committed (ms) [${tag}]`, await commitTimes(page, TEXT_QUESTION, typed.inputs));
}

/**
 * A fresh browser context for EGov Desk (one load), noting the machine's load first: service workers
 * blocked, the load and commit watchers installed in every document, one page.
 * @param {import('@playwright/test').Browser} browser @param {string} url
 */
async function egovContext(browser, url) {
  noteLoadAverage();
  const context = await browser.newContext({ baseURL: url, serviceWorkers: 'block' });
  await context.addInitScript(watchFor, HOME_LINK);
  await context.addInitScript(watchCommits);
  return { context, page: await context.newPage() };
}

/**
 * One fresh load of EGov Desk: a new context, a response to LOSI created through the screens, then
 * each layout measured on a new document.
 * @param {import('@playwright/test').Browser} browser @param {string} url @param {string} dist @param {Samples} samples
 */
async function egovLoad(browser, url, dist, samples) {
  const { context, page } = await egovContext(browser, url);
  try {
    // The first screen, on a document of its own: what it needed when its LOSI link appeared.
    await page.goto('/');
    await loadedAt(page);
    await page.goto('about:blank');
    await page.goto('/');
    add(samples, 'load: first screen usable (ms)', await loadedAt(page));
    await page.waitForLoadState('networkidle');
    addJs(samples, 'first screen', await shippedJs(page, dist));

    for (const tag of /** @type {const} */ (['one page', 'sections'])) {
      // A response of its own per layout, so each layout starts from the same, empty response.
      const id = await createResponse(page, 'LOSI 2024 self-assessment');
      const target = tag === 'one page' ? `/#/response/${id}?layout=all` : `/#/response/${id}/${SECTION.id}`;
      const last = tag === 'one page' ? LAST : SECTION.last;
      add(samples, `load: questions in DOM (ms) [${tag}]`, await reopen(page, target, q(last)));
      if (tag === 'one page') add(samples, 'load: questions in DOM, first visit (ms) [one page]', await reopenCold(context, page, target, q(last)));
      await page.waitForLoadState('networkidle');
      addJs(samples, `answer screen [${tag}]`, await shippedJs(page, dist));
      add(samples, `JS heap after load (MB) [${tag}]`, (await heapAfterLoad(context, page)) / 2 ** 20);
      await egovInteractions(page, samples, tag);
      if (tag === 'sections') {
        const link = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(NEXT.title) }).first().elementHandle();
        if (!link) throw new Error(`no link to ${NEXT.title}`);
        await link.evaluate((a) => { /** @type {any} */ (a).setAttribute('data-bench-next', ''); });
        add(samples, 'switch section (ms) [sections]', await page.evaluate(clickToFrame, { click: '[data-bench-next]', selector: q(NEXT.last), checked: undefined }));
      }
      await seedAllYes(page, decodeURIComponent(id), indicatorIds);
      add(samples, `open fully answered (ms) [${tag}]`, await reopen(page, target, `${q(last)} .evidence-item`));
    }
  } finally {
    await context.close();
  }
}

/**
 * The large one-page form in EGov Desk: the generated definition imported through the home screen,
 * a response to it, then load, yes → evidence and typing on one page.
 * @param {import('@playwright/test').Browser} browser @param {string} url @param {Samples} samples
 */
async function egovLarge(browser, url, samples) {
  if (!LARGE) return;
  const { context, page } = await egovContext(browser, url);
  try {
    await page.goto('/');
    await loadedAt(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import a questionnaire definition…' }).click();
    await (await chooser).setFiles({ name: 'bench-large.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(LARGE)) });
    await page.getByRole('status').filter({ hasText: `Added: ${LARGE_TITLE}` }).waitFor({ timeout: 15000 });
    const id = await createResponse(page, LARGE_TITLE);
    const lastId = lastAlwaysShown(LARGE);
    add(samples, 'load: questions in DOM (ms) [large]', await reopen(page, `/#/response/${id}?layout=all`, q(lastId)));
    await page.waitForLoadState('networkidle');
    add(samples, 'JS heap after load (MB) [large]', (await heapAfterLoad(context, page)) / 2 ** 20);
    const first = `${SECTION.first}.r1`;
    const radio = `${q(first)} input[type=radio][value=yes]`;
    add(samples, 'yes → evidence field (ms) [large]', await page.evaluate(clickToFrame, { click: radio, selector: `${q(first)} .evidence`, checked: radio }));
    const text = `${TEXT_QUESTION}.r${String(COPIES)}`;
    await page.locator(`${q(`LOSI.212.r${String(COPIES)}`)} input[type=radio][value=yes]`).check();
    const typed = await typeTimes(page, `${q(text)} input`, NOTE);
    add(samples, 'keystroke → frame, text answer (ms) [large]', typed.frames);
    add(samples, 'keystroke → committed (ms) [large]', await commitTimes(page, text, typed.inputs));
  } finally {
    await context.close();
  }
}

const s = (/** @type {string} */ name) => `[data-name="${name}"]`;

/**
 * One fresh load of the SurveyJS page per layout (all on one page, one section per page, and the large
 * form on one page).
 * @param {import('@playwright/test').Browser} browser @param {string} url @param {string} dist @param {Samples} samples
 */
async function surveyLoad(browser, url, dist, samples) {
  for (const tag of /** @type {const} */ (['one page', 'sections', 'large'])) {
    if (tag === 'large' && !LARGE) continue;
    const suffix = tag === 'large' ? `.r${String(COPIES)}` : '';
    // The last indicator's comment, the last element SurveyJS renders for it.
    const lastSelector = s(`${tag === 'sections' ? SECTION.last : `${LAST}${suffix}`}__comment`);
    noteLoadAverage();
    const context = await browser.newContext({ baseURL: url, serviceWorkers: 'block' });
    await context.addInitScript(watchFor, lastSelector);
    const page = await context.newPage();
    const target = tag === 'one page' ? '/index.html' : tag === 'large' ? `/index.html?repeat=${String(COPIES)}` : `/index.html?layout=pages&page=${SECTION.id}`;
    try {
      await page.goto(target);
      await loadedAt(page);
      await page.goto('about:blank');
      await page.goto(target);
      add(samples, `load: questions in DOM (ms) [${tag}]`, await loadedAt(page));
      if (tag === 'one page') add(samples, 'load: questions in DOM, first visit (ms) [one page]', await reopenCold(context, page, target, lastSelector));
      await page.waitForLoadState('networkidle');
      if (tag !== 'large') {
        const js = await shippedJs(page, dist);
        addJs(samples, `answer screen [${tag}]`, js);
        if (tag === 'one page') addJs(samples, 'first screen', js);
      }
      add(samples, `JS heap after load (MB) [${tag}]`, (await heapAfterLoad(context, page)) / 2 ** 20);
      const first = `${SECTION.first}${tag === 'large' ? '.r1' : ''}`;
      const radio = `${s(first)} input[type=radio][value=yes]`;
      add(samples, `yes → evidence field (ms) [${tag}]`, await page.evaluate(clickToFrame, { click: radio, selector: `${s(`${first}__url`)} input`, checked: radio }));
      if (tag === 'large') {
        const text = `${TEXT_QUESTION}${suffix}`;
        // SurveyJS draws its own radio over the input, which takes the pointer: click the input itself.
        await page.locator(`${s(`LOSI.212${suffix}`)} input[type=radio][value=yes]`).evaluate((input) => { /** @type {any} */ (input).click(); });
        add(samples, 'keystroke → frame, text answer (ms) [large]', (await typeTimes(page, `${s(text)} input`, NOTE)).frames);
        continue;
      }
      const before = /** @type {number} */ (await page.evaluate(() => /** @type {any} */ (globalThis).surveyChanges()));
      add(samples, `keystroke → frame (ms) [${tag}]`, (await typeTimes(page, `${s(`${SECTION.first}__url`)} input`, TYPED)).frames);
      // How many of the keystrokes reached the answers (survey.onValueChanged), read while the field
      // still has the focus, and whether survey.data holds the typed text before any blur.
      const after = await page.evaluate((name) => {
        const w = /** @type {any} */ (globalThis);
        return { changes: /** @type {number} */ (w.surveyChanges()), value: /** @type {unknown} */ (w.survey.data[name]) };
      }, `${SECTION.first}__url`);
      if (after.value !== TYPED) throw new Error(`SurveyJS did not commit the typed URL before blur (${JSON.stringify(after.value)})`);
      add(samples, `answer updates while typing [${tag}]`, after.changes - before);
      add(samples, `keystroke → frame, long text (ms) [${tag}]`, (await typeTimes(page, `${s(`${SECTION.first}__comment`)} textarea`, NOTE)).frames);
      add(samples, `keystroke → frame, text answer (ms) [${tag}]`, (await typeTimes(page, `${s(TEXT_QUESTION)} input`, NOTE)).frames);
      if (tag === 'sections') {
        const next = await page.evaluateHandle(() => {
          const d = /** @type {any} */ (globalThis).document;
          return [...d.querySelectorAll('input[type=button], button')].find((b) => (b.value || b.title || b.textContent).trim() === 'Next');
        });
        const element = next.asElement();
        if (!element) throw new Error('SurveyJS: no Next button');
        await element.evaluate((b) => { b.setAttribute('data-bench-next', ''); });
        add(samples, 'switch section (ms) [sections]', await page.evaluate(clickToFrame, { click: '[data-bench-next]', selector: s(`${NEXT.last}__comment`), checked: undefined }));
      }
      const answeredSelector = `${s(`${tag === 'one page' ? LAST : SECTION.last}__url`)} input`;
      add(samples, `open fully answered (ms) [${tag}]`, await reopen(page, `${target}${target.includes('?') ? '&' : '?'}answered=1`, answeredSelector));
    } finally {
      await context.close();
    }
  }
}

/** One-minute load averages, read just before each load of either app. @type {number[]} */
const loadAverages = [];
const noteLoadAverage = () => { loadAverages.push(os.loadavg()[0] ?? NaN); };

/**
 * `compare: false`: the two figures measure different things (EGov Desk's home screen against
 * SurveyJS's whole survey page), so no ratio is printed.
 * @typedef {{ label: string, key: string, note: string, egov?: boolean, survey?: boolean, compare?: boolean }} Row
 */
/** @type {Row[]} */
const ROWS = [
  { label: 'load: questions in DOM (ms)', key: 'load: questions in DOM (ms) [one page]', note: `one page, ${String(losiQuestions)} questions` },
  { label: 'load: questions in DOM (ms)', key: 'load: questions in DOM, first visit (ms) [one page]', note: 'one page, first visit (empty HTTP cache)' },
  { label: 'load: questions in DOM (ms)', key: 'load: questions in DOM (ms) [sections]', note: `section ${SECTION.id}` },
  { label: 'yes → evidence field (ms)', key: 'yes → evidence field (ms) [one page]', note: 'one page' },
  { label: 'yes → evidence field (ms)', key: 'yes → evidence field (ms) [sections]', note: `section ${SECTION.id}` },
  { label: 'keystroke → frame (ms)', key: 'keystroke → frame (ms) [one page]', note: `one page, evidence URL, ${String(TYPED.length)} keys` },
  { label: 'keystroke → frame (ms)', key: 'keystroke → frame (ms) [sections]', note: `section ${SECTION.id}, evidence URL` },
  { label: 'keystroke → frame (ms)', key: 'keystroke → frame, long text (ms) [one page]', note: `one page, long text, ${String(NOTE.length)} keys` },
  { label: 'keystroke → frame (ms)', key: 'keystroke → frame, long text (ms) [sections]', note: `section ${SECTION.id}, long text` },
  { label: 'keystroke → frame (ms)', key: 'keystroke → frame, text answer (ms) [one page]', note: `one page, ${TEXT_QUESTION}` },
  { label: 'keystroke → frame (ms)', key: 'keystroke → frame, text answer (ms) [sections]', note: `section ${SECTION.id}, ${TEXT_QUESTION}` },
  { label: 'keystroke → committed (ms)', key: 'keystroke → committed (ms) [one page]', note: `one page, ${TEXT_QUESTION}, IndexedDB`, survey: false },
  { label: 'keystroke → committed (ms)', key: 'keystroke → committed (ms) [sections]', note: `section ${SECTION.id}, IndexedDB`, survey: false },
  { label: 'answer updates while typing', key: 'answer updates while typing [one page]', note: `of ${String(TYPED.length)} keys (SurveyJS)`, egov: false },
  { label: 'switch section (ms)', key: 'switch section (ms) [sections]', note: `${SECTION.id} → ${NEXT.id}` },
  { label: 'open fully answered (ms)', key: 'open fully answered (ms) [one page]', note: `one page, all ${String(indicators)} yes` },
  { label: 'open fully answered (ms)', key: 'open fully answered (ms) [sections]', note: `section ${SECTION.id}, all ${String(indicators)} yes` },
  { label: 'first screen usable (ms)', key: 'load: first screen usable (ms)', note: 'EGov home (LOSI link)', survey: false },
  { label: 'first screen JS raw (KB)', key: 'first screen JS raw (KB)', note: 'EGov home; SurveyJS whole survey', compare: false },
  { label: 'first screen JS gzip (KB)', key: 'first screen JS gzip (KB)', note: 'EGov home; SurveyJS whole survey', compare: false },
  { label: 'first screen JS gzip (KB)', key: 'first screen JS gzip, incl. idle prefetch (KB)', note: 'incl. idle prefetch', compare: false },
  { label: 'answer screen JS raw (KB)', key: 'answer screen [one page] JS raw (KB)', note: 'one page, needed when usable' },
  { label: 'answer screen JS gzip (KB)', key: 'answer screen [one page] JS gzip (KB)', note: 'one page, needed when usable' },
  { label: 'answer screen JS gzip (KB)', key: 'answer screen [sections] JS gzip (KB)', note: `section ${SECTION.id}, needed when usable` },
  { label: 'answer screen JS gzip (KB)', key: 'answer screen [one page] JS gzip, incl. idle prefetch (KB)', note: 'one page, incl. idle prefetch' },
  { label: 'JS heap after load (MB)', key: 'JS heap after load (MB) [one page]', note: 'one page, after GC' },
  { label: 'JS heap after load (MB)', key: 'JS heap after load (MB) [sections]', note: `section ${SECTION.id}, after GC` },
  { label: 'load: questions in DOM (ms)', key: 'load: questions in DOM (ms) [large]', note: `large: one page, ${String(largeQuestions)} questions` },
  { label: 'yes → evidence field (ms)', key: 'yes → evidence field (ms) [large]', note: 'large: one page' },
  { label: 'keystroke → frame (ms)', key: 'keystroke → frame, text answer (ms) [large]', note: 'large: one page, text answer' },
  { label: 'keystroke → committed (ms)', key: 'keystroke → committed (ms) [large]', note: 'large: one page, IndexedDB', survey: false },
  { label: 'JS heap after load (MB)', key: 'JS heap after load (MB) [large]', note: 'large: one page, after GC' },
];

/** @param {number} n */
const fmt = (n) => (Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** @param {number} a @param {number} b */
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : (a / b).toFixed(2));

/** The p95 cell: "max" after the figure when there are too few values for a p95 of its own. @param {readonly number[]} values */
const fmtP95 = (values) => (values.length > 0 && values.length < P95_MIN_VALUES ? `${fmt(quantile(values, 0.95))} max` : fmt(quantile(values, 0.95)));

/** @param {Samples} egov @param {Samples} survey @param {number[]} loadAverages */
function printTable(egov, survey, loadAverages) {
  const header = ['figure', 'layout / what', 'EGov med', 'EGov p95', 'SurveyJS med', 'SurveyJS p95', 'ratio med', 'ratio p95'];
  const lines = ROWS.filter((row) => LARGE || !row.key.endsWith('[large]')).map((row) => {
    const e = row.egov === false ? [] : (egov[row.key] ?? []);
    const v = row.survey === false ? [] : (survey[row.key] ?? []);
    const [em, ep, sm, sp] = [median(e), quantile(e, 0.95), median(v), quantile(v, 0.95)];
    const compare = row.compare !== false;
    return [row.label, row.note, fmt(em), fmtP95(e), fmt(sm), fmtP95(v), compare ? ratio(em, sm) : '—', compare ? ratio(ep, sp) : '—'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (/** @type {string[]} */ cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(format(line));
  const sorted = [...loadAverages].sort((a, b) => a - b);
  console.log(
    `\n${String(LOADS)} fresh loads per app and layout (a new browser context each); keystrokes pooled over loads. Ratio = EGov Desk / SurveyJS` +
      ` (below 1: EGov Desk is faster or smaller). "One page": EGov Desk's "All sections on one page" layout (#/response/<id>?layout=all) and SurveyJS with every` +
      ` question on one page; "section": one section at a time in both.` +
      `\nEGov Desk shows the evidence block whatever the answer: its "yes → evidence field" is the click to the next frame with "yes" checked.` +
      ` JS "needed when usable" counts the scripts loaded when the screen's measured element appeared; "incl. idle prefetch" everything loaded by network idle` +
      ` (EGov Desk fetches the answer and new-response screens once the first screen is idle). SurveyJS has a single page: its "first screen" JS is the whole survey's,` +
      ` against EGov Desk's home screen, so those rows have no ratio; compare the answer screen rows.` +
      ` Medians of an even count are the mean of the middle two; "p95" is the nearest rank, and "max" marks a figure with fewer than ${String(P95_MIN_VALUES)} values (there the p95 is the largest).` +
      ` "First visit": the one-page load again after emptying the browser's HTTP cache (every file fetched and compiled again); the other loads are return visits.` +
      ` "Committed" is EGov Desk's autosave storing the keystroke in IndexedDB; SurveyJS keeps answers in memory only (n/a). Sizes are of the dist files (gzip -9, node:zlib).` +
      (LARGE ? `\n"large": ${String(largeQuestions)} questions (LOSI's sections ${String(COPIES)} times) on one page, imported into EGov Desk as a definition file; SurveyJS ?repeat=${String(COPIES)}.` : '') +
      `\nOne-minute load average before each load (${String(sorted.length)} loads of both apps): ${fmt(sorted[0] ?? NaN)}–${fmt(sorted[sorted.length - 1] ?? NaN)} (median ${fmt(median(sorted))}) on ${String(os.cpus().length)} cores.`,
  );
}

async function main() {
  const egovDist = path.join(OUT, 'renderer');
  const surveyDist = path.join(OUT, 'surveyjs');
  if (!noBuild) {
    const vite = path.join(root, 'node_modules/.bin/vite');
    run(`building the renderer into ${egovDist}`, [vite, 'build', '--config', 'build/vite.renderer.config.ts', '--outDir', egovDist, '--emptyOutDir', '--logLevel', 'error']);
    run(`building the SurveyJS page into ${surveyDist}`, [vite, 'build', '--config', 'build/bench/surveyjs/vite.config.mjs', '--outDir', surveyDist, '--emptyOutDir']);
  }
  const egovServer = await serveWeb({ root: egovDist });
  const surveyServer = await serveWeb({ root: surveyDist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  /** @type {Samples} */
  const egov = {};
  /** @type {Samples} */
  const survey = {};
  try {
    // Interleaved, so a slow moment of the machine weighs on both apps.
    for (let i = 0; i < LOADS; i += 1) {
      process.stdout.write(`bench-ui: load ${String(i + 1)}/${String(LOADS)}\r`);
      await egovLoad(browser, egovServer.url, egovDist, egov);
      await egovLarge(browser, egovServer.url, egov);
      await surveyLoad(browser, surveyServer.url, surveyDist, survey);
    }
  } finally {
    await browser.close();
    await egovServer.close();
    await surveyServer.close();
  }
  printTable(egov, survey, loadAverages);
}

await main();
