import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every test fails on a console error or an uncaught page error: a CSP violation, a React warning
 * or an exception in a handler is a defect even when the screen looks right.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
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
  await page.getByLabel('Country').fill(respondent.place);
  await page.getByLabel('Organisation').fill(respondent.organisation);
  await page.getByLabel('Focal point name').fill(respondent.name);
  await page.getByLabel('Focal point e-mail').fill(respondent.email);
  await page.getByRole('button', { name: 'Create response' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
}

/** Waits until the autosave indicator says everything is stored. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /Saved at|Enregistré à/ })).toBeVisible();
}

export function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(name) });
}
