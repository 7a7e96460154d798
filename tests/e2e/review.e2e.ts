import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';

/**
 * Signed files made with the command line (dist/cli.cjs, built before the e2e tests run), as a
 * focal point on another machine would send them.
 */
function signedFiles(): { json: Buffer; xlsx: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'egov-review-'));
  const cli = (...args: string[]) => execFileSync(process.execPath, [join(import.meta.dirname, '../../dist/cli.cjs'), ...args], { cwd: dir, stdio: 'pipe' });
  cli('keygen', '--name', 'Wanjiru Kamau', '--org', 'ICT Authority', '--email', 'wanjiru@example.ke', '--out', 'me');
  cli('sample', '--questionnaire', 'test-all-types', '--seed', '3', '--out', 'response.json');
  cli('export', 'response.json', '--identity', 'me/identity.json', '--format', 'json', '--out', 'submission.json');
  cli('export', 'response.json', '--identity', 'me/identity.json', '--format', 'xlsx', '--out', 'submission.xlsx');
  return { json: readFileSync(join(dir, 'submission.json')), xlsx: readFileSync(join(dir, 'submission.xlsx')) };
}

async function open(page: Page, name: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a submission…' }).first().click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
  await expect(page.getByRole('heading', { level: 1, name: 'Review a submission' })).toBeVisible();
}

const banner = (page: Page) => page.locator('.verification-banner');

test('a valid file: banner "valid", the signer added to the trusted list, then "trusted"; answers readable and searchable', async ({ page }) => {
  const { json } = signedFiles();
  await page.goto('/');
  await open(page, 'submission.json', json);
  await expect(banner(page)).toContainText('Valid, but the signer is not on your trusted list: Wanjiru Kamau (ICT Authority)');
  await expect(banner(page)).toContainText(/Key id: ([0-9a-f]{4} ){15}[0-9a-f]{4}/);
  await banner(page).getByRole('button', { name: 'Add to trusted signers' }).click();
  await expect(banner(page)).toContainText('Valid, from a trusted signer: Wanjiru Kamau (ICT Authority)');

  // The answers, read-only, with evidence and the section overview.
  const portal = page.locator('[data-question-id="A.1"]');
  await expect(portal).toContainText('Address (URL) of the national government portal');
  await expect(page.getByRole('navigation', { name: 'Sections of the submission' })).toContainText('A. Institutional framework');
  // Read-only: the answers are text, not fields (only the reviewer's own accept/query choices are controls).
  await expect(portal.locator('input:not([type=radio]), textarea, select')).toHaveCount(0);
  await page.getByLabel('Search within answers').fill('strategy');
  await expect(page.getByRole('status').filter({ hasText: /questions? match/ })).toBeVisible();
  await expect(page.locator('[data-question-id="A.4"]')).toHaveCount(0);
  await expectNoAxeViolations(page, 'the review of a valid submission');

  // The trusted list shows the signer.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verify files' }).click();
  await expect(page.getByRole('region', { name: 'Trusted signers' })).toContainText(/Wanjiru Kamau \(ICT Authority, wanjiru@example.ke\) · ([0-9a-f]{4} ){15}[0-9a-f]{4} · added /);
});

test('a workbook with an edited answer shows "changed after signing" with the signed and the current value', async ({ page }) => {
  const { xlsx } = signedFiles();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
  let edited: string | undefined;
  workbook.eachSheet((sheet) => {
    if (sheet.state !== 'visible' || edited) return;
    sheet.eachRow((row) => {
      if (!edited && row.getCell(1).text === 'A.1') {
        edited = row.getCell(4).text;
        row.getCell(4).value = 'https://phishing.example/';
      }
    });
  });
  expect(edited).toBeTruthy();
  const changed = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.goto('/');
  await open(page, 'edited.xlsx', changed);
  await expect(banner(page)).toContainText('Changed after signing: do not rely on this file.');
  await expect(banner(page)).toContainText('question A.1');
  await expect(banner(page)).toContainText(`signed: ${edited ?? ''}`);
  await expect(banner(page)).toContainText('now: https://phishing.example/');
});

test('a file that is not a submission, or garbage, gets a clear message and nothing is stored', async ({ page }) => {
  await page.goto('/');
  await open(page, 'notes.json', Buffer.from(JSON.stringify({ hello: 'world' })));
  await expect(banner(page)).toContainText('Unreadable: this is not an EGov Desk submission.');
  await open(page, 'garbage.xlsx', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 11) % 256)));
  await expect(banner(page)).toContainText('Unreadable:');
  // Nothing was stored: no response appeared and the trusted list is still empty.
  await page.getByRole('link', { name: 'Responses' }).click();
  await expect(page.getByText('No responses yet.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verify files' }).click();
  await expect(page.getByText('No trusted signers yet.')).toBeVisible();
});
