import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConsolidated, consolidatedFileText, signConsolidated, unsignedConsolidatedSchema, verifyConsolidatedJson } from '../../../shared/merge/consolidated';
import { csvFiles } from '../../../shared/merge/csv';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConflictDecision, MergeResult } from '../../../shared/merge/model';
import type { Table, TableCell } from '../../../shared/merge/tables';
import { consolidatedTables, respondentScores, SCORES_LEADING_COLUMNS, SCORES_TRAILING_COLUMNS } from '../../../shared/merge/tables';
import { valueKey } from '../../../shared/merge/value-key';
import { renderConsolidatedWorkbook } from '../../../shared/merge/workbook';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { answerRecords, mixedByCriterion } from '../../helpers/scoring-fixtures';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { bundled, intakeOf, mergeSigner, signedDocument, testKey } from '../../helpers/merge-fixtures';

/**
 * The coordinator's Scores table (issue 8, item 4): one row per respondent of a scored instrument,
 * computed from the merged answers and evidence, in the tables, the CSV, the workbook and the
 * consolidated JSON; and nothing of it when no merged questionnaire is scored.
 *
 * Two LOSI cities and one MSQ country:
 * - Tallinn, one contribution: IF 6 of 6 and CP 15 of 30 met, every other indicator answered no:
 *   21 of 95 = 0.2211, Low.
 * - Tartu, two contributions: the Digital Office meets the first 3 IF and the first 5 PE indicators
 *   (the rest no); the Communications Office answers LOSI.281 (the first IF indicator) no. LOSI.281
 *   is then an open conflict and counts as unanswered: 7 of 95 = 0.0737, Low; resolved as yes (the
 *   Digital Office's answer, with its evidence), 8 of 95 = 0.0842.
 * - Estonia answers the MSQ, which has no scoring method: no Scores row.
 */

const TALLINN = 'losi-2024@1.0.0/city/tallinn';
const TARTU = 'losi-2024@1.0.0/city/tartu';
const INFO = { title: 'Consolidated: LOSI 2024', createdAt: '2024-06-02T08:00:00.000Z' };
const CONSOLIDATION_ID = '0b7f6c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b';

const CRITERIA = ['IF', 'CP', 'SP', 'PE', 'EGL', 'TEC'];
const COLUMNS = [
  ...SCORES_LEADING_COLUMNS,
  ...CRITERIA.map((c) => `${c}_share`),
  ...CRITERIA.flatMap((c) => [`${c}_met`, `${c}_total`]),
  ...SCORES_TRAILING_COLUMNS,
];

let losi: QuestionnaireDefinition;
let msq: QuestionnaireDefinition;
let definitions: QuestionnaireDefinition[];
let result: MergeResult;
let resolved: MergeResult;

async function city(place: string, signer: MergeSigner, records: ReturnType<typeof answerRecords>) {
  return signedDocument({ definition: losi, signer, place, ...records });
}

beforeAll(async () => {
  losi = bundled('losi-2024');
  msq = bundled('msq-2024');
  definitions = [losi, msq];
  const tallinnOffice = await mergeSigner('Mart Saar', 'Tallinn City Office', 'mart@tallinn.example');
  const tartuDigital = await mergeSigner('Liis Kask', 'Tartu Digital Office', 'liis@tartu.example');
  const tartuComms = await mergeSigner('Jaan Tamm', 'Tartu Communications Office', 'jaan@tartu.example');
  const ministry = await mergeSigner('Kai Tamm', 'Information System Authority', 'kai@ria.example');
  const files = await intakeOf([
    await city('Tallinn', tallinnOffice, answerRecords(mixedByCriterion(losi, { IF: 6, CP: 15 }))),
    await city('Tartu', tartuDigital, answerRecords(mixedByCriterion(losi, { IF: 3, PE: 5 }))),
    await city('Tartu', tartuComms, { answers: { 'LOSI.281': 'no' }, evidence: {} }),
    await signedDocument({ definition: msq, signer: ministry, answers: {} }),
  ]);
  result = mergeSubmissions(files, { definitions });
  const decision: ConflictDecision = {
    respondent: TARTU,
    question: 'LOSI.281',
    resolution: { choice: { kind: 'choose', key: valueKey('yes') }, reason: 'The portal page is live.', decidedAt: '2024-06-01T10:00:00.000Z' },
  };
  resolved = mergeSubmissions(files, { definitions, decisions: [decision] });
});

/** Columns A and B of the About sheet, as text (`text` is what a cell shows, whatever its kind). */
function aboutRows(book: ExcelJS.Workbook): string[][] {
  const rows: string[][] = [];
  book.getWorksheet('About')?.eachRow((row) => rows.push([row.getCell(1).text, row.getCell(2).text]));
  return rows;
}

function rowOf(table: Table | undefined, key: string): Map<string, TableCell> {
  const row = table?.rows.find((r) => r[0] === key);
  if (table === undefined || row === undefined) throw new Error(`no scores row for ${key}`);
  return new Map(table.columns.map((column, i) => [column, row[i] ?? null]));
}

describe('the Scores table', () => {
  it('has one row per respondent of a scored instrument, and the documented columns', () => {
    const { scores } = consolidatedTables(result, definitions);
    expect(scores?.name).toBe('Scores');
    expect(scores?.columns).toEqual(COLUMNS);
    expect(scores?.rows.map((row) => row[0])).toEqual([TALLINN, TARTU]);
  });

  it('holds the index, level, per-criterion shares and counts of the merged answers', () => {
    const tallinn = rowOf(consolidatedTables(result, definitions).scores, TALLINN);
    expect(Object.fromEntries(tallinn)).toEqual({
      respondent: TALLINN,
      questionnaire: 'losi-2024',
      version: '1.0.0',
      place: 'Tallinn',
      index: 0.2211,
      level: 'low',
      IF_share: 1,
      CP_share: 0.5,
      SP_share: 0,
      PE_share: 0,
      EGL_share: 0,
      TEC_share: 0,
      IF_met: 6,
      IF_total: 6,
      CP_met: 15,
      CP_total: 30,
      SP_met: 0,
      SP_total: 22,
      PE_met: 0,
      PE_total: 15,
      EGL_met: 0,
      EGL_total: 10,
      TEC_met: 0,
      TEC_total: 12,
      indicators_met: 21,
      indicators_total: 95,
      yes_without_evidence: 0,
      not_met: 74,
      unanswered: 0,
      open_conflicts: 0,
      indicative: 'yes',
      method: 'losi-2024-share',
      method_provenance: 'index reconstructed; bands reconstructed',
    });
  });

  it('counts an open conflict as unanswered, and a resolved one by its chosen value and evidence', () => {
    const open = rowOf(consolidatedTables(result, definitions).scores, TARTU);
    expect([open.get('index'), open.get('IF_met'), open.get('IF_share'), open.get('PE_share'), open.get('unanswered'), open.get('open_conflicts')]).toEqual([0.0737, 2, 0.3333, 0.3333, 1, 1]);
    const decided = rowOf(consolidatedTables(resolved, definitions).scores, TARTU);
    expect([decided.get('index'), decided.get('IF_met'), decided.get('IF_share'), decided.get('unanswered'), decided.get('open_conflicts')]).toEqual([0.0842, 3, 0.5, 0, 0]);
  });

  it('with the LOSI and the OSI merged, has the union of their criteria, empty where an instrument has none', async () => {
    const osi = bundled('osi-2024');
    const ministry = await mergeSigner();
    const office = await mergeSigner('Mart Saar', 'Tallinn City Office', 'mart@tallinn.example');
    const files = await intakeOf([
      await signedDocument({ definition: osi, signer: ministry, ...answerRecords(mixedByCriterion(osi, { EPI: 28 })) }),
      await city('Tallinn', office, answerRecords(mixedByCriterion(losi, { PE: 3 }))),
    ]);
    const both = [losi, osi];
    const scores = consolidatedTables(mergeSubmissions(files, { definitions: both }), both).scores;
    expect(scores?.columns.filter((c) => c.endsWith('_share'))).toEqual(['IF_share', 'CP_share', 'SP_share', 'PE_share', 'EGL_share', 'TEC_share', 'EPI_share']);
    const tallinn = rowOf(scores, TALLINN);
    expect([tallinn.get('PE_share'), tallinn.get('EPI_share'), tallinn.get('EPI_met'), tallinn.get('EPI_total')]).toEqual([0.2, null, null, null]);
    const estonia = rowOf(scores, 'osi-2024@1.0.0/country/estonia');
    // EPI 28 of 56 met: its share is 0.5, weighted 35 % of the index with the other subindices at 0.
    expect([estonia.get('EPI_share'), estonia.get('PE_share'), estonia.get('index'), estonia.get('method')]).toEqual([0.5, null, 0.175, 'osi-2024-weighted']);
  });

  it('scores nobody without the definitions, and nothing for a merge of unscored questionnaires only', async () => {
    expect(consolidatedTables(result, []).scores).toBeUndefined();
    const ministry = await mergeSigner();
    const msqOnly = mergeSubmissions(await intakeOf([await signedDocument({ definition: msq, signer: ministry, answers: {} })]), { definitions });
    const tables = consolidatedTables(msqOnly, definitions);
    expect(tables.scores).toBeUndefined();
    expect('scores' in tables).toBe(false);
    expect(csvFiles(tables).map((f) => f.name)).not.toContain('scores.csv');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await renderConsolidatedWorkbook(tables, INFO)).buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['About', 'Wide', 'Long', 'Files', 'Conflicts', 'Codebook']);
    const texts = aboutRows(book).flat();
    expect(texts.join('\n')).not.toMatch(/Scores|scored/);
  });
});

describe('scores.csv', () => {
  it('follows the wide CSV files, one header row of column ids, numbers as numbers', () => {
    const files = csvFiles(consolidatedTables(result, definitions));
    expect(files.map((f) => f.name)).toEqual(['wide-losi-2024-1.0.0.csv', 'wide-msq-2024-1.0.0.csv', 'scores.csv', 'long.csv', 'files.csv', 'conflicts.csv', 'codebook.csv']);
    const lines = files.find((f) => f.name === 'scores.csv')?.text.split('\r\n') ?? [];
    expect(lines[0]).toBe(COLUMNS.join(','));
    expect(lines[1]).toBe(`${TALLINN},losi-2024,1.0.0,Tallinn,0.2211,low,1,0.5,0,0,0,0,6,6,15,30,0,22,0,15,0,10,0,12,21,95,0,74,0,0,yes,losi-2024-share,index reconstructed; bands reconstructed`);
    expect(lines[2]).toBe(`${TARTU},losi-2024,1.0.0,Tartu,0.0737,low,0.3333,0,0,0.3333,0,0,2,6,0,30,0,22,5,15,0,10,0,12,7,95,0,87,1,1,yes,losi-2024-share,index reconstructed; bands reconstructed`);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});

describe('the Scores sheet of the consolidated workbook', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await renderConsolidatedWorkbook(consolidatedTables(result, definitions), INFO)).buffer);
  });

  it('comes after the wide sheets, with a header row and number cells', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['About', 'Wide 1', 'Wide 2', 'Scores', 'Long', 'Files', 'Conflicts', 'Codebook']);
    const scores = book.getWorksheet('Scores');
    if (scores === undefined) throw new Error('no Scores sheet');
    expect(Array.from({ length: COLUMNS.length }, (_, c) => scores.getCell(1, c + 1).value)).toEqual(COLUMNS);
    expect(scores.getCell(2, 1).value).toBe(TALLINN);
    expect(scores.getCell(2, COLUMNS.indexOf('index') + 1).value).toBe(0.2211);
    expect(scores.getCell(3, COLUMNS.indexOf('PE_share') + 1).value).toBe(0.3333);
    expect(scores.getCell(3, COLUMNS.indexOf('method') + 1).value).toBe('losi-2024-share');
    expect(scores.rowCount).toBe(3);
  });

  it('is listed and explained on the About sheet, which says the scores are indicative', () => {
    const rows = aboutRows(book);
    expect(rows).toContainEqual(['Respondents scored (OSI, LOSI)', '2']);
    expect(rows.find((row) => row[0] === 'Scores')?.[1]).toMatch(/^Scores: one row per respondent of a scored instrument/);
    expect(rows.some((row) => /indicative self-assessment estimates, not the official UN index/.test(row[1] ?? ''))).toBe(true);
    expect(rows.some((row) => /still in conflict counts as unanswered/.test(row[1] ?? ''))).toBe(true);
  });
});

describe('scores in the consolidated JSON', () => {
  it('gives each scored respondent the summary of its merged answers, the same numbers as the table', () => {
    const document = buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: INFO.createdAt, definitions });
    expect(unsignedConsolidatedSchema.safeParse(document).success).toBe(true);
    const byKey = new Map(document.respondents.map((r) => [r.key, r]));
    const tallinn = byKey.get(TALLINN)?.scores;
    expect(tallinn).toMatchObject({ method: 'losi-2024-share', indicative: true, index: 0.2211, level: 'low', totals: { indicators: 95, met: 21 } });
    expect(tallinn?.criteria.find((c) => c.criterion === 'CP')).toMatchObject({ met: 15, total: 30, share: 0.5 });
    expect(byKey.get(TARTU)?.scores).toMatchObject({ index: 0.0737, totals: { unanswered: 1 } });
    const tartu = result.respondents.find((r) => r.key === TARTU);
    expect(tartu && byKey.get(TARTU)?.scores).toEqual(tartu && respondentScores(tartu, definitions));
    const estonia = document.respondents.find((r) => r.questionnaire.id === 'msq-2024');
    expect(estonia).toBeDefined();
    expect(estonia && 'scores' in estonia).toBe(false);
  });

  it('has no scores without the definitions', () => {
    const document = buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: INFO.createdAt });
    expect(document.respondents.every((r) => r.scores === undefined)).toBe(true);
  });

  it('signs and verifies with the scores in it', async () => {
    const key = await testKey();
    const coordinator = { name: 'Mari Kask', organisation: 'Government Office', email: 'mari@example.ee', keyId: key.keyId };
    const signed = await signConsolidated(buildConsolidated(resolved, { consolidationId: CONSOLIDATION_ID, createdAt: INFO.createdAt, coordinator, definitions }), key);
    const report = await verifyConsolidatedJson(new TextEncoder().encode(consolidatedFileText(signed)));
    expect(report.status).toBe('valid');
    expect(report.status === 'valid' ? report.document.respondents.find((r) => r.key === TARTU)?.scores?.index : undefined).toBe(0.0842);
  });
});
