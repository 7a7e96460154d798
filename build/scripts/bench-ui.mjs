// `npm run bench:ui [-- --quick] [-- --loads N] [-- --no-build]`: how fast the answer screen is, side by
// side with SurveyJS (issue 10). Not a test: its figures depend on the machine. It builds the renderer
// and a SurveyJS page of the same LOSI 2024 indicators (build/bench/surveyjs), serves both on free
// loopback ports, drives Debian's Chromium with Playwright and prints median and p95 over fresh
// browser contexts (one per load), with the ratio EGov Desk / SurveyJS for each figure.
//
// Each load happens in a fresh context after one warm-up navigation to the same app in that
// context (EGov Desk needs it to create the response; SurveyJS gets the same, so both load with
// the same HTTP and code caches). Times are taken in the page with performance.now():
// - load: navigation start to the last question of the screen in the DOM (a MutationObserver);
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
// - answered: opening section CP of a response with all indicators answered "yes" with an evidence
//   link (seeded in IndexedDB as tests/e2e/score.e2e.ts does; SurveyJS: survey.data set before the
//   render), navigation start to the last question's evidence in the DOM;
// - switch: a click on the next section to the frame after its last question is in the DOM.
// EGov Desk shows one section at a time: it is measured on "Content Provision" (32 indicators),
// switching to "Services Provision". SurveyJS is measured with all 95 indicators on one page and
// with one section per page (same sections).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { serveWeb } from './serve-web.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const noBuild = args.includes('--no-build');
const loadsAt = args.indexOf('--loads');
const loadsArg = loadsAt >= 0 ? args[loadsAt + 1] : undefined;
const unknown = args.filter((a, i) => a !== '--quick' && a !== '--no-build' && i !== loadsAt && i !== loadsAt + 1);
if (unknown.length > 0 || (loadsAt >= 0 && !/^\d+$/.test(loadsArg ?? ''))) {
  console.error(`bench-ui: ${unknown.length > 0 ? `unknown argument ${unknown[0] ?? ''}` : '--loads needs a whole number'} (options: --quick, --loads N, --no-build)`);
  process.exit(2);
}
const LOADS = Math.max(7, loadsArg ? Number(loadsArg) : quick ? 7 : 11);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPED = 'https://www.city.example/open-data/2024.pdf'.slice(0, 40);
const NOTE = 'The council publishes its budget each spring, with a summary.'.slice(0, 40);
const TEXT_QUESTION = 'LOSI.212.languages';

/** @type {{ sections: { id: string, title: string, questions: { id: string, type: string, relevant?: unknown }[] }[] }} */
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
const lastSection = questionnaire.sections[questionnaire.sections.length - 1];
const lastQuestion = lastSection?.questions[lastSection.questions.length - 1];
if (!lastQuestion) throw new Error('losi-2024 is empty');
const indicatorIds = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === 'yesNo').map((q) => q.id);
const indicators = indicatorIds.length;

/** @param {string} what @param {string[]} command */
function run(what, command) {
  console.log(`bench-ui: ${what}…`);
  const [file = '', ...rest] = command;
  const { status } = spawnSync(file, rest, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (status !== 0) throw new Error(`${what} failed (exit ${String(status)})`);
}

/** @param {readonly number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  // Nearest rank: the p95 of 11 values is the 11th, never an interpolation below the worst.
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/**
 * Installed in every document before its scripts: records when `window.__benchSelector` first
 * matches (navigation start = 0).
 * @param {string} selector
 */
function watchFor(selector) {
  const w = /** @type {any} */ (globalThis);
  w.__benchAt = undefined;
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
 * JS of the page: scripts it loaded, with their size in dist (raw, gzip) and as transferred.
 * @param {import('@playwright/test').Page} page @param {string} dist
 */
async function scripts(page, dist) {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ name: e.name, transfer: /** @type {number} */ (/** @type {any} */ (e).transferSize) })),
  );
  let raw = 0;
  let gzip = 0;
  let transfer = 0;
  for (const entry of entries) {
    const pathname = new URL(entry.name).pathname;
    if (!pathname.endsWith('.js') && !pathname.endsWith('.mjs')) continue;
    const file = path.join(dist, decodeURIComponent(pathname));
    const body = readFileSync(file);
    raw += statSync(file).size;
    gzip += gzipSync(body, { level: 9 }).length;
    transfer += entry.transfer;
  }
  return { raw, gzip, transfer };
}

/** @param {import('@playwright/test').BrowserContext} context @param {import('@playwright/test').Page} page */
async function heapAfterLoad(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
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

/** One fresh load of EGov Desk. @param {import('@playwright/test').Browser} browser @param {string} url @param {string} dist @param {Samples} samples */
async function egovLoad(browser, url, dist, samples) {
  const context = await browser.newContext({ baseURL: url });
  await context.addInitScript(watchFor, `${q(SECTION.last)}`);
  await context.addInitScript(watchCommits);
  const page = await context.newPage();
  try {
    await page.goto('/');
    await page.getByRole('link', { name: /^Start a response to LOSI 2024 self-assessment/ }).waitFor();
    const home = await scripts(page, dist);
    add(samples, 'home JS raw (KB)', home.raw / 1024);
    add(samples, 'home JS gzip (KB)', home.gzip / 1024);
    await page.getByRole('link', { name: /^Start a response to LOSI 2024 self-assessment/ }).click();
    await page.getByLabel('City').fill('Tallinn');
    await page.getByLabel('Organisation').fill('Digital office');
    await page.getByLabel('Focal point name').fill('Mari');
    await page.getByLabel('Focal point e-mail').fill('mari@example.org');
    await page.getByRole('button', { name: 'Create response' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    const id = /#\/response\/([^/?]+)/.exec(page.url())?.[1];
    if (!id) throw new Error(`no response id in ${page.url()}`);
    // The measured load: a new document on the answer screen of the section.
    await page.goto('about:blank');
    await page.goto(`/#/response/${id}/${SECTION.id}`);
    add(samples, 'load: questions in DOM (ms)', await loadedAt(page));
    await page.waitForLoadState('networkidle');
    const answer = await scripts(page, dist);
    add(samples, 'answer screen JS raw (KB)', answer.raw / 1024);
    add(samples, 'answer screen JS gzip (KB)', answer.gzip / 1024);
    add(samples, 'JS heap after load (MB)', (await heapAfterLoad(context, page)) / 2 ** 20);
    const radio = `${q(SECTION.first)} input[type=radio][value=yes]`;
    add(samples, 'yes → evidence field (ms)', await page.evaluate(clickToFrame, { click: radio, selector: `${q(SECTION.first)} .evidence`, checked: radio }));
    await page.locator(q(SECTION.first)).getByRole('button', { name: 'Add evidence link' }).click();
    add(samples, 'keystroke → frame (ms)', (await typeTimes(page, `${q(SECTION.first)} .evidence input[type=url], ${q(SECTION.first)} .evidence input[id$="-url"]`, TYPED)).frames);
    add(samples, 'keystroke → frame, long text (ms)', (await typeTimes(page, `${q(SECTION.first)} .evidence textarea`, NOTE)).frames);
    const typed = await typeTimes(page, `${q(TEXT_QUESTION)} input`, NOTE);
    add(samples, 'keystroke → frame, text answer (ms)', typed.frames);
    add(samples, 'keystroke → committed (ms)', await commitTimes(page, TEXT_QUESTION, typed.inputs));
    const link = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(NEXT.title) }).first().elementHandle();
    if (!link) throw new Error(`no link to ${NEXT.title}`);
    await link.evaluate((a) => { /** @type {any} */ (a).setAttribute('data-bench-next', ''); });
    add(samples, 'switch section (ms)', await page.evaluate(clickToFrame, { click: '[data-bench-next]', selector: q(NEXT.last), checked: undefined }));
    await seedAllYes(page, decodeURIComponent(id), indicatorIds);
    add(samples, 'open fully answered (ms)', await reopen(page, `/#/response/${id}/${SECTION.id}`, `${q(SECTION.last)} .evidence-item`));
  } finally {
    await context.close();
  }
}

const s = (/** @type {string} */ name) => `[data-name="${name}"]`;

/** One fresh load of the SurveyJS page, all on one page then section by section. @param {import('@playwright/test').Browser} browser @param {string} url @param {string} dist @param {Samples} samples */
async function surveyLoad(browser, url, dist, samples) {
  for (const layout of /** @type {const} */ (['one page', 'sections'])) {
    const context = await browser.newContext({ baseURL: url });
    const last = layout === 'one page' ? `${lastQuestion?.id ?? ''}__comment` : `${SECTION.last}__comment`;
    await context.addInitScript(watchFor, s(last));
    const page = await context.newPage();
    const target = layout === 'one page' ? '/index.html' : `/index.html?layout=pages&page=${SECTION.id}`;
    try {
      await page.goto(target);
      await loadedAt(page);
      await page.goto('about:blank');
      await page.goto(target);
      add(samples, `load: questions in DOM (ms) [${layout}]`, await loadedAt(page));
      await page.waitForLoadState('networkidle');
      if (layout === 'sections') {
        const next = await page.evaluateHandle(() => {
          const d = /** @type {any} */ (globalThis).document;
          return [...d.querySelectorAll('input[type=button], button')].find((b) => (b.value || b.title || b.textContent).trim() === 'Next');
        });
        const element = next.asElement();
        if (!element) throw new Error('SurveyJS: no Next button');
        await element.evaluate((b) => { b.setAttribute('data-bench-next', ''); });
        add(samples, 'switch section (ms)', await page.evaluate(clickToFrame, { click: '[data-bench-next]', selector: s(`${NEXT.last}__comment`), checked: undefined }));
        add(samples, 'open fully answered (ms)', await reopen(page, `${target}&answered=1`, `${s(`${SECTION.last}__url`)} input`));
        continue;
      }
      const shipped = await scripts(page, dist);
      for (const screen of ['home', 'answer screen']) {
        add(samples, `${screen} JS raw (KB)`, shipped.raw / 1024);
        add(samples, `${screen} JS gzip (KB)`, shipped.gzip / 1024);
      }
      add(samples, 'JS heap after load (MB)', (await heapAfterLoad(context, page)) / 2 ** 20);
      const radio = `${s(SECTION.first)} input[type=radio][value=yes]`;
      add(samples, 'yes → evidence field (ms)', await page.evaluate(clickToFrame, { click: radio, selector: `${s(`${SECTION.first}__url`)} input`, checked: radio }));
      const before = /** @type {number} */ (await page.evaluate(() => /** @type {any} */ (globalThis).surveyChanges()));
      add(samples, 'keystroke → frame (ms)', (await typeTimes(page, `${s(`${SECTION.first}__url`)} input`, TYPED)).frames);
      // How many of the keystrokes reached the answers (survey.onValueChanged), read while the field
      // still has the focus, and whether survey.data holds the typed text before any blur.
      const after = await page.evaluate((name) => {
        const w = /** @type {any} */ (globalThis);
        return { changes: /** @type {number} */ (w.surveyChanges()), value: /** @type {unknown} */ (w.survey.data[name]) };
      }, `${SECTION.first}__url`);
      if (after.value !== TYPED) throw new Error(`SurveyJS did not commit the typed URL before blur (${JSON.stringify(after.value)})`);
      add(samples, 'answer updates while typing', after.changes - before);
      add(samples, 'keystroke → frame, long text (ms)', (await typeTimes(page, `${s(`${SECTION.first}__comment`)} textarea`, NOTE)).frames);
      add(samples, 'keystroke → frame, text answer (ms)', (await typeTimes(page, `${s(TEXT_QUESTION)} input`, NOTE)).frames);
    } finally {
      await context.close();
    }
  }
}

const ROWS = [
  { label: 'load: questions in DOM (ms)', egov: 'load: questions in DOM (ms)', survey: 'load: questions in DOM (ms) [sections]', note: 'section CP' },
  { label: 'load: questions in DOM (ms)', egov: undefined, survey: 'load: questions in DOM (ms) [one page]', note: `one page, ${String(indicators)} indicators` },
  { label: 'yes → evidence field (ms)', egov: 'yes → evidence field (ms)', survey: 'yes → evidence field (ms)', note: '' },
  { label: 'keystroke → frame (ms)', egov: 'keystroke → frame (ms)', survey: 'keystroke → frame (ms)', note: `evidence URL, ${String(TYPED.length)} keys` },
  { label: 'answer updates while typing', egov: undefined, survey: 'answer updates while typing', note: `of ${String(TYPED.length)} keys` },
  { label: 'keystroke → frame (ms)', egov: 'keystroke → frame, long text (ms)', survey: 'keystroke → frame, long text (ms)', note: `long text, ${String(NOTE.length)} keys` },
  { label: 'keystroke → frame (ms)', egov: 'keystroke → frame, text answer (ms)', survey: 'keystroke → frame, text answer (ms)', note: `${TEXT_QUESTION}, ${String(NOTE.length)} keys` },
  { label: 'keystroke → committed (ms)', egov: 'keystroke → committed (ms)', survey: undefined, note: `${TEXT_QUESTION}, IndexedDB` },
  { label: 'switch section (ms)', egov: 'switch section (ms)', survey: 'switch section (ms)', note: 'CP → SP' },
  { label: 'open fully answered (ms)', egov: 'open fully answered (ms)', survey: 'open fully answered (ms)', note: `section CP, all ${String(indicators)} yes` },
  { label: 'first screen JS raw (KB)', egov: 'home JS raw (KB)', survey: 'home JS raw (KB)', note: 'EGov home; SurveyJS page' },
  { label: 'first screen JS gzip (KB)', egov: 'home JS gzip (KB)', survey: 'home JS gzip (KB)', note: 'EGov home; SurveyJS page' },
  { label: 'answer screen JS raw (KB)', egov: 'answer screen JS raw (KB)', survey: 'answer screen JS raw (KB)', note: 'EGov section CP; SurveyJS page' },
  { label: 'answer screen JS gzip (KB)', egov: 'answer screen JS gzip (KB)', survey: 'answer screen JS gzip (KB)', note: 'EGov section CP; SurveyJS page' },
  { label: 'JS heap after load (MB)', egov: 'JS heap after load (MB)', survey: 'JS heap after load (MB)', note: 'after GC' },
];

/** @param {number} n */
const fmt = (n) => (Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** @param {number} a @param {number} b */
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : (a / b).toFixed(2));

/** @param {Samples} egov @param {Samples} survey */
function printTable(egov, survey) {
  const header = ['figure', 'layout', 'EGov med', 'EGov p95', 'SurveyJS med', 'SurveyJS p95', 'ratio med', 'ratio p95'];
  const lines = ROWS.map((row) => {
    const e = row.egov ? (egov[row.egov] ?? []) : [];
    const v = row.survey ? (survey[row.survey] ?? []) : [];
    const [em, ep, sm, sp] = [quantile(e, 0.5), quantile(e, 0.95), quantile(v, 0.5), quantile(v, 0.95)];
    return [row.label, row.note || (row.egov ? 'section CP' : ''), fmt(em), fmt(ep), fmt(sm), fmt(sp), ratio(em, sm), ratio(ep, sp)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (/** @type {string[]} */ cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(format(line));
  console.log(
    `\n${String(LOADS)} fresh loads per app (a new browser context each); keystrokes pooled over loads. EGov Desk is measured section by section` +
      ` (its one-page layout does not exist yet: "n/a"); SurveyJS all on one page and one section per page. Ratio = EGov Desk / SurveyJS (below 1: EGov Desk is faster or smaller).` +
      `\nEGov Desk shows the evidence block whatever the answer: its "yes → evidence field" is the click to the next frame.` +
      ` SurveyJS has a single page: its first-screen and answer-screen JS are the same.` +
      ` "Committed" is EGov Desk's autosave (debounced) storing the keystroke in IndexedDB; SurveyJS keeps answers in memory only (n/a). Sizes are of the dist files the page loaded (gzip -9 with node:zlib).`,
  );
}

async function main() {
  if (!noBuild) {
    run('building the renderer (npm run build:renderer)', ['npm', 'run', '-s', 'build:renderer']);
    run('building the SurveyJS page', [path.join(root, 'node_modules/.bin/vite'), 'build', '--config', 'build/bench/surveyjs/vite.config.mjs']);
  }
  const egovDist = path.join(root, 'dist/renderer');
  const surveyDist = path.join(root, 'dist/bench-surveyjs');
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
      await surveyLoad(browser, surveyServer.url, surveyDist, survey);
    }
  } finally {
    await browser.close();
    await egovServer.close();
    await surveyServer.close();
  }
  printTable(egov, survey);
}

await main();
