import type * as ExcelJsModule from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { improvementPlan } from '../../../shared/scoring/plan';
import { PLAN_SHEET_NAME, PlanWorkbookError, indicativeNote, renderPlanWorkbook } from '../../../shared/scoring/plan-workbook';
import { scoreResponse } from '../../../shared/scoring/score';
import type { ScoreResult } from '../../../shared/scoring/model';
import { loadExcelJs } from '../../../shared/workbook/xlsx';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { definition, section, yesNo } from '../../helpers/builders';
import { allMet, withOutcomes } from '../../helpers/scoring-fixtures';
import type { AnswerSet } from '../../helpers/scoring-fixtures';

const losi = loadBundledDefinition('losi-2024');
const osi = loadBundledDefinition('osi-2024');
const info = { title: 'Improvement plan — LOSI 2024', respondent: 'Tallinn — Digital office', createdAt: '2024-05-02T09:30:00.000Z', language: 'en' };

function scored(def: QuestionnaireDefinition, set: AnswerSet): ScoreResult {
  const result = scoreResponse(def, set.answers, set.evidence);
  if (!result) throw new Error(`${def.id} has no scoring method`);
  return result;
}

async function read(bytes: Uint8Array): Promise<ExcelJsModule.Workbook> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

function sheetOf(workbook: ExcelJsModule.Workbook): ExcelJsModule.Worksheet {
  const sheet = workbook.getWorksheet(PLAN_SHEET_NAME);
  if (!sheet) throw new Error('no plan sheet');
  return sheet;
}

const text = (sheet: ExcelJsModule.Worksheet, row: number, column: number): string => {
  const value = sheet.getCell(row, column).value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};

/** The row of the table's header (the first row whose column A says "Criterion"). */
function headerRowOf(sheet: ExcelJsModule.Worksheet, label = 'Criterion'): number {
  for (let row = 1; row <= sheet.rowCount; row += 1) if (text(sheet, row, 1) === label) return row;
  throw new Error(`no "${label}" header`);
}

/** Every data row below the header, as the cells of columns A–G. */
function dataRows(sheet: ExcelJsModule.Worksheet, header: number): string[][] {
  const rows: string[][] = [];
  for (let row = header + 1; row <= sheet.rowCount; row += 1) rows.push([1, 2, 3, 4, 5, 6, 7].map((c) => text(sheet, row, c)));
  return rows;
}

describe('the improvement plan workbook (LOSI)', () => {
  // IF's first two met, one yes without a link, one PE indicator with a 2022 share met; the rest no.
  const set = withOutcomes(losi, { 'LOSI.281': 'met', 'LOSI.215': 'met', 'LOSI.216': 'yesWithoutEvidence', 'LOSI.250': 'met' }, 'notMet');
  const result = scored(losi, set);
  const plan = improvementPlan(losi, result, 'en');

  it('has one sheet with the title, respondent, date, index, level and the indicative note above the table', async () => {
    const workbook = await read(await renderPlanWorkbook(losi, result, plan, info));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([PLAN_SHEET_NAME]);
    const sheet = sheetOf(workbook);
    expect(text(sheet, 1, 1)).toBe(info.title);
    expect(sheet.getCell(1, 1).font.bold).toBe(true);
    const facts = new Map<string, ExcelJsModule.Cell>();
    for (let row = 2; row < headerRowOf(sheet); row += 1) if (text(sheet, row, 1) !== '') facts.set(text(sheet, row, 1), sheet.getCell(row, 2));
    expect(facts.get('Respondent')?.value).toBe('Tallinn — Digital office');
    expect(facts.get('Date')?.value).toBe('2024-05-02');
    expect(facts.get('Index')?.value).toBe(Math.round((3 / 95) * 10_000) / 10_000);
    expect(facts.get('Index')?.numFmt).toBe('0.0%');
    expect(facts.get('Level')?.value).toBe('Low — 3 of 95 indicators met');
    const note = facts.get('Note')?.text ?? '';
    expect(note).toBe(indicativeNote(result.method, 'en'));
    expect(note).toMatch(/^Indicative self-assessment, not the official UN index\./);
    expect(note).toContain('reconstructed');
    expect(note).toContain('counts as met only with its evidence link');
    expect(workbook.created.toISOString()).toBe(info.createdAt);
  });

  it('lists every unmet indicator in plan order (by criterion), and no met one', async () => {
    const sheet = sheetOf(await read(await renderPlanWorkbook(losi, result, plan, info)));
    const header = headerRowOf(sheet);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => text(sheet, header, c))).toEqual([
      'Criterion', 'Indicator', 'Question', 'Status', 'What counts', 'How to satisfy it', '2022 share',
    ]);
    const rows = dataRows(sheet, header);
    expect(rows).toHaveLength(95 - 3);
    expect(rows.map((r) => r[1])).toEqual(plan.map((item) => item.code));
    const codes = rows.map((r) => r[1]);
    expect(codes).not.toContain('LOSI #281');
    expect(codes).not.toContain('LOSI #215');
    expect(codes).not.toContain('LOSI #250');
    // Criteria in the definition's order, each one's rows together.
    const criteria = rows.map((r) => (r[0] ?? '').split(' — ')[0]);
    expect([...new Set(criteria)]).toEqual(['IF', 'CP', 'SP', 'PE', 'EGL', 'TEC']);
    expect(rows[0]?.[0]).toBe('IF — Institutional Framework');
  });

  it('writes status, guidance and the 2022 share where the reference gives one', async () => {
    const sheet = sheetOf(await read(await renderPlanWorkbook(losi, result, plan, info)));
    const header = headerRowOf(sheet);
    const rows = dataRows(sheet, header);
    const byQuestion = new Map(plan.map((item, i) => [item.questionId, { item, row: rows[i] ?? [], index: header + 1 + i }]));
    const withoutLink = byQuestion.get('LOSI.216');
    expect(withoutLink?.row.slice(1, 4)).toEqual(['LOSI #216', withoutLink?.item.label, 'Yes, without evidence']);
    expect(withoutLink?.row[4]).toBe(withoutLink?.item.what);
    expect(withoutLink?.row[5]).toBe(withoutLink?.item.how);
    expect(withoutLink?.row[6]).toBe('');
    const discrimination = byQuestion.get('LOSI.267');
    expect(discrimination?.row[3]).toBe('Not met');
    expect(sheet.getCell(discrimination?.index ?? 0, 7).value).toBe(0.295);
    expect(sheet.getCell(discrimination?.index ?? 0, 7).numFmt).toBe('0.0%');
    // The IF question that shares #236 with the PE one gets no 2022 share; the PE one does.
    expect(byQuestion.get('LOSI.236-IF')?.row[6]).toBe('');
    expect(sheet.getCell(byQuestion.get('LOSI.236-PE')?.index ?? 0, 7).value).toBe(0.459);
  });

  it('has a bold, frozen, filtered header row, wrapped texts and set widths', async () => {
    const sheet = sheetOf(await read(await renderPlanWorkbook(losi, result, plan, info)));
    const header = headerRowOf(sheet);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    for (let c = 1; c <= 7; c += 1) expect(sheet.getCell(header, c).font.bold, `column ${String(c)}`).toBe(true);
    const filter = sheet.autoFilter;
    const range = typeof filter === 'string' ? filter : JSON.stringify(filter);
    expect(range).toContain(`A${String(header)}`);
    expect(range).toContain(`G${String(header + plan.length)}`);
    expect(sheet.getCell(header + 1, 5).alignment.wrapText).toBe(true);
    expect(sheet.getCell(header + 1, 3).numFmt).toBe('@');
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => sheet.getColumn(c).width ?? 0).every((w) => w >= 10)).toBe(true);
  });

  it('says so when every indicator is met', async () => {
    const all = scored(losi, allMet(losi));
    const sheet = sheetOf(await read(await renderPlanWorkbook(losi, all, improvementPlan(losi, all, 'en'), info)));
    const header = headerRowOf(sheet);
    expect(dataRows(sheet, header)).toEqual([['Every indicator is met: nothing to improve.', '', '', '', '', '', '']]);
    expect(text(sheet, 2, 1)).toBe('Respondent');
  });

  it('writes its own words in French when asked, the content as the plan gives it', async () => {
    const sheet = sheetOf(await read(await renderPlanWorkbook(losi, result, plan, { ...info, language: 'fr' })));
    const header = headerRowOf(sheet, 'Critère');
    expect(text(sheet, header, 7)).toBe('Part en 2022');
    const rows = dataRows(sheet, header);
    expect(rows.find((r) => r[1] === 'LOSI #216')?.[3]).toBe('Oui, sans justificatif');
    expect(text(sheet, 2, 1)).toBe('Répondant');
  });

  it('refuses a date that is not a date, rather than writing a wrong one', async () => {
    await expect(renderPlanWorkbook(losi, result, plan, { ...info, createdAt: 'yesterday' })).rejects.toThrow(PlanWorkbookError);
  });
});

describe('the improvement plan workbook (OSI)', () => {
  it('says the weights are reconstructed and leaves the reference column blank', async () => {
    const result = scored(osi, withOutcomes(osi, {}, 'unanswered'));
    const plan = improvementPlan(osi, result, 'en');
    const sheet = sheetOf(await read(await renderPlanWorkbook(osi, result, plan, { ...info, title: 'Improvement plan — OSI' })));
    const header = headerRowOf(sheet);
    expect(text(sheet, header, 7)).toBe('Reference share');
    const rows = dataRows(sheet, header);
    expect(rows).toHaveLength(result.totals.indicators);
    expect(rows.every((r) => r[3] === 'Not answered' && r[6] === '')).toBe(true);
    const note = indicativeNote(result.method, 'en');
    expect(note).toContain('weighted by the subindex weights (reconstructed, not official; confirm before relying on them)');
    expect(note).toContain("without the UN's rescaling across countries");
  });
});

describe('text that looks like a formula', () => {
  it('stays text in the sheet', async () => {
    const def = loadQuestionnaireDefinition(
      definition([section('IF', [yesNo('Q1', { label: '=HYPERLINK("http://evil.example","x")', indicators: ['LOSI #900'], evidence: 'requiredWhenYes', guidance: { what: '+1+2', how: 'see _x0041_' } })], { code: 'IF' })], { instrument: 'losi' }),
      'inline',
    );
    const result = scored(def, { answers: new Map(), evidence: new Map() });
    const plan = improvementPlan(def, result, 'en');
    const sheet = sheetOf(await read(await renderPlanWorkbook(def, result, plan, info)));
    const header = headerRowOf(sheet);
    const cell = sheet.getCell(header + 1, 3);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(cell.formula).toBeUndefined();
    expect(sheet.getCell(header + 1, 5).value).toBe('+1+2');
    expect(sheet.getCell(header + 1, 6).value).toBe('see _x0041_');
  });
});
