import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, expectSaved, startResponse, test } from './fixtures';

test('closing the browser entirely and starting it again finds every answer', async ({ baseURL, launchOptions }) => {
  if (!baseURL) throw new Error('baseURL is set in build/playwright.config.ts');
  const profile = mkdtempSync(join(tmpdir(), 'egov-desk-profile-'));
  try {
    const first = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
    const page = first.pages()[0] ?? (await first.newPage());
    await startResponse(page);
    await page.getByLabel('Address (URL) of the national government portal').fill('https://www.gov.example/');
    await page.getByLabel('E-mail address of the lead e-government agency').fill('focal@gov.example');
    // No wait for the debounce: closing flushes on page hide.
    await page.getByLabel('E-mail address of the lead e-government agency').blur();
    await expectSaved(page);
    await first.close();

    const second = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
    const again = second.pages()[0] ?? (await second.newPage());
    await again.goto('/');
    await again.getByRole('button', { name: /Open the response of Estonia/ }).click();
    await expect(again.getByLabel('Address (URL) of the national government portal')).toHaveValue('https://www.gov.example/');
    await expect(again.getByLabel('E-mail address of the lead e-government agency')).toHaveValue('focal@gov.example');
    await second.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
