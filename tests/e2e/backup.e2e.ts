import type { Page } from '@playwright/test';
import type { Respondent, SavedFile } from './fixtures';
import { createIdentity, expect, expectNoAxeViolations, expectSaved, pickFiles, section, startResponse, test } from './fixtures';

const estonia: Respondent = { place: 'Estonia', organisation: 'Information System Authority', name: 'Kai Tamm', email: 'kai.tamm@example.ee' };
const chile: Respondent = { place: 'Chile', organisation: 'División de Gobierno Digital', name: 'Ana Pérez', email: 'ana.perez@example.cl' };

interface Answers {
  readonly portal: string;
  readonly title: string;
  readonly year: string;
  readonly evidence: string;
}

const estoniaAnswers: Answers = { portal: 'https://www.eesti.example/', title: 'Digital Estonia 2030 — «e-State»', year: '2021', evidence: 'https://www.eesti.example/strategy.pdf' };
const chileAnswers: Answers = { portal: 'https://www.gob.example/', title: 'Estrategia de Transformación Digital', year: '2019', evidence: 'https://www.gob.example/estrategia.pdf' };

/** Starts a response and answers four questions, one with an evidence link, and a multiple choice. */
async function answer(page: Page, who: Respondent, answers: Answers): Promise<void> {
  await startResponse(page, who);
  await page.getByLabel('Address (URL) of the national government portal').fill(answers.portal);
  const strategy = page.locator('[data-question-id="A.2"]');
  await strategy.getByRole('radiogroup').getByLabel('Yes').check();
  await page.getByLabel('Title of the strategy').fill(answers.title);
  await page.getByLabel('Year the strategy was adopted').fill(answers.year);
  await strategy.getByRole('button', { name: 'Add evidence link' }).click();
  await strategy.getByLabel('Web address').fill(answers.evidence);
  await strategy.getByLabel('Title', { exact: true }).fill('The strategy');
  await strategy.getByRole('button', { name: 'Save link' }).click();
  await expect(strategy.getByRole('listitem')).toHaveCount(1);
  await section(page, 'B. Online services').click();
  await page.getByRole('group', { name: /Through which channels/ }).getByLabel('SMS').check();
  await expectSaved(page);
}

/** Opens a response from the home screen and checks every answer and the evidence link. */
async function expectAnswers(page: Page, who: Respondent, answers: Answers): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: `Open the response of ${who.place} — ${who.organisation}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
  await expect(page.getByLabel('Address (URL) of the national government portal')).toHaveValue(answers.portal);
  const strategy = page.locator('[data-question-id="A.2"]');
  await expect(strategy.getByRole('radiogroup').getByLabel('Yes')).toBeChecked();
  await expect(page.getByLabel('Title of the strategy')).toHaveValue(answers.title);
  await expect(page.getByLabel('Year the strategy was adopted')).toHaveValue(answers.year);
  await expect(strategy.getByRole('listitem')).toHaveCount(1);
  await expect(strategy.getByRole('link', { name: /The strategy/ })).toHaveAttribute('href', answers.evidence);
  await section(page, 'B. Online services').click();
  const channels = page.getByRole('group', { name: /Through which channels/ });
  await expect(channels.getByLabel('SMS')).toBeChecked();
  await expect(channels.getByLabel('Web portal')).not.toBeChecked();
}

async function openBackupScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Back up and restore' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Back up and restore' })).toBeVisible();
}

async function backUp(page: Page): Promise<SavedFile> {
  await openBackupScreen(page);
  await expect(page.getByTestId('last-backup')).toHaveText('Never backed up.');
  const download = page.waitForEvent('download');
  await page.getByRole('main').getByRole('button', { name: 'Back up now' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^egov-desk-backup-\d{4}-\d{2}-\d{2}\.json$/);
  // The web build hands the file to the browser as a download: never claimed "saved".
  await expect(page.getByRole('status').filter({ hasText: 'Backup downloaded — check your downloads folder for' })).toBeVisible();
  await expect(page.getByTestId('last-backup')).toHaveText(/^Last backup downloaded (now|this minute|\d+ seconds? ago|1 minute ago)\.$/);
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  return { name: file.suggestedFilename(), buffer: await readFile(path) };
}

test('back up, clear all site data, restore: every response and answer is back', async ({ page }) => {
  // Checking a backup before saving it, and reading one to restore, run in a module worker.
  const workers: string[] = [];
  page.on('worker', (worker) => { workers.push(worker.url()); });
  await answer(page, estonia, estoniaAnswers);
  await answer(page, chile, chileAnswers);

  // The web build's note on the home screen, prominent while there is no backup.
  await page.goto('/');
  const reminder = page.getByRole('region', { name: 'Browser storage' });
  await expect(reminder).toContainText('Your answers are stored in this browser, which may clear them');
  await expect(reminder).toContainText('Never backed up.');

  const backup = await backUp(page);
  const file = JSON.parse(backup.buffer.toString('utf8')) as { format: string; tables: { responses: unknown[]; answers: unknown[]; evidence: unknown[] } };
  expect(file.format).toBe('egov-desk/backup');
  expect(file.tables.responses).toHaveLength(2);
  expect(file.tables.evidence).toHaveLength(2);
  await expect(page.getByTestId('persistence')).toHaveText(/^Storage is (persistent|not persistent)/);
  await expectNoAxeViolations(page, 'the backup screen');

  // Clear everything the browser keeps for this site, as "clear browsing data" would.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'all' });
  await page.goto('/');
  await page.reload();
  await expect(page.getByText('No responses yet.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Browser storage' })).toContainText('Never backed up.');

  // Restore: the plan first, then the data.
  await openBackupScreen(page);
  await pickFiles(page, 'Choose a backup file…', [backup]);
  await expect(page.getByRole('heading', { name: 'What restoring this backup will do' })).toBeFocused();
  await expect(page.getByTestId('plan-responses')).toHaveText('Responses: 2 to add.');
  const planTable = page.getByRole('table', { name: 'Responses in the backup' });
  await expect(planTable.getByRole('row')).toHaveCount(3);
  await expect(planTable.getByRole('row', { name: /Estonia — Information System Authority/ })).toContainText('Not on this device');
  await expect(planTable.getByRole('row', { name: /Chile/ })).toContainText('Added');
  await expectNoAxeViolations(page, 'the restore summary');
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored 2 responses and 0 other records.' })).toBeVisible();
  expect(workers.filter((url) => /read-worker/.test(url)).length).toBeGreaterThanOrEqual(2);

  await expectAnswers(page, estonia, estoniaAnswers);
  await expectAnswers(page, chile, chileAnswers);
});

test('restoring onto a device where a response is newer keeps it; a bad file changes nothing', async ({ page }) => {
  await answer(page, estonia, estoniaAnswers);
  await answer(page, chile, chileAnswers);
  const backup = await backUp(page);

  // A recent backup: the home screen's note shrinks to one line.
  await page.goto('/');
  const reminder = page.getByRole('region', { name: 'Browser storage' });
  await expect(reminder).toContainText('Answers are stored in this browser, which can clear them: keep your backup file.');
  await expect(reminder).toContainText('Last backup downloaded');
  await expect(reminder).not.toContainText('which may clear them');

  // After the backup, Estonia's response changes on this device.
  await page.getByRole('button', { name: `Open the response of ${estonia.place} — ${estonia.organisation}` }).click();
  await page.getByLabel('Title of the strategy').fill('Revised after the backup');
  await expectSaved(page);

  // A file that is not a backup: a specific reason, nothing changed.
  await page.goto('/#/backup');
  await pickFiles(page, 'Choose a backup file…', [{ name: 'notes.json', buffer: Buffer.from('{"hello": "world"}') }]);
  await expect(page.getByRole('alert')).toContainText('This file cannot be restored: it is not an EGov Desk backup. Nothing was changed.');
  // The backup with one answer edited by hand: refused by its checksum.
  const edited = Buffer.from(backup.buffer.toString('utf8').replace(estoniaAnswers.title, 'Forged title'));
  await pickFiles(page, 'Choose a backup file…', [{ name: backup.name, buffer: edited }]);
  await expect(page.getByRole('alert')).toContainText('it is damaged or was edited by hand');

  await pickFiles(page, 'Choose a backup file…', [backup]);
  await expect(page.getByTestId('plan-responses')).toHaveText('Responses: 1 kept, 1 already the same.');
  const planTable = page.getByRole('table', { name: 'Responses in the backup' });
  await expect(planTable.getByRole('row', { name: /Estonia/ })).toContainText('Kept: newer on this device');
  await expect(planTable.getByRole('row', { name: /Chile/ })).toContainText('Already the same');
  // Something differs (kept), so it is not "already on this device".
  await expect(page.getByText('With these choices, nothing would be restored')).toBeVisible();
  await expect(page.getByText('already on this device')).toHaveCount(0);

  // By keyboard only: the plan's heading has the focus; Tab reaches the opt-in, Space ticks it, and
  // the plan says the newer response here would be replaced; Space again, Tab, Enter closes.
  await expect(page.getByRole('heading', { name: 'What restoring this backup will do' })).toBeFocused();
  const replaceNewer = page.getByLabel('Also replace data that is newer on this device, or differs with the same time (1 record)');
  await page.keyboard.press('Tab');
  await expect(replaceNewer).toBeFocused();
  await page.keyboard.press('Space');
  await expect(replaceNewer).toBeChecked();
  await expect(planTable.getByRole('row', { name: /Estonia/ })).toContainText('Replaced by the backup’s copy');
  await expect(page.getByTestId('plan-responses')).toHaveText('Responses: 1 to replace, 1 already the same.');
  await expectNoAxeViolations(page, 'the restore summary with a kept response');
  await page.keyboard.press('Space');
  await expect(replaceNewer).not.toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Close', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  const cancelled = page.getByText('Restore cancelled. Nothing was changed.');
  await expect(cancelled).toBeVisible();
  // The focus goes to the outcome, not back to the top of the page.
  await expect(page.locator(':focus')).toContainText('Restore cancelled. Nothing was changed.');

  await expectAnswers(page, estonia, { ...estoniaAnswers, title: 'Revised after the backup' });
  await expectAnswers(page, chile, chileAnswers);
});

/** Clears everything the browser keeps for the app's origin, then opens the app afresh. */
async function clearSiteData(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'all' });
  await page.goto('/');
  await page.reload();
}

test('an identity restored without its private key says so, and a new key fixes it', async ({ page }) => {
  await page.goto('/');
  await createIdentity(page, { name: 'Kai Tamm', organisation: 'Information System Authority', email: 'kai.tamm@example.ee' });
  await expect(page.getByTestId('missing-key')).toHaveCount(0);
  const backup = await backUp(page);
  expect(backup.buffer.toString('utf8')).not.toContain('privateKey');

  await clearSiteData(page);
  await openBackupScreen(page);
  // Another window of the app is open meanwhile: after the restore it must not keep the old data.
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(other.getByRole('heading', { level: 1 })).toBeVisible();

  await pickFiles(page, 'Choose a backup file…', [backup]);
  await expect(page.getByTestId('plan-other')).toHaveText('Other data: 1 to add.');
  // Each table's rows, named: here the identity, by name and e-mail.
  const identities = page.getByTestId('plan-table-identities');
  await identities.getByText('Signing identities: 1 to add').click();
  await expect(identities.getByRole('listitem')).toHaveText('Kai Tamm <kai.tamm@example.ee>: Added');
  await expectNoAxeViolations(page, 'the restore summary with other data');
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored 0 responses and 1 other record.' })).toBeVisible();
  await expect(other.getByText('Data on this device was restored from a backup in another window; reloading.')).toBeVisible();
  await other.close();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signing identity' }).click();
  await expect(page.getByRole('heading', { name: 'Current identity' })).toBeVisible();
  await expect(page.getByTestId('missing-key')).toContainText('This device has no private key for this identity');
  await page.getByRole('button', { name: 'Replace key…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replace key' }).click();
  await expect(page.getByRole('heading', { name: 'Previous keys' })).toBeVisible();
  await expect(page.getByTestId('missing-key')).toHaveCount(0);
});
