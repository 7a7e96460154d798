import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewDocument } from '../../../shared/review/document';
import { QUERIES_SHEET, QUERY_COLUMNS, REVIEW_COVER_SHEET, REVIEW_WORKBOOK_NOTICE, renderReviewWorkbook } from '../../../shared/review/workbook';
import type { SubmissionDocument } from '../../../shared/submission/document';
import type { FoundSheet } from '../../../shared/workbook/xlsx';
import { cellKey, readXlsx } from '../../../shared/workbook/xlsx';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { FORMULA_ANSWERS } from '../../helpers/signed-submission';
import { sheetXml } from '../workbook/xlsx-kit';
import { definition, FORMULA_COMMENT, reviewOf, submissionOf } from './review-kit';

let submission: SubmissionDocument;
let review: ReviewDocument;
let bytes: Uint8Array;
let sheets: FoundSheet[];

const LONG_COMMENT = `=1+1 ${"Long general comment. ".repeat(900)}`.slice(0, 19_999).trim();

beforeAll(async () => {
  submission = (await submissionOf()).document;
  review = (await reviewOf(submission, { generalComment: LONG_COMMENT })).review;
  bytes = await renderReviewWorkbook(review, submission, definition);
  sheets = await readXlsx(bytes);
});

function rowsOf(name: string): string[][] {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return Array.from({ length: sheet.rowCount }, (_, r) => Array.from({ length: sheet.columnCount }, (_, c) => sheet.cells.get(cellKey(r + 1, c + 1))?.text ?? ''));
}

describe('the review workbook', () => {
  it('has a cover and a Queries sheet, nothing hidden', () => {
    expect(sheets.map((s) => [s.name, s.state])).toEqual([
      [REVIEW_COVER_SHEET, 'visible'],
      [QUERIES_SHEET, 'visible'],
    ]);
  });

  it('lists every note in questionnaire order, next to its question and the submitted answer', () => {
    const rows = rowsOf(QUERIES_SHEET);
    expect(rows[0]).toEqual([...QUERY_COLUMNS]);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[4], row[5]])).toEqual([
      ['A.1', 'A. Institutional framework', 'Accepted', ''],
      ['A.2.1', 'A. Institutional framework', 'Query', FORMULA_COMMENT],
      ['B.3', 'B. Online services', 'Query', 'A web portal with no online services? Please confirm.'],
      ['D.1', 'D. Plans', 'Accepted', 'Thank you for the plan.'],
    ]);
    const byId = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(byId.get('A.1')?.[3]).toBe('https://www.gov.example/');
    expect(byId.get('A.2.1')?.[3]).toBe(FORMULA_ANSWERS['A.2.1']);
    expect(byId.get('B.3')?.[3]).toBe('0');
    // Section D is not asked when A.2 is "yes": a note on it shows no answer, not a stale one.
    expect(byId.get('D.1')?.[3]).toBe('');
    expect(byId.get('B.3')?.[2]).not.toBe('');
  });

  it('writes comments and answers that look like formulas as text, never as formulas', async () => {
    for (const sheet of sheets) for (const cell of sheet.cells.values()) expect(cell.formula, cell.text).toBeUndefined();
    const xml = await sheetXml(bytes, QUERIES_SHEET);
    expect(xml).not.toMatch(/<f[ >]/);
    expect(await sheetXml(bytes, REVIEW_COVER_SHEET)).not.toMatch(/<f[ >]/);
  });

  it('names the reviewer, the submission and its hash, says it is not the signed file, and keeps the whole general comment', () => {
    const cover = rowsOf(REVIEW_COVER_SHEET);
    const value = (label: string) => cover.find((row) => row[0] === label)?.[1];
    expect(value('Note')).toBe(REVIEW_WORKBOOK_NOTICE);
    expect(REVIEW_WORKBOOK_NOTICE).toMatch(/not signed/);
    expect(value('Name')).toBe('Amina Diallo');
    expect(value('Submission id')).toBe(submission.submissionId);
    expect(value('Content hash')).toBe(review.submission.contentHash);
    expect(value('Queries')).toBe('2');
    expect(value('Accepted')).toBe('2');
    const start = cover.findIndex((row) => row[0] === 'Comment');
    const comment = cover.slice(start).map((row) => row[1]).join('');
    expect(comment).toBe(LONG_COMMENT);
    expect(cover.length - start).toBe(2);
  });

  it('refuses a submission the review is not about, and a definition the submission does not answer', async () => {
    const other = (await submissionOf({ submissionId: '3c9a1f0e-5b7d-4e2a-9c8b-1d2e3f4a5b6c' })).document;
    await expect(renderReviewWorkbook(review, other, definition)).rejects.toThrow(/not about this submission \(otherSubmission\)/);
    await expect(renderReviewWorkbook(review, submission, loadBundledDefinition('msq-2024'))).rejects.toThrow(/answers questionnaire test-all-types/);
  });
});
