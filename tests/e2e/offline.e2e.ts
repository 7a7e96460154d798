import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { serveWeb } from '../../build/scripts/serve-web.mjs';
import { estonia, expect, expectNoAxeViolations, expectSaved, startResponse, test } from './fixtures';

/**
 * Issue 9, the offline web app: after one visit it opens and answering works with the network off;
 * a new build is offered by a prompt, and updating keeps an answer that was still being typed.
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

/** The build id written into sw.js by the build (build/vite-plugin-offline.ts). */
function buildIdIn(script: string): string {
  // The minifier may quote it with any quote mark.
  const id = /buildId:["'`]([0-9a-f]{16})["'`]/.exec(script)?.[1];
  if (!id) throw new Error('sw.js carries no build id');
  return id;
}

const portal = (page: Page) => page.getByLabel('Address (URL) of the national government portal');
const strategyYes = (page: Page) => page.locator('[data-question-id="A.2"]').getByRole('radiogroup').getByLabel('Yes');
const strategyTitle = (page: Page) => page.getByLabel('Title of the strategy');

test('after one visit the app opens offline, keeps the response, and answering works', async ({ page, context }) => {
  await page.goto('/');
  await waitForOfflineCopy(page);
  await startResponse(page);
  await portal(page).fill('https://www.gov.example/');
  await expectSaved(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
  await expect(portal(page)).toHaveValue('https://www.gov.example/');

  // Answering works offline: a change is stored, and found again after another offline reload.
  await strategyYes(page).check();
  await strategyTitle(page).fill('Digital Estonia 2030');
  await expectSaved(page);
  await page.reload();
  await expect(strategyYes(page)).toBeChecked();
  await expect(strategyTitle(page)).toHaveValue('Digital Estonia 2030');

  // Every screen is there offline (code loaded on first use came from the offline copy), and the
  // update check says it cannot check rather than failing.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Responses' }).click();
  await expect(page.getByText(estonia.place).first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'About EGov Desk' })).toBeVisible();
  await page.getByRole('button', { name: 'Check for updates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Offline: cannot check for updates.' })).toBeVisible();
  await context.setOffline(false);
});

test('a new build is offered by a prompt, and "Update now" keeps the answer being typed', async ({ page }) => {
  // A copy of the build on its own server, so this test can publish a "new build" without touching
  // the build the other tests use.
  const folder = await mkdtemp(join(tmpdir(), 'egov-desk-offline-'));
  await cp(dist, folder, { recursive: true });
  const server = await serveWeb({ root: folder });
  try {
    await page.goto(server.url);
    await waitForOfflineCopy(page);
    const firstBuild = buildIdIn(await readFile(join(folder, 'sw.js'), 'utf8'));

    // A response, started as a person would (the fixture's helper opens the shared server instead).
    await page.getByRole('link', { name: /^Start a response to Test questionnaire: every question type/ }).click();
    await page.getByLabel('Country').fill(estonia.place);
    await page.getByLabel('Organisation').fill(estonia.organisation);
    await page.getByLabel('Focal point name').fill(estonia.name);
    await page.getByLabel('Focal point e-mail').fill(estonia.email);
    await page.getByRole('button', { name: 'Create response' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
    await portal(page).fill('https://www.gov.example/');
    await strategyYes(page).check();
    await strategyTitle(page).pressSequentially('Digital Estonia');

    // A new build: a changed page and a sw.js with another build id (see the README, "Offline web app").
    const secondBuild = 'b2'.padEnd(16, '0');
    const index = await readFile(join(folder, 'index.html'), 'utf8');
    await writeFile(join(folder, 'index.html'), index.replace('</title>', '</title>\n    <meta name="egov-desk-e2e-build" content="second" />'));
    const worker = await readFile(join(folder, 'sw.js'), 'utf8');
    await writeFile(join(folder, 'sw.js'), worker.replaceAll(firstBuild, secondBuild));

    // The tab is shown again: the app checks, downloads the new version, and offers it.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const prompt = page.getByRole('region', { name: 'New version' });
    await expect(prompt.getByText('A new version of EGov Desk is ready.')).toBeVisible({ timeout: 15_000 });
    await expect(strategyTitle(page)).toHaveValue('Digital Estonia');
    await expectNoAxeViolations(page, 'the update prompt');

    // More typing, then at once "Update now": the last keystrokes are still in the 25 ms write window.
    await strategyTitle(page).pressSequentially(' 2030');
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect(page.locator('meta[name="egov-desk-e2e-build"]')).toHaveAttribute('content', 'second');
    await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
    await expect(strategyTitle(page)).toHaveValue('Digital Estonia 2030');
    await expect(prompt.getByText('A new version of EGov Desk is ready.')).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await expect(page.getByRole('definition').filter({ hasText: secondBuild })).toBeVisible();
  } finally {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
});
