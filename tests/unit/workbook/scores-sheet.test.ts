import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { renderSubmissionWorkbook, verifySubmissionWorkbook } from '../../../shared/workbook';
import { coverSheet } from '../../../shared/workbook/cover';
import type { SheetModel } from '../../../shared/workbook/model';
import { cellText } from '../../../shared/workbook/model';
import { renderWorkbookModel } from '../../../shared/workbook/render-model';
import { SCORE_COLUMNS, SCORE_NOTES } from '../../../shared/workbook/scores-sheet';
import { questionSheets } from '../../../shared/workbook/sections';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { answerRecords, mixedByCriterion, withOutcomes } from '../../helpers/scoring-fixtures';
import { signedSubmission } from '../../helpers/signed-submission';
import { edited, loadWorkbook, sheet } from './xlsx-kit';

/**
 * The Scores sheet of a signed OSI or LOSI workbook (issue 8): after the cover, before the
 * sections, written from the document's signed `scores` and checked cell by cell like the cover.
 */

const rowsOf = (model: SheetModel | undefined): string[][] => (model?.rows ?? []).map((row) => row.cells.map(cellText));

let losi: QuestionnaireDefinition;
let document: SubmissionDocument;

beforeAll(async () => {
  losi = loadBundledDefinition('losi-2024');
  // The first 4 IF and 5 PE indicators yes with evidence, the rest no; then LOSI.281 (the first IF
  // indicator) loses its evidence: IF 3 of 6 met and 1 yes without evidence, PE 5 of 15 met.
  const set = mixedByCriterion(losi, { IF: 4, PE: 5 });
  set.evidence.delete('LOSI.281');
  ({ document } = await signedSubmission({ definition: losi, ...answerRecords(set), acknowledged: [] }));
});

describe('the Scores sheet model', () => {
  it('comes after the cover and before the sections', () => {
    const names = renderWorkbookModel(document, losi).sheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['Cover', 'Scores']);
    expect(names).toHaveLength(losi.sections.length + 2);
  });

  it('shows the method, that it is indicative and how each part is sourced, the index and level, each criterion, and the totals', () => {
    const scores = renderWorkbookModel(document, losi).sheets[1];
    const reconstructed = 'Reconstructed from public sources, not official: confirm before relying on it';
    // 8 of 95 met: 8/95 = 0.08421…, Low.
    expect(rowsOf(scores)).toEqual([
      ['Self-assessment scores (indicative)'],
      [],
      ['Note', SCORE_NOTES[0]],
      ['', SCORE_NOTES[1]],
      ['', SCORE_NOTES[2]],
      [],
      ['Method'],
      ['Method', 'losi-2024-share'],
      ['Instrument', 'LOSI (Local Online Service Index)'],
      ['Indicative', 'Yes: an estimate, not the official index'],
      ['How the index is made', reconstructed],
      ['Level bands', reconstructed],
      [],
      ['Result'],
      ['Index (0-1)', '0.0842'],
      ['Level', 'Low'],
      [],
      [...SCORE_COLUMNS],
      ['IF', '3', '6', '0.5', 'not in the index', '1', '2', '0'],
      ['CP', '0', '30', '0', 'not in the index', '0', '30', '0'],
      ['SP', '0', '22', '0', 'not in the index', '0', '22', '0'],
      ['PE', '5', '15', '0.3333', 'not in the index', '0', '10', '0'],
      ['EGL', '0', '10', '0', 'not in the index', '0', '10', '0'],
      ['TEC', '0', '12', '0', 'not in the index', '0', '12', '0'],
      ['All indicators', '8', '95', '', '', '1', '86', '0'],
    ]);
    expect(SCORE_NOTES.join(' ')).toMatch(/not the official UN index/);
    expect(SCORE_NOTES.join(' ')).toMatch(/only when the evidence/);
    // Rows a reported change names.
    const labels = new Map(scores?.rows.filter((r) => r.label !== undefined).map((r) => [r.label, cellText(r.cells[1])]));
    expect(labels.get('Index')).toBe('0.0842');
    expect(labels.get('Criterion PE')).toBe('5');
  });

  it('shows the OSI weights, EGL outside the index, and the provenance of the weights', async () => {
    const osi = loadBundledDefinition('osi-2024');
    const { document: osiDocument } = await signedSubmission({ definition: osi, ...answerRecords(withOutcomes(osi, {}, 'unanswered')), acknowledged: [] });
    const rows = rowsOf(renderWorkbookModel(osiDocument, osi).sheets[1]);
    expect(rows).toContainEqual(['Weights', 'Reconstructed from public sources, not official: confirm before relying on it']);
    expect(rows).toContainEqual(['Index (0-1)', '0']);
    expect(rows.find((row) => row[0] === 'SP')?.[4]).toBe('0.45');
    expect(rows.find((row) => row[0] === 'EGL')?.[4]).toBe('not in the index');
  });

  it('renders a workbook without scores exactly as before: the cover, then the sections', async () => {
    for (const id of ['test-all-types', 'msq-2024']) {
      const definition = loadBundledDefinition(id);
      const { document: plain } = await signedSubmission(id === 'test-all-types' ? {} : { definition, answers: {}, evidence: {}, acknowledged: [] });
      expect(plain.scores).toBeUndefined();
      const model = renderWorkbookModel(plain, definition);
      expect(model).toEqual({ sheets: [coverSheet(plain), ...questionSheets(plain, definition)] });
      expect(model.sheets.map((s) => s.name)).not.toContain('Scores');
    }
  });

  it('leaves a section called "Scores" its name and takes the next free one', async () => {
    const renamed: QuestionnaireDefinition = { ...losi, sections: losi.sections.map((s) => (s.code === 'PE' ? { ...s, title: 'Scores' } : s)) };
    const { document: doc } = await signedSubmission({ definition: renamed, ...answerRecords(mixedByCriterion(renamed, { PE: 1 })), acknowledged: [] });
    const names = renderWorkbookModel(doc, renamed).sheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['Cover', 'Scores (2)']);
    expect(names).toContain('Scores');
    expect(await verifySubmissionWorkbook(await renderSubmissionWorkbook(doc, renamed), [], renamed)).toMatchObject({ status: 'valid' });
  });
});

describe('the Scores sheet in the .xlsx file', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await renderSubmissionWorkbook(document, losi);
  });

  it('is the second visible sheet, all text, and the workbook verifies', async () => {
    const workbook = await loadWorkbook(bytes);
    const visible = workbook.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(visible.slice(0, 2)).toEqual(['Cover', 'Scores']);
    const scores = sheet(workbook, 'Scores');
    expect(scores.getCell('B15').value).toBe('0.0842');
    expect(scores.getCell('B15').numFmt).toBe('@');
    expect(await verifySubmissionWorkbook(bytes, [], losi)).toMatchObject({ status: 'valid' });
    expect(await verifySubmissionWorkbook(bytes)).toMatchObject({ status: 'valid' });
  });

  it('reports an edited score cell as a change, naming the cell and what it shows', async () => {
    const changed = await edited(bytes, (workbook) => {
      const scores = sheet(workbook, 'Scores');
      scores.getCell('B15').value = '0.9';
      scores.getCell('B16').value = 'Very high';
      scores.getCell('D22').value = '1';
    });
    expect(await verifySubmissionWorkbook(changed, [], losi)).toMatchObject({
      status: 'changed',
      changes: [
        { where: 'Scores!B15 (Index)', signed: '0.0842', found: '0.9' },
        { where: 'Scores!B16 (Level)', signed: 'Low', found: 'Very high' },
        { where: 'Scores!D22 (Criterion PE)', signed: '0.3333', found: '1' },
      ],
    });
  });

  it('reports a deleted Scores sheet', async () => {
    const changed = await edited(bytes, (workbook) => {
      workbook.removeWorksheet(sheet(workbook, 'Scores').id);
    });
    expect(await verifySubmissionWorkbook(changed, [], losi)).toMatchObject({ status: 'changed', changes: [{ where: 'Scores (sheet)' }] });
  });
});
