import ExcelJS from 'exceljs';
import type { Locator, Page } from '@playwright/test';
import { verifyConsolidatedJson } from '../../shared/merge/consolidated';
import { editedBytes, jsonBytes, mergeSigner, signedDocument, workbookBytes } from '../helpers/merge-fixtures';
import type { SavedFile } from './fixtures';
import { collectDownloads, createIdentity, expect, expectNoAxeViolations, pickFiles, test } from './fixtures';

/**
 * The coordinator's merge (issue 7) in the web app, end to end: six files for two countries (one
 * with two ministries that disagree on one question, as JSON and Excel), a tampered file, a
 * duplicate and an older version. Made in this process with the app's own signing code.
 */
async function sixFiles(): Promise<SavedFile[]> {
  const finance = await mergeSigner('Mari Mets', 'Ministry of Finance', 'mari.mets@example.ee');
  const economy = await mergeSigner('Jaan Tamm', 'Ministry of Economic Affairs', 'jaan.tamm@example.ee');
  const chile = await mergeSigner('Ana Rojas', 'Secretaría de Gobierno Digital', 'ana.rojas@example.cl');
  const financeDoc = await signedDocument({ signer: finance, place: 'Estonia', answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 12 }, signedAt: '2024-05-02T09:00:00.000Z' });
  const economyDoc = await signedDocument({ signer: economy, place: 'Estonia', answers: { 'A.1': 'https://www.gov.ee/', 'B.3': 12, 'B.4': 87.5 }, signedAt: '2024-05-03T09:00:00.000Z' });
  const chileOld = await signedDocument({ signer: chile, place: 'Chile', answers: { 'A.1': 'https://www.gob.cl/', 'B.3': 40 }, signedAt: '2024-04-01T09:00:00.000Z' });
  const chileNew = await signedDocument({ signer: chile, place: 'Chile', answers: { 'A.1': 'https://www.gob.cl/', 'B.3': 45 }, signedAt: '2024-05-01T09:00:00.000Z', revises: chileOld.submissionId });
  const tamperedSource = await signedDocument({ signer: finance, place: 'Estonia', answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 13 }, signedAt: '2024-05-04T09:00:00.000Z' });
  const buffer = (bytes: Uint8Array) => Buffer.from(bytes);
  return [
    { name: 'estonia-finance.json', buffer: buffer(jsonBytes(financeDoc)) },
    { name: 'estonia-economy.xlsx', buffer: buffer(await workbookBytes(economyDoc)) },
    { name: 'estonia-tampered.json', buffer: buffer(editedBytes(tamperedSource, 'B.3', 999)) },
    { name: 'chile-april.json', buffer: buffer(jsonBytes(chileOld)) },
    { name: 'chile-may.json', buffer: buffer(jsonBytes(chileNew)) },
    { name: 'chile-may-copy.json', buffer: buffer(jsonBytes(chileNew)) },
  ];
}

async function openMerge(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Merge submissions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge submissions' })).toBeVisible();
}

function fileRow(page: Page, name: string): Locator {
  return page.getByRole('table', { name: 'Files' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name.replace('.', '\\.')}`) }) });
}

async function sheetRows(sheet: ExcelJS.Worksheet | undefined): Promise<string[][]> {
  if (!sheet) throw new Error('missing sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) values.push(row.getCell(c).text);
    rows.push(values);
  });
  return Promise.resolve(rows);
}

test('six files: verified in workers, the tampered one kept out, the conflict resolved with a reason, the workbook exported', async ({ page }) => {
  const files = await sixFiles();
  await openMerge(page);
  await pickFiles(page, 'Add files…', files);
  await expect(page.getByRole('status').filter({ hasText: '6 files verified and added.' })).toBeVisible({ timeout: 15_000 });
  // In web workers (the Excel file too: exceljs is loaded inside the worker), not on the page.
  await expect(page.locator('.intake-status')).toHaveAttribute('data-verified-on', 'workers');

  // Every file is in the table with its verification and standing.
  const table = page.getByRole('table', { name: 'Files' });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(fileRow(page, 'estonia-tampered.json')).toContainText('Changed after signing: answers.B.3');
  await expect(fileRow(page, 'estonia-tampered.json')).toContainText('Kept out: needs your decision');
  await expect(fileRow(page, 'estonia-economy.xlsx')).toContainText('Valid');
  await expect(fileRow(page, 'estonia-economy.xlsx')).toContainText('not on your trusted list');
  await expect(fileRow(page, 'chile-may-copy.json')).toContainText('Duplicate of chile-may.json');
  await expect(fileRow(page, 'chile-april.json')).toContainText('Superseded by chile-may.json');
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('Respondents2');
  await expect(summary).toContainText('Open conflicts1');
  await expect(summary).toContainText('Files needing a decision1');

  // The "Needs a decision" filter shows just the tampered file.
  await page.getByRole('radio', { name: 'Needs a decision (1)' }).check();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByRole('radio', { name: 'All (6)' }).check();

  // The conflict: both values, their authors and files.
  const card = page.locator('.conflict-card[data-question="A.1"]');
  await expect(card).toHaveAttribute('data-status', 'conflict');
  await expect(card).toContainText('Address (URL) of the national government portal');
  await expect(card).toContainText('OSI #1');
  await expect(card).toContainText('Ministry of Finance — Mari Mets, estonia-finance.json');
  await expect(card).toContainText('Ministry of Economic Affairs — Jaan Tamm, estonia-economy.xlsx');
  await expectNoAxeViolations(page, 'the merge screen with an open conflict');

  // Resolve it with the keyboard: the radio button, the reason, then Enter on the button.
  await card.getByRole('button', { name: /^Save decision/ }).press('Enter');
  await expect(card.getByText('Choose a value, combine them, or write one.')).toBeVisible();
  await card.getByRole('radio', { name: /^Use value 2: https:\/\/www\.gov\.ee\/ \(Ministry of Economic Affairs\)/ }).press('Space');
  await expect(card.getByRole('radio', { name: /^Use value 2/ })).toBeChecked();
  await card.getByLabel('Reason').fill('The portal named in the 2024 e-government strategy');
  await card.getByRole('button', { name: /^Save decision/ }).press('Enter');
  await expect(card).toHaveAttribute('data-status', 'resolved');
  await expect(card).toContainText('Decision (a value chosen): https://www.gov.ee/');
  await expect(card).toContainText('Reason: The portal named in the 2024 e-government strategy');
  await expect(page.getByRole('status').filter({ hasText: 'Decision saved for A.1 (Estonia).' })).toBeVisible();
  await expect(summary).toContainText('Open conflicts0');

  // Export the workbook and read it back.
  const downloads = collectDownloads(page);
  await page.getByRole('button', { name: 'Export workbook (.xlsx)' }).click();
  const [saved] = await downloads(1);
  expect(saved?.name).toMatch(/^consolidated-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  const bytes = saved?.buffer ?? Buffer.alloc(0);
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

  const wide = await sheetRows(workbook.getWorksheet('Wide'));
  const header = wide[0] ?? [];
  const placeColumn = header.indexOf('place');
  const portalColumn = header.findIndex((h) => h === 'A.1' || h.startsWith('A.1 ['));
  expect(placeColumn).toBeGreaterThanOrEqual(0);
  expect(portalColumn).toBeGreaterThanOrEqual(0);
  expect(wide[1]?.[portalColumn]).toContain('Address (URL) of the national government portal');
  const respondents = wide.slice(2);
  expect(respondents).toHaveLength(2);
  const byPlace = new Map(respondents.map((row) => [row[placeColumn], row]));
  expect(byPlace.get('Estonia')?.[portalColumn]).toBe('https://www.gov.ee/');
  expect(byPlace.get('Chile')?.[portalColumn]).toBe('https://www.gob.cl/');

  const conflicts = await sheetRows(workbook.getWorksheet('Conflicts'));
  const conflictHeader = conflicts[0] ?? [];
  const resolved = conflicts.slice(1).find((row) => row[conflictHeader.indexOf('question')] === 'A.1');
  expect(resolved?.[conflictHeader.indexOf('status')]).toBe('resolved');
  expect(resolved?.[conflictHeader.indexOf('chosen_value')]).toBe('https://www.gov.ee/');
  expect(resolved?.[conflictHeader.indexOf('reason')]).toBe('The portal named in the 2024 e-government strategy');

  const filesSheet = await sheetRows(workbook.getWorksheet('Files'));
  const fileColumn = (filesSheet[0] ?? []).indexOf('file');
  expect(filesSheet.slice(1).map((row) => row[fileColumn]).sort()).toEqual(files.map((f) => f.name).sort());
});

test('decisions are kept: after a reload, adding the same files again brings the resolution back', async ({ page }) => {
  const files = await sixFiles();
  await openMerge(page);
  await pickFiles(page, 'Add files…', files);
  const card = page.locator('.conflict-card[data-question="A.1"]');
  await card.getByRole('radio', { name: /^Use value 1/ }).check();
  await card.getByLabel('Reason').fill('Confirmed with the ministry');
  await card.getByRole('button', { name: /^Save decision/ }).click();
  await expect(card).toHaveAttribute('data-status', 'resolved');

  // The tampered file: included, with a reason, then the choice undone.
  const tampered = fileRow(page, 'estonia-tampered.json');
  await tampered.getByRole('button', { name: /^Include…/ }).click();
  await tampered.getByRole('button', { name: 'Include the file' }).click();
  await expect(tampered.getByText('Give a reason: the consolidated dataset records it.')).toBeVisible();
  await tampered.getByLabel(/Why include estonia-tampered\.json/).fill('Only the count was corrected, by phone');
  await tampered.getByRole('button', { name: 'Include the file' }).click();
  await expect(tampered).toContainText('Included despite the problem: Only the count was corrected, by phone');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge submissions' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Files' })).toHaveCount(0);
  await pickFiles(page, 'Add files…', files);
  await expect(page.locator('.conflict-card[data-question="A.1"]')).toHaveAttribute('data-status', 'resolved');
  await expect(page.locator('.conflict-card[data-question="A.1"]')).toContainText('Reason: Confirmed with the ministry');
  await expect(fileRow(page, 'estonia-tampered.json')).toContainText('Included despite the problem');

  // Signing the consolidated JSON needs an identity; the intake stays while the person creates one.
  await expect(page.getByRole('button', { name: 'Export signed JSON' })).toBeDisabled();
  await page.getByRole('link', { name: 'Create it on the signing identity screen' }).click();
  await createIdentity(page, { name: 'Liis Kask', organisation: 'Government CIO Office', email: 'liis.kask@example.ee' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Merge submissions' }).click();
  await expect(page.getByRole('table', { name: 'Files' }).getByRole('row')).toHaveCount(7);
  const downloads = collectDownloads(page);
  await page.getByRole('button', { name: 'Export signed JSON' }).click();
  await page.getByRole('button', { name: 'Save decisions file…' }).click();
  const [json, decisions] = await downloads(2);
  expect(json?.name).toMatch(/^consolidated-\d{4}-\d{2}-\d{2}\.json$/);
  const verdict = await verifyConsolidatedJson(new Uint8Array(json?.buffer ?? Buffer.alloc(0)));
  expect(verdict.status).toBe('valid');
  if (verdict.status === 'valid') {
    expect(verdict.document.coordinator.name).toBe('Liis Kask');
    expect(verdict.document.files).toHaveLength(6);
  }
  // The decisions file records the decision and the file choice, as the command line reads them.
  const record = JSON.parse(decisions?.buffer.toString('utf8') ?? '{}') as { format?: string; files?: { include?: boolean | null; reason?: string }[]; conflicts?: { question?: string; reason?: string }[] };
  expect(record.format).toBe('egov-desk/merge-decisions');
  expect(record.conflicts?.find((c) => c.question === 'A.1')?.reason).toBe('Confirmed with the ministry');
  expect(record.files?.find((f) => f.include === true)?.reason).toBe('Only the count was corrected, by phone');
});

test('a decisions file written for the command line is loaded and applied', async ({ page }) => {
  const files = await sixFiles();
  await openMerge(page);
  await pickFiles(page, 'Add files…', files);
  await expect(page.locator('.conflict-card[data-question="A.1"]')).toHaveAttribute('data-status', 'conflict');
  const handWritten = {
    format: 'egov-desk/merge-decisions',
    formatVersion: 1,
    files: [],
    conflicts: [{ respondent: 'test-all-types@1.0.0/country/estonia', question: 'A.1', choice: { kind: 'write', value: 'https://www.estonia.ee/' }, reason: 'Agreed at the coordination meeting' }],
  };
  await pickFiles(page, 'Load decisions file…', [{ name: 'decisions.json', buffer: Buffer.from(JSON.stringify(handWritten)) }]);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded decisions.json: 1 conflict decisions and 0 file choices' })).toBeVisible();
  const card = page.locator('.conflict-card[data-question="A.1"]');
  await expect(card).toHaveAttribute('data-status', 'resolved');
  await expect(card).toContainText('Decision (a value written): https://www.estonia.ee/');
  await expect(card).toContainText('Reason: Agreed at the coordination meeting');

  // A file that is not a decisions file is refused with the reason, and nothing changes.
  await pickFiles(page, 'Load decisions file…', [files[0] ?? { name: 'x.json', buffer: Buffer.from('{}') }]);
  await expect(page.getByRole('status').filter({ hasText: 'estonia-finance.json was not loaded: this is a signed submission, not a merge decisions file' })).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'resolved');
});
