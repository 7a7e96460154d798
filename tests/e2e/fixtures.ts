import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every test fails on a console error or an uncaught page error: a CSP violation, a React warning
 * or an exception in a handler is a defect even when the screen looks right. A CSP violation that
 * Chromium does not put on the console (zod's caught `new Function` probe, say) is reported there
 * by an init script, so it fails the test too.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          // eslint-disable-next-line no-console -- runs in the page: the console is how the fixture hears of it.
          console.error(`Content-Security-Policy violation: ${event.violatedDirective} at ${event.sourceFile}:${String(event.lineNumber)}:${String(event.columnNumber)}`);
        });
      });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Runs axe-core in the page (through the debugger protocol, so the CSP still applies to the app). */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  expect(violations, `axe violations on ${what}`).toEqual([]);
}

export interface Respondent {
  place: string;
  organisation: string;
  name: string;
  email: string;
}

export const estonia: Respondent = { place: 'Estonia', organisation: 'Information System Authority', name: 'Kai Tamm', email: 'kai.tamm@example.ee' };

/** Starts a response to the test questionnaire through the UI, as a person would. */
export async function startResponse(page: Page, respondent: Respondent = estonia): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: /^Start a response to Test questionnaire: every question type/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New response' })).toBeVisible();
  await page.getByRole('textbox', { name: /^Country/ }).fill(respondent.place);
  await page.getByLabel('Organisation').fill(respondent.organisation);
  await page.getByLabel('Focal point name').fill(respondent.name);
  await page.getByLabel('Focal point e-mail').fill(respondent.email);
  await page.getByRole('button', { name: 'Create response' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
}

/** Waits until the autosave indicator says everything is stored. */
/**
 * Starts a LOSI self-assessment for a city from the home screen, as a person would, and returns the
 * new response's id once its answer screen shows.
 */
export async function startLosiResponse(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByRole('link', { name: /^Start a response to LOSI 2024 self-assessment/ }).click();
  await page.getByRole('textbox', { name: /^City/ }).fill('Tallinn');
  await page.getByLabel('Organisation').fill('Digital office');
  await page.getByLabel('Focal point name').fill('Mari');
  await page.getByLabel('Focal point e-mail').fill('mari@example.org');
  await page.getByRole('button', { name: 'Create response' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  const id = /#\/response\/([^/?]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no response id in ${page.url()}`);
  return decodeURIComponent(id);
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /Saved at|Enregistré à/ })).toBeVisible();
}

export function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(name) });
}

/** Creates the signing identity through the UI. */
export async function createIdentity(page: Page, who: { name: string; organisation: string; email: string }): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signing identity' }).click();
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Organisation').fill(who.organisation);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByRole('button', { name: 'Create identity and key' }).click();
  await expect(page.getByRole('heading', { name: 'Current identity' })).toBeVisible();
}

/** Answers what the test questionnaire requires, with one evidence link, through the UI. */
export async function completeTestResponse(page: Page): Promise<void> {
  await startResponse(page);
  await page.getByLabel('Address (URL) of the national government portal').fill('https://www.gov.example/');
  const strategy = page.locator('[data-question-id="A.2"]');
  await strategy.getByRole('radiogroup').getByLabel('Yes').check();
  await page.getByLabel('Title of the strategy').fill('=HYPERLINK("http://evil.example","click")');
  await page.getByLabel('Year the strategy was adopted').fill('2021');
  await strategy.getByRole('button', { name: 'Add evidence link' }).click();
  await strategy.getByLabel('Web address').fill('https://www.gov.example/strategy.pdf');
  await strategy.getByLabel('Title', { exact: true }).fill('Digital strategy');
  await strategy.getByRole('button', { name: 'Save link' }).click();
  await expect(strategy.getByRole('listitem')).toHaveCount(1);
  await section(page, 'B. Online services').click();
  await page.getByRole('group', { name: /Through which channels/ }).getByLabel('SMS').check();
  await expectSaved(page);
}

export interface SavedFile {
  name: string;
  buffer: Buffer;
}

/** From the check view: review, sign, and collect the two saved files (JSON, then Excel). */
export async function signAndSave(page: Page): Promise<{ json: SavedFile; xlsx: SavedFile }> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Check and submit/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ready to submit.' })).toBeVisible();
  await page.getByRole('button', { name: 'Review and sign…' }).click();
  const files = collectDownloads(page);
  await page.getByRole('button', { name: 'Sign and save both files' }).click();
  const [json, xlsx] = await files(2);
  if (!json || !xlsx) throw new Error('expected two files');
  return { json, xlsx };
}

/** Collects downloads as they come (two saves in a row fire faster than one waitForEvent each). */
export function collectDownloads(page: Page): (count: number) => Promise<SavedFile[]> {
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  return async (count) => {
    await expect.poll(() => downloads.length).toBe(count);
    return Promise.all(downloads.map(async (d) => ({ name: d.suggestedFilename(), buffer: await readFile(await d.path()) })));
  };
}

/** Hands files to the next file dialog that the button opens. */
export async function pickFiles(page: Page, button: string, files: SavedFile[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).first().click();
  await (await chooser).setFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer })));
}
