import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectSaved, section, startResponse, test } from './fixtures';

const portal = 'Address (URL) of the national government portal';
const question = (page: Page, id: string) => page.locator(`[data-question-id="${id}"]`);
const checkLink = (page: Page) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Check and submit/ });

test('a required question left empty: message after leaving it, panel entry, jump to it, fix it', async ({ page }) => {
  await startResponse(page);
  const field = page.getByLabel(portal);
  await field.focus();
  // Nothing is said while the person is still in the field.
  await expect(question(page, 'A.1').getByText('This question needs an answer.')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(question(page, 'A.1').getByText('This question needs an answer.')).toBeVisible();

  await checkLink(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check and submit' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Not ready to submit yet' })).toContainText('3 required answers are missing');
  const sectionA = page.getByRole('region', { name: 'A. Institutional framework' });
  const entry = sectionA.getByRole('listitem').filter({ hasText: portal });
  await expect(entry).toContainText('This question needs an answer.');
  await expect(page.getByRole('table', { name: 'Summary by section' }).getByRole('row', { name: /A\. Institutional framework/ })).toContainText('2');
  await expectNoAxeViolations(page, 'the check view');

  await entry.getByRole('link', { name: portal }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
  await expect(page.getByLabel(portal)).toBeFocused();
  await page.getByLabel(portal).fill('https://www.gov.example/');
  await expect(question(page, 'A.1').getByText('This question needs an answer.')).toHaveCount(0);
  await expectSaved(page);

  await checkLink(page).click();
  await expect(page.getByRole('region', { name: 'A. Institutional framework' }).getByText(portal)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Not ready to submit yet' })).toContainText('2 required answers are missing');
});

test('evidence: a javascript: URL is refused, then a link is added, edited, kept across a reload and removed', async ({ page }) => {
  await startResponse(page);
  const strategy = question(page, 'A.2');
  await strategy.getByRole('radiogroup').getByLabel('Yes').check();
  await expect(strategy.getByText('A "yes" needs at least one evidence link')).toBeVisible();

  await strategy.getByRole('button', { name: 'Add evidence link' }).click();
  const form = strategy.getByRole('group', { name: 'New evidence link' });
  await expect(form.getByLabel('Web address')).toBeFocused();
  await form.getByLabel('Web address').fill('javascript:alert(document.domain)');
  await form.getByLabel('Title', { exact: true }).fill('Strategy');
  await form.getByRole('button', { name: 'Save link' }).click();
  await expect(form.getByRole('alert')).toHaveText('This link was not saved: only web addresses (https:// or http://) can be evidence, not "javascript:" links.');
  await expect(form.getByLabel('Web address')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Web address')).toHaveValue('javascript:alert(document.domain)');
  await expect(strategy.getByRole('listitem')).toHaveCount(0);
  await expectNoAxeViolations(page, 'the evidence form with a refusal');

  // Pasted without a scheme, as from an address bar; Enter saves.
  await form.getByLabel('Web address').fill('www.gov.example/digital-strategy.pdf');
  await form.getByLabel('Note (optional)').fill('Chapter 3 covers online services.');
  await form.getByLabel('Web address').press('Enter');
  const items = strategy.getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first().getByRole('link', { name: 'Strategy' })).toHaveAttribute('href', 'https://www.gov.example/digital-strategy.pdf');
  await expect(items.first()).toContainText('Chapter 3 covers online services.');
  await expect(strategy.getByText('A "yes" needs at least one evidence link')).toHaveCount(0);

  await items.first().getByRole('button', { name: /^Edit/ }).click();
  const edit = strategy.getByRole('group', { name: 'Edit evidence link 1' });
  await edit.getByLabel('Title', { exact: true }).fill('National Digital Strategy 2024–2030');
  await edit.getByRole('button', { name: 'Save link' }).click();
  await expect(items.first().getByRole('link', { name: 'National Digital Strategy 2024–2030' })).toBeVisible();

  await page.reload();
  const reloaded = question(page, 'A.2').getByRole('listitem');
  await expect(reloaded.first().getByRole('link', { name: 'National Digital Strategy 2024–2030' })).toBeVisible();

  await reloaded.first().getByRole('button', { name: /^Remove/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('https://www.gov.example/digital-strategy.pdf');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(question(page, 'A.2').getByRole('listitem')).toHaveCount(0);
  await page.reload();
  await expect(question(page, 'A.2').getByRole('listitem')).toHaveCount(0);
});

test('rules from the definition: an error at the question, a warning acknowledged in the panel, and the link check in the web app', async ({ page }) => {
  await startResponse(page);
  await page.getByLabel(portal).fill('https://www.gov.example/');
  await question(page, 'A.2').getByRole('radiogroup').getByLabel('No').check();
  await section(page, 'B. Online services').click();
  await page.getByRole('group', { name: /Through which channels/ }).getByLabel('Web portal').check();
  const count = page.getByLabel('Number of fully online (transactional) services');
  await count.fill('0');
  await count.blur();
  await expect(question(page, 'B.3')).toContainText('yet no service is counted as fully online');
  await expectSaved(page);

  await checkLink(page).click();
  const verdict = page.getByRole('status').filter({ hasText: /Ready/ });
  await expect(verdict).toContainText('Ready once the warnings are acknowledged');
  await expect(verdict).toContainText('1 warning is not yet acknowledged');
  await page.getByLabel('I have checked this; the answer is right').check();
  await expect(page.getByRole('status').filter({ hasText: 'Ready to submit.' })).toBeVisible();
  // The acknowledgement is stored with the response.
  await page.reload();
  await expect(page.getByLabel('I have checked this; the answer is right')).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Ready to submit.' })).toBeVisible();

  // No evidence yet: nothing to check. With a link, the web app explains that it cannot check it.
  await page.getByRole('button', { name: 'Check links' }).click();
  await expect(page.getByText('There are no evidence links to check.')).toBeVisible();
  await section(page, 'A. Institutional framework').click();
  const a1 = question(page, 'A.1');
  await a1.getByRole('button', { name: 'Add evidence link' }).click();
  await a1.getByLabel('Web address').fill('https://www.gov.example/');
  await a1.getByLabel('Title', { exact: true }).fill('Portal');
  await a1.getByRole('button', { name: 'Save link' }).click();
  await expect(a1.getByRole('listitem')).toHaveCount(1);
  await checkLink(page).click();
  await page.getByRole('button', { name: 'Check links' }).click();
  await expect(page.getByText('Checking links needs the desktop app')).toBeVisible();
});
