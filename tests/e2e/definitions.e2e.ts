import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';

function definition(version: string, label: string) {
  return {
    schemaVersion: 1,
    id: 'city-pulse',
    edition: '2026',
    version,
    title: 'City pulse survey',
    languages: ['en'],
    respondentKind: 'city',
    provenance: 'reconstructed',
    provenanceNote: 'Drafted by the network coordinator.',
    sections: [
      {
        id: 'A',
        title: 'A. Portal',
        questions: [
          { id: 'A.1', type: 'yesNo', label, indicators: ['LOSI #281'], guidance: { what: 'An official portal of the city.' } },
          { id: 'A.2', type: 'url', label: 'Portal address', relevant: { question: 'A.1', op: 'equals', value: 'yes' } },
        ],
      },
    ],
  };
}

async function importFile(page: Page, name: string, content: string | Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import a questionnaire definition…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

test('imports a new edition, lists it with its edition, and answers it like a built-in one', async ({ page }) => {
  await page.goto('/');
  await importFile(page, 'city-pulse-1.0.0.json', JSON.stringify(definition('1.0.0', 'Does the city have an official portal?')));
  await expect(page.getByRole('status').filter({ hasText: 'Added: City pulse survey, edition 2026, version 1.0.0.' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: 'City pulse survey' });
  await expect(card).toContainText('Edition 2026 · version 1.0.0 · 2 questions · imported');
  await expect(card).toContainText('Reconstructed from public documentation.');
  await expectNoAxeViolations(page, 'home after an import');

  await card.getByRole('link', { name: /Start a response to City pulse survey/ }).click();
  await page.getByRole('textbox', { name: /^City/ }).fill('Montevideo');
  await page.getByLabel('Organisation').fill('Intendencia de Montevideo');
  await page.getByLabel('Focal point name').fill('Ana');
  await page.getByLabel('Focal point e-mail').fill('ana@example.uy');
  await page.getByRole('button', { name: 'Create response' }).click();
  await page.getByRole('radiogroup', { name: /official portal/ }).getByLabel('Yes').check();
  await expect(page.getByLabel('Portal address')).toBeVisible();

  // A second edition does not disturb the response in progress.
  await page.getByRole('link', { name: '← Back to home' }).click();
  await importFile(page, 'city-pulse-1.1.0.json', JSON.stringify(definition('1.1.0', 'Is there an official city portal?')));
  await expect(page.getByRole('status').filter({ hasText: 'version 1.1.0' })).toBeVisible();
  await page.getByRole('button', { name: /Open the response of Montevideo/ }).click();
  await expect(page.getByRole('radiogroup', { name: 'Does the city have an official portal?' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: /official portal/ }).getByLabel('Yes')).toBeChecked();
});

test('refuses a malformed, a conflicting and a huge file with a precise message, storing nothing', async ({ page }) => {
  await page.goto('/');
  const cards = page.locator('.cards > li');
  // Count once the built-in questionnaires are listed, not while the catalog is still loading.
  await expect(cards.first()).toBeVisible();
  const before = await cards.count();

  await importFile(page, 'broken.json', '{ "schemaVersion": 1, "id": ');
  const alert = page.getByRole('alert').filter({ hasText: 'broken.json was not imported.' });
  await expect(alert).toContainText('not valid JSON');
  await expect(alert).toContainText('Nothing was stored.');

  const missing = definition('1.0.0', 'Portal?');
  missing.sections[0]?.questions.push({ id: 'A.3', type: 'shortText', label: 'x', relevant: { question: 'Z.9', op: 'equals', value: 'yes' } });
  await importFile(page, 'dangling.json', JSON.stringify(missing));
  await expect(page.getByRole('alert').filter({ hasText: 'dangling.json was not imported.' })).toContainText(
    'sections[0].questions[2].relevant.question: refers to question "Z.9", which does not exist',
  );

  await importFile(page, 'huge.json', Buffer.alloc(6 * 1024 * 1024, 0x20));
  await expect(page.getByRole('alert').filter({ hasText: 'huge.json was not imported.' })).toContainText('at most');

  await importFile(page, 'ok.json', JSON.stringify(definition('1.0.0', 'Portal?')));
  await importFile(page, 'changed.json', JSON.stringify(definition('1.0.0', 'Portal, reworded?')));
  await expect(page.getByRole('alert').filter({ hasText: 'changed.json was not imported.' })).toContainText('already exists with different content');
  await expect(cards).toHaveCount(before + 1);
});

test('a file with markup in its labels is refused; plain text with < > & is shown as text, never as HTML', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto('/');
  await importFile(page, 'hostile.json', JSON.stringify(definition('3.0.0', '<img src=x onerror="alert(1)"><script>alert(2)</script> Portal?')));
  const alert = page.getByRole('alert').filter({ hasText: 'hostile.json was not imported.' });
  await expect(alert).toContainText('sections[0].questions[0].label');
  await expect(alert).toContainText('must be plain text');
  await expect(page.getByRole('listitem').filter({ hasText: 'City pulse survey' })).toHaveCount(0);

  const tricky = 'Offices with <5 staff & more than 2 > 1, written &lt;b&gt;?';
  const def = definition('3.1.0', tricky);
  def.title = 'City pulse &amp; more';
  await importFile(page, 'tricky.json', JSON.stringify(def));
  const card = page.getByRole('listitem').filter({ hasText: 'City pulse &amp; more' });
  await card.getByRole('link', { name: /Start a response/ }).click();
  await page.getByRole('textbox', { name: /^City/ }).fill('Lagos');
  await page.getByLabel('Organisation').fill('LASG');
  await page.getByLabel('Focal point name').fill('Tunde');
  await page.getByLabel('Focal point e-mail').fill('t@example.ng');
  await page.getByRole('button', { name: 'Create response' }).click();
  await expect(page.getByText(tricky)).toBeVisible();
  expect(await page.locator('main img, main script, main b').count()).toBe(0);
  expect(dialogs).toBe(0);
});
