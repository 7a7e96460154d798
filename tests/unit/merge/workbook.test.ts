import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConflictDecision } from '../../../shared/merge/model';
import type { ConsolidatedTables, Table, TableCell } from '../../../shared/merge/tables';
import { consolidatedTables } from '../../../shared/merge/tables';
import { valueKey } from '../../../shared/merge/value-key';
import { cellText, CONSOLIDATED_CELL_LIMIT, renderConsolidatedWorkbook, TRUNCATION_MARKER } from '../../../shared/merge/workbook';
import { bundled, evidenceItem, intakeOf, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';

const ESTONIA = 'test-all-types@1.0.0/country/estonia';
const LATVIA = 'test-all-types@1.0.0/country/latvia';
const REASON = 'Decree 12 of 2023 created the post; the Authority answered before it.';
const INFO = { title: 'Consolidated: test-all-types, 2024 round', createdAt: '2024-06-02T08:00:00.000Z' };

let tables: ConsolidatedTables;
let workbook: ExcelJS.Workbook;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(bytes).buffer);
  return book;
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = book.getWorksheet(name);
  if (found === undefined) throw new Error(`no sheet ${name}`);
  return found;
}

/** The values of a sheet's row, as plain cells (1-based columns dropped to 0-based). */
function rowValues(worksheet: ExcelJS.Worksheet, r: number, columns: number): unknown[] {
  return Array.from({ length: columns }, (_, c) => worksheet.getCell(r, c + 1).value ?? null);
}

/** The cell under the header `column` (row 1) in the row whose first cell is `first`. */
function cellUnder(worksheet: ExcelJS.Worksheet, table: Table, first: string, column: string): ExcelJS.Cell {
  const c = table.columns.indexOf(column);
  expect(c, column).toBeGreaterThanOrEqual(0);
  let found: ExcelJS.Cell | undefined;
  worksheet.eachRow((row) => {
    if (row.getCell(1).value === first && found === undefined) found = row.getCell(c + 1);
  });
  if (found === undefined) throw new Error(`no row for ${first}`);
  return found;
}

beforeAll(async () => {
  const definition = bundled('test-all-types');
  const digital = await mergeSigner('Kai Tamm', 'Information System Authority', 'kai@ria.example');
  const health = await mergeSigner('Ana Lima', 'Ministry of Health', 'ana@health.example');
  const chancellery = await mergeSigner('Liga Ozola', 'State Chancellery', 'liga@mk.example');
  const documents = [
    await signedDocument({
      signer: digital,
      signedAt: '2024-05-03T09:00:00.000Z',
      answers: {
        'A.1': 'https://www.gov.example/',
        'A.3': 'yes',
        'B.1': ['web', 'mobile'],
        'B.5': '=1+1',
        'C.1': [
          { rowId: 'r1', answers: { name: 'Ministry of Health', sector: 'health' } },
          { rowId: 'r2', answers: { name: '=HYPERLINK("http://evil.example","x")', sector: 'education' } },
        ],
      },
      evidence: { 'A.1': [evidenceItem('https://www.gov.example/', 'Portal')] },
    }),
    await signedDocument({ signer: health, signedAt: '2024-05-04T09:00:00.000Z', answers: { 'A.1': 'https://www.gov.example/', 'A.3': 'no', 'B.1': ['web', 'sms'], 'B.3': 14 } }),
    await signedDocument({ signer: chancellery, place: 'Latvia', answers: { 'B.1': ['kiosk'], 'B.4': 87.5 } }),
  ];
  const files = await intakeOf([...documents, { name: 'notes.txt', bytes: new TextEncoder().encode('hello') }]);
  const decision: ConflictDecision = {
    respondent: ESTONIA,
    question: 'A.3',
    resolution: { choice: { kind: 'choose', key: valueKey('no') }, reason: REASON, decidedBy: 'Mari Kask', decidedAt: '2024-06-01T10:00:00.000Z' },
  };
  tables = consolidatedTables(mergeSubmissions(files, { decisions: [decision], definitions: [definition] }), [definition]);
  workbook = await load(await renderConsolidatedWorkbook(tables, INFO));
});

describe('renderConsolidatedWorkbook', () => {
  it('has the sheets in order: About, the wide sheet, Long, Files, Conflicts, Codebook', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['About', 'Wide', 'Long', 'Files', 'Conflicts', 'Codebook']);
    expect(workbook.creator).toBe('EGov Desk');
    expect(workbook.created.toISOString()).toBe(INFO.createdAt);
  });

  it('writes the About sheet: title, counts, how to read, a line per sheet', () => {
    const about = sheet(workbook, 'About');
    expect(about.getCell('A1').value).toBe(INFO.title);
    expect(about.getCell('A1').font.bold).toBe(true);
    const facts = new Map<unknown, unknown>();
    about.eachRow((row) => facts.set(row.getCell(1).value, row.getCell(2).value));
    expect(facts.get('Created')).toBe(INFO.createdAt);
    expect(facts.get('Files given')).toBe(4);
    expect(facts.get('Files merged')).toBe(3);
    expect(facts.get('Respondents')).toBe(2);
    expect(facts.get('Open conflicts')).toBe(1);
    expect(facts.get('Resolved conflicts')).toBe(1);
    expect(facts.get('Long')).toBe(tables.long.title);
    expect(facts.get('Codebook')).toBe(tables.codebook.title);
    expect(facts.has('How to read this workbook')).toBe(true);
  });

  it('gives the wide sheet two bold header rows (ids with indicator codes, then labels), frozen with the first five columns', () => {
    const wide = sheet(workbook, 'Wide');
    const table = tables.wide[0];
    if (table === undefined) throw new Error('no wide table');
    const a1 = table.columns.indexOf('A.1') + 1;
    expect(wide.getCell(1, 1).value).toBe('respondent');
    expect(wide.getCell(1, a1).value).toBe('A.1 [OSI #1]');
    expect(wide.getCell(2, a1).value).toBe('Address (URL) of the national government portal');
    expect(wide.getCell(1, table.columns.indexOf('B.1[web]') + 1).value).toBe('B.1[web]');
    expect(wide.getCell(1, a1).font.bold).toBe(true);
    expect(wide.getCell(2, a1).font.bold).toBe(true);
    expect(wide.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 5 });
    expect(wide.autoFilter).toBeTruthy();
    expect(wide.rowCount).toBe(2 + 2);
    expect(wide.getCell(3, 1).value).toBe(ESTONIA);
    expect(wide.getCell(4, 1).value).toBe(LATVIA);
  });

  it('writes numbers as number cells: the multiple choice and group row columns', () => {
    const wide = sheet(workbook, 'Wide');
    const table = tables.wide[0];
    if (table === undefined) throw new Error('no wide table');
    const kiosk = cellUnder(wide, table, LATVIA, 'B.1[kiosk]');
    expect(kiosk.value).toBe(1);
    expect(kiosk.type).toBe(ExcelJS.ValueType.Number);
    expect(cellUnder(wide, table, LATVIA, 'B.1[web]').value).toBe(0);
    expect(cellUnder(wide, table, LATVIA, 'B.4').value).toBe(87.5);
    expect(cellUnder(wide, table, ESTONIA, 'C.1[rows]').value).toBe(2);
    expect(cellUnder(wide, table, ESTONIA, 'B.3').value).toBe(14);
    // An open conflict (B.1 for Estonia) leaves its cells empty.
    expect(cellUnder(wide, table, ESTONIA, 'B.1[web]').value).toBeNull();
    expect(cellUnder(wide, table, ESTONIA, 'A.3').value).toBe('no');
  });

  it('writes formula-looking text as text, never as a formula, in every sheet', () => {
    const wide = sheet(workbook, 'Wide');
    const table = tables.wide[0];
    if (table === undefined) throw new Error('no wide table');
    const b5 = cellUnder(wide, table, ESTONIA, 'B.5');
    expect(b5.value).toBe('=1+1');
    expect(b5.type).toBe(ExcelJS.ValueType.String);
    let cells = 0;
    for (const worksheet of workbook.worksheets) {
      worksheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells += 1;
          expect(cell.type, `${worksheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, `${worksheet.name}!${cell.address}`).toBeUndefined();
        });
      });
    }
    expect(cells).toBeGreaterThan(100);
    const long = sheet(workbook, 'Long');
    const values: unknown[] = [];
    long.eachRow((row) => values.push(row.getCell(tables.long.columns.indexOf('value') + 1).value));
    expect(values).toContain('=HYPERLINK("http://evil.example","x")');
  });

  it('writes Long, Files, Conflicts and Codebook with a bold frozen header row and every row', () => {
    for (const table of [tables.long, tables.files, tables.conflicts, tables.codebook]) {
      const worksheet = sheet(workbook, table.name);
      expect(rowValues(worksheet, 1, table.columns.length), table.name).toEqual([...table.columns]);
      expect(worksheet.getCell(1, 1).font.bold, table.name).toBe(true);
      expect(worksheet.views[0], table.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(worksheet.autoFilter, table.name).toBeTruthy();
      expect(worksheet.rowCount, table.name).toBe(1 + table.rows.length);
    }
    const files = sheet(workbook, 'Files');
    expect(files.getCell(5, 1).value).toBe('notes.txt');
    expect(files.getCell(5, tables.files.columns.indexOf('standing') + 1).value).toBe('unreadable');
  });

  it('shows a resolved conflict with its candidates, chosen value and reason', () => {
    const conflicts = sheet(workbook, 'Conflicts');
    const at = (r: number, column: string): ExcelJS.Cell => conflicts.getCell(r, tables.conflicts.columns.indexOf(column) + 1);
    let resolved = 0;
    conflicts.eachRow((row, r) => {
      if (row.getCell(tables.conflicts.columns.indexOf('question') + 1).value === 'A.3') resolved = r;
    });
    expect(resolved).toBeGreaterThan(1);
    expect(at(resolved, 'status').value).toBe('resolved');
    expect(at(resolved, 'chosen_value').value).toBe('no');
    expect(at(resolved, 'resolution').value).toBe('choose');
    expect(at(resolved, 'reason').value).toBe(REASON);
    expect(at(resolved, 'decided_by').value).toBe('Mari Kask');
    const candidates = at(resolved, 'candidates');
    expect(candidates.value).toBe('yes — Kai Tamm (Information System Authority), estonia-information-system-authority-1.json\nno — Ana Lima (Ministry of Health), estonia-ministry-of-health-2.json');
    expect(candidates.alignment.wrapText).toBe(true);
  });
});

const smallTables = (long: Table): ConsolidatedTables => ({
  wide: [],
  long,
  files: { name: 'Files', title: 'Files', columns: ['file', 'standing', 'needs_decision'], rows: [] },
  conflicts: { name: 'Conflicts', title: 'Conflicts', columns: ['status'], rows: [] },
  codebook: { name: 'Codebook', title: 'Codebook', columns: ['column'], rows: [] },
});

describe('cell text', () => {
  it('cuts text Excel could not hold, with a visible marker', async () => {
    const long = 'x'.repeat(40_000);
    expect(cellText(long)).toHaveLength(CONSOLIDATED_CELL_LIMIT);
    expect(cellText(long).endsWith(TRUNCATION_MARKER)).toBe(true);
    // Never half of a surrogate pair at the cut.
    const emoji = '😀'.repeat(20_000);
    const cut = cellText(emoji);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(cut.slice(0, -TRUNCATION_MARKER.length)).toMatch(/^(😀)+$/u);
    const book = await load(await renderConsolidatedWorkbook(smallTables({ name: 'Long', title: 'Long', columns: ['value'], rows: [[long]] }), INFO));
    const value = sheet(book, 'Long').getCell(2, 1).value;
    expect(typeof value === 'string' && value.length === CONSOLIDATED_CELL_LIMIT && value.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('keeps text exactly, except characters a workbook cannot hold', async () => {
    const rows: TableCell[][] = [['literal _x0041_ stays'], ['bell \u0007 here'], ['Tōkyō 東京 🇯🇵'], ['line\r\nbreak'], [-5], [null]];
    const book = await load(await renderConsolidatedWorkbook(smallTables({ name: 'Long', title: 'Long', columns: ['value'], rows }), INFO));
    const long = sheet(book, 'Long');
    expect(rowValues(long, 2, 1)).toEqual(['literal _x0041_ stays']);
    expect(rowValues(long, 3, 1)).toEqual(['bell \ufffd here']);
    expect(rowValues(long, 4, 1)).toEqual(['Tōkyō 東京 🇯🇵']);
    expect(rowValues(long, 5, 1)).toEqual(['line\nbreak']);
    expect(rowValues(long, 6, 1)).toEqual([-5]);
    expect(long.getCell(7, 1).value).toBeNull();
  });

  it('says what does not fit in a sheet, in the sheet and on the About sheet', async () => {
    const rows: TableCell[][] = Array.from({ length: 10 }, (_, i) => [i, 'a', 'b', 'c']);
    const tablesTooBig = smallTables({ name: 'Long', title: 'Long', columns: ['n', 'x', 'y', 'z'], rows });
    const book = await load(await renderConsolidatedWorkbook(tablesTooBig, INFO, { rows: 5, columns: 3 }));
    const long = sheet(book, 'Long');
    // One header row, three data rows, and the note in the last row.
    expect(long.rowCount).toBe(5);
    expect(rowValues(long, 4, 4)).toEqual([2, 'a', 'b', null]);
    const note = 'Sheet Long: 7 more rows and 1 more columns do not fit in an Excel sheet; the CSV files and the consolidated JSON hold them.';
    expect(long.getCell(5, 1).value).toBe(note);
    const about: unknown[] = [];
    sheet(book, 'About').eachRow((row) => about.push(row.getCell(1).value));
    expect(about).toContain(note);
  });
});

describe('without the streaming writer (the browser build of exceljs)', () => {
  it('writes the same cells through the in-memory workbook', async () => {
    vi.resetModules();
    let loaded = false;
    vi.doMock('exceljs', async (importOriginal) => {
      loaded = true;
      const original = await importOriginal<{ default: typeof ExcelJS }>();
      // The browser build exports the in-memory Workbook only.
      return { default: { Workbook: original.default.Workbook } };
    });
    try {
      const { renderConsolidatedWorkbook: renderInMemory } = await import('../../../shared/merge/workbook');
      const book = await load(await renderInMemory(tables, INFO));
      expect(loaded, 'the workbook module loaded the browser-like exceljs').toBe(true);
      expect(book.worksheets.map((w) => w.name)).toEqual(workbook.worksheets.map((w) => w.name));
      for (const worksheet of workbook.worksheets) {
        const other = sheet(book, worksheet.name);
        expect(other.rowCount, worksheet.name).toBe(worksheet.rowCount);
        for (let r = 1; r <= worksheet.rowCount; r += 1) {
          expect(rowValues(other, r, worksheet.columnCount), `${worksheet.name} row ${String(r)}`).toEqual(rowValues(worksheet, r, worksheet.columnCount));
        }
        if (worksheet.name !== 'About') expect(other.views[0], worksheet.name).toMatchObject({ state: 'frozen', ySplit: worksheet.name === 'Wide' ? 2 : 1 });
      }
    } finally {
      vi.doUnmock('exceljs');
      vi.resetModules();
    }
  });
});
