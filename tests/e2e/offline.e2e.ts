import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { serveWeb } from '../../build/scripts/serve-web.mjs';
import { estonia, expect, expectNoAxeViolations, expectSaved, test } from './fixtures';

/**
 * Issue 9, the offline web app, as the issue says it, in one run: load the web app, go offline
 * (Playwright's offline mode), reload: it opens and answering works; back online, a new build
 * triggers the update prompt without losing an unsaved answer. On a copy of the build served by its
 * own server, so the test can publish a "new build" without touching the one other tests use.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = resolve(root, process.env.E2E_DIST ?? 'dist/renderer');

/** Waits until the service worker has stored this build and controls the page. */
async function waitForOfflineCopy(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

interface Manifest {
  buildId: string;
  files: string[];
  /** The files whose name has no content hash, with the SHA-256 the worker checks them against. */
  checksums: { path: string; sha256: string }[];
}

/** sw.js as build/vite-plugin-offline.ts writes it: the manifest on its first line, then the code. */
function splitWorker(script: string): { manifest: Manifest; code: string } {
  const newline = script.indexOf('\n');
  const first = /^self\.__EGOV_DESK_PRECACHE__=(.*);$/.exec(script.slice(0, newline))?.[1];
  if (!first) throw new Error('sw.js does not start with its precache manifest');
  return { manifest: JSON.parse(first) as Manifest, code: script.slice(newline + 1) };
}

/**
 * Publishes a "new build" into `folder`: what a rebuild changes as far as browsers are concerned.
 * A changed page, one lazily loaded chunk RENAMED (its old name is gone from the server, as after a
 * real rebuild, and every reference to it rewritten), and a sw.js with that file list, the new
 * checksums of the files without a content hash in their name (the changed index.html) and another
 * build id. A tab still running the old build can then load that chunk only from the old offline copy.
 */
async function publishNewBuild(folder: string, buildId: string): Promise<{ oldChunk: string; newChunk: string }> {
  const { manifest, code } = splitWorker(await readFile(join(folder, 'sw.js'), 'utf8'));
  const oldChunk = manifest.files.find((file) => /^assets\/AboutScreen-[^/]+\.js$/.test(file));
  if (!oldChunk) throw new Error('the build has no AboutScreen chunk to rename');
  const oldName = oldChunk.slice('assets/'.length);
  const newName = `AboutScreen-${buildId}.js`;
  const texts = (await readdir(folder, { recursive: true })).filter((file) => /\.(js|html|css|json|webmanifest)$/.test(file));
  for (const file of texts) {
    const text = await readFile(join(folder, file), 'utf8');
    if (text.includes(oldName)) await writeFile(join(folder, file), text.replaceAll(oldName, newName));
  }
  await writeFile(join(folder, 'assets', newName), await readFile(join(folder, oldChunk)));
  await rm(join(folder, oldChunk));
  const index = await readFile(join(folder, 'index.html'), 'utf8');
  await writeFile(join(folder, 'index.html'), index.replace('</title>', `</title>\n    <meta name="egov-desk-e2e-build" content="${buildId}" />`));
  const files = manifest.files.map((file) => (file === oldChunk ? `assets/${newName}` : file)).sort();
  const checksums = await Promise.all(manifest.checksums.map(async ({ path }) => ({ path, sha256: createHash('sha256').update(await readFile(join(folder, path))).digest('hex') })));
  await writeFile(join(folder, 'sw.js'), `self.__EGOV_DESK_PRECACHE__=${JSON.stringify({ buildId, files, checksums })};\n${code}`);
  return { oldChunk, newChunk: `assets/${newName}` };
}

/**
 * Makes every IndexedDB write to the answers store commit slowly once `window.__egovSlowAnswersMs`
 * is set: the transaction is kept open (read requests chained) for that long, so a reload before
 * the app has waited for it aborts it and loses the answer. "Update now" must therefore really
 * wait for the pending write, not merely be lucky that the write was fast.
 */
async function slowAnswerWrites(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    // Read off the prototype, then called with each database as `this`.
    const original = Reflect.get<IDBDatabase, 'transaction'>(IDBDatabase.prototype, 'transaction');
    IDBDatabase.prototype.transaction = function transaction(this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = original.apply(this, args);
      const delay = (window as unknown as { __egovSlowAnswersMs?: number }).__egovSlowAnswersMs;
      const [stores, mode] = args;
      const names = typeof stores === 'string' ? [stores] : [...stores];
      if (delay !== undefined && mode === 'readwrite' && names.includes('answers')) {
        const until = Date.now() + delay;
        const store = tx.objectStore('answers');
        const keepOpen = () => {
          if (Date.now() < until) store.count().onsuccess = keepOpen;
        };
        keepOpen();
      }
      return tx;
    };
  });
}

/**
 * Records, in every page, how often the app asked the browser to check for a new version
 * (`registration.update()`), and whether the update offer was EVER shown, however briefly.
 */
async function watchUpdates(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const record = window as unknown as { __egovUpdateChecks: number; __egovOfferShown: boolean };
    record.__egovUpdateChecks = 0;
    record.__egovOfferShown = false;
    const update = Reflect.get<ServiceWorkerRegistration, 'update'>(ServiceWorkerRegistration.prototype, 'update');
    ServiceWorkerRegistration.prototype.update = function counted(this: ServiceWorkerRegistration) {
      record.__egovUpdateChecks += 1;
      return update.call(this);
    };
    new MutationObserver(() => {
      // Runs before <body> exists too (the script starts with the document).
      if ((document.body as HTMLElement | null)?.textContent.includes('A new version of EGov Desk is ready.')) record.__egovOfferShown = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}
const updateChecks = (page: Page) => page.evaluate(() => (window as unknown as { __egovUpdateChecks: number }).__egovUpdateChecks);
const offerShown = (page: Page) => page.evaluate(() => (window as unknown as { __egovOfferShown: boolean }).__egovOfferShown);

const portal = (page: Page) => page.getByLabel('Address (URL) of the national government portal');
const strategyYes = (page: Page) => page.locator('[data-question-id="A.2"]').getByRole('radiogroup').getByLabel('Yes');
const strategyTitle = (page: Page) => page.getByLabel('Title of the strategy');
const prompt = (page: Page) => page.getByRole('region', { name: 'New version' });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

test('after one visit the app works offline; back online a new build is offered, and "Update now" keeps an unsaved answer; another tab keeps working', async ({ page, context }) => {
  test.setTimeout(120_000);
  await slowAnswerWrites(context);
  await watchUpdates(context);
  const folder = await mkdtemp(join(tmpdir(), 'egov-desk-offline-'));
  await cp(dist, folder, { recursive: true });
  const server = await serveWeb({ root: folder });
  const otherTabErrors: string[] = [];
  try {
    // 1. One visit: the worker stores the build, and no "new version" is offered for it.
    await page.goto(`${server.url}#/about`);
    await waitForOfflineCopy(page);
    await expect(page.getByRole('status').filter({ hasText: /You have the latest version/ })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: /^[0-9a-f]{16}$/ })).toBeVisible();
    await expect(prompt(page)).not.toContainText('A new version');
    await expect(prompt(page).getByRole('button')).toHaveCount(0);
    // Not even briefly (the first worker waits a moment before it activates: that is no new version).
    expect(await offerShown(page)).toBe(false);

    await nav(page, 'Responses').click();
    await page.getByRole('link', { name: /^Start a response to Test questionnaire: every question type/ }).click();
    await page.getByRole('textbox', { name: /^Country/ }).fill(estonia.place);
    await page.getByLabel('Organisation').fill(estonia.organisation);
    await page.getByLabel('Focal point name').fill(estonia.name);
    await page.getByLabel('Focal point e-mail').fill(estonia.email);
    await page.getByRole('button', { name: 'Create response' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
    const responseUrl = page.url();
    await portal(page).fill('https://www.gov.example/');
    await expectSaved(page);

    // 2. Offline, reload: the app opens from the offline copy, with the response, and answering works.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
    await expect(portal(page)).toHaveValue('https://www.gov.example/');
    await strategyYes(page).check();
    await strategyTitle(page).fill('Digital Estonia');
    await expectSaved(page);
    await page.reload();
    await expect(strategyYes(page)).toBeChecked();
    await expect(strategyTitle(page)).toHaveValue('Digital Estonia');
    // Other screens open offline too (code loaded on first use comes from the offline copy), and the
    // update check says it cannot check rather than failing.
    await nav(page, 'Responses').click();
    await expect(page.getByText(estonia.place).first()).toBeVisible();
    await nav(page, 'About').click();
    await page.getByRole('button', { name: 'Check for updates' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Offline: cannot check for updates.' })).toBeVisible();

    // A second tab on the same response, opened offline, with its own saved change.
    const other = await context.newPage();
    other.on('console', (message) => {
      if (message.type() === 'error') otherTabErrors.push(message.text());
    });
    other.on('pageerror', (error) => otherTabErrors.push(error.message));
    await other.goto(responseUrl);
    await expect(other.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
    await portal(other).fill('https://www.gov.example/portal');
    await expectSaved(other);

    // 3. Still offline, an answer is being typed in the first tab (not saved by a blur).
    await page.goto(responseUrl);
    await expect(strategyTitle(page)).toHaveValue('Digital Estonia');
    await strategyTitle(page).focus();
    await strategyTitle(page).press('End');
    await strategyTitle(page).pressSequentially(' 20');

    // 4. A new build is published; coming back online makes the app check: the prompt appears.
    const secondBuild = 'e2e2'.padEnd(16, '0');
    await publishNewBuild(folder, secondBuild);
    const checksBefore = await updateChecks(page);
    await context.setOffline(false);
    // Coming back online is what makes the app check (at once, not at the next 30-minute tick).
    await expect.poll(() => updateChecks(page), { timeout: 3000 }).toBeGreaterThan(checksBefore);
    await expect(prompt(page).getByText('A new version of EGov Desk is ready.')).toBeVisible({ timeout: 20_000 });
    await expect(strategyTitle(page)).toHaveValue('Digital Estonia 20');
    await expect(strategyTitle(page)).toBeFocused();
    await expectNoAxeViolations(page, 'the update prompt');

    // The other tab is offered it too; "Later" there puts keyboard focus back where it was.
    await expect(prompt(other).getByText('A new version of EGov Desk is ready.')).toBeVisible();
    await prompt(other).getByRole('button', { name: 'Later' }).click();
    await expect(prompt(other)).not.toContainText('A new version of EGov Desk is ready.');
    await expect(portal(other)).toBeFocused();

    // An evidence link typed but not added cannot be saved for the person: the update is refused, naming it.
    const strategy = page.locator('[data-question-id="A.2"]');
    await strategy.getByRole('button', { name: 'Add evidence link' }).click();
    const evidence = strategy.getByRole('group', { name: 'New evidence link' });
    await evidence.getByLabel('Web address').fill('https://www.gov.example/strategy.pdf');
    await prompt(page).getByRole('button', { name: 'Update now' }).click();
    await expect(prompt(page).getByText('You have an unsaved evidence link: add or discard it, then update.')).toBeVisible();
    await expect(page.locator('meta[name="egov-desk-e2e-build"]')).toHaveCount(0);
    await evidence.getByLabel('Web address').press('Escape');
    await expect(evidence).toHaveCount(0);

    // 5. More typing, and at once "Update now", while every answer write is slow to commit: the
    //    update must wait for it, or the reload aborts it and the typed text is lost.
    await page.evaluate(() => {
      (window as unknown as { __egovSlowAnswersMs?: number }).__egovSlowAnswersMs = 1500;
    });
    await strategyTitle(page).focus();
    await strategyTitle(page).press('End');
    await strategyTitle(page).pressSequentially('30');
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await prompt(page).getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect(page.locator('meta[name="egov-desk-e2e-build"]')).toHaveAttribute('content', secondBuild);
    await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
    await expect(strategyTitle(page)).toHaveValue('Digital Estonia 2030');
    await expect(prompt(page)).not.toContainText('A new version');
    await nav(page, 'About').click();
    await expect(page.getByRole('definition').filter({ hasText: secondBuild })).toBeVisible();

    // 6. The other tab still runs the old build: it is asked to reload (never reloaded for it), and
    //    meanwhile still opens a screen whose old code the new build renamed (from the old offline copy).
    await expect(prompt(other).getByText(/A new version of EGov Desk is now active/)).toBeVisible();
    await nav(other, 'About').click();
    await expect(other.getByRole('heading', { level: 1, name: 'About EGov Desk' })).toBeVisible();
    await prompt(other).getByRole('button', { name: 'Reload' }).click();
    await expect(other.locator('meta[name="egov-desk-e2e-build"]')).toHaveAttribute('content', secondBuild);
    await other.goto(responseUrl);
    await expect(portal(other)).toHaveValue('https://www.gov.example/portal');
    await expect(strategyTitle(other)).toHaveValue('Digital Estonia 2030');
    await expect(prompt(other)).not.toContainText('now active');
    expect(otherTabErrors, 'console errors in the second tab').toEqual([]);

    // 7. Offline again, reload: the new build starts from its own offline copy, with the answers.
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('meta[name="egov-desk-e2e-build"]')).toHaveAttribute('content', secondBuild);
    await expect(page.getByRole('heading', { level: 1, name: 'About EGov Desk' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: secondBuild })).toBeVisible();
    await page.goto(responseUrl);
    await expect(strategyTitle(page)).toHaveValue('Digital Estonia 2030');
  } finally {
    await context.setOffline(false);
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
});
