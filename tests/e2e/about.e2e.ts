import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';

/** Issue 9, the About screen: version, build, questionnaire editions, data location, licences, updates. */

/** Waits until the service worker has stored this build and controls the page. */
async function waitForOfflineCopy(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

test('the About screen shows version, build, editions, data location, licences and the update check', async ({ page }) => {
  await page.goto('/#/about');
  await expect(page.getByRole('heading', { level: 1, name: 'About EGov Desk' })).toBeVisible();
  const facts = page.locator('dl');
  await expect(facts.getByText('0.1.0', { exact: true })).toBeVisible();
  await expect(facts.getByText('Offline web app')).toBeVisible();
  await expect(facts.getByText(/Kept in this browser's storage for http:\/\/127\.0\.0\.1:\d+/)).toBeVisible();
  await expect(facts.getByText('Apache License 2.0 (SPDX identifier Apache-2.0)')).toBeVisible();
  await expect(facts.getByRole('link', { name: 'Back up or restore your data' })).toHaveAttribute('href', '#/backup');

  const editions = page.getByRole('table', { name: 'Questionnaire editions on board' });
  await expect(editions.getByRole('row', { name: /Test questionnaire: every question type/ })).toBeVisible();
  await expect(editions.getByRole('row').filter({ hasText: 'built in' })).not.toHaveCount(0);

  const libraries = page.getByRole('table', { name: 'Open-source libraries in this app' });
  await expect(libraries.getByRole('row', { name: /^react / })).toContainText('MIT');
  // Each bundled package's own licence text is shipped and shown (MIT and Apache-2.0 require the notice).
  await page.getByText('Licence texts of the bundled packages').click();
  const react = page.locator('details details').filter({ has: page.locator('summary', { hasText: /^react \d+\.\d+\.\d+$/ }) });
  await react.locator('summary').click();
  await expect(react.getByText(/Permission is hereby granted, free of charge/)).toBeVisible();

  await waitForOfflineCopy(page);
  await page.getByRole('button', { name: 'Check for updates' }).click();
  await expect(page.getByRole('status').filter({ hasText: /You have the latest version \(checked at/ })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^[0-9a-f]{16}$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the About screen');
});

test('the About screen is in French too', async ({ page }) => {
  await page.goto('/#/about');
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'À propos d’EGov Desk' })).toBeVisible();
  await expect(page.locator('dl').getByText('Apache License 2.0 (identifiant SPDX Apache-2.0)')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Éditions de questionnaires disponibles' })).toBeVisible();
  await expectNoAxeViolations(page, 'the About screen in French');
});
