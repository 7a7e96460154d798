import type * as ExcelJsModule from 'exceljs';
import { cellSafeText } from '../workbook/text';
import { loadExcelJs } from '../workbook/xlsx';

type ExcelJs = typeof ExcelJsModule;
import type { ConsolidatedTables, Table, TableCell } from './tables';

/**
 * The consolidated workbook for people who analyse in Excel: an About sheet, the wide sheet(s),
 * Scores (when OSI or LOSI respondents were merged), then Long, Files, Conflicts and Codebook, all
 * rendered from the same tables as the CSV files.
 * Numbers are number cells and text is text cells (strings, never formulas), so an answer such as
 * `=1+1` is shown as typed and never computed.
 */

/** Excel refuses cells over 32,767 characters; a little below, so the marker fits. */
export const CONSOLIDATED_CELL_LIMIT = 32_000;
export const TRUNCATION_MARKER = '… [truncated: see the JSON]';
/** The size of a sheet. */
export interface SheetLimits {
  readonly rows: number;
  readonly columns: number;
}
/** Excel's sheet size. */
export const EXCEL_SHEET_LIMITS: SheetLimits = { rows: 1_048_576, columns: 16_384 };

const HEADER_FILL: ExcelJsModule.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;
/** Rows looked at to size the columns: enough to see typical values, cheap for a million rows. */
const WIDTH_SAMPLE = 500;

/**
 * Spreadsheet readers decode `_xHHHH_` in a cell as the character it names, so text that contains
 * it literally gets its underscore escaped as `_x005F_` (the OOXML escape for `_`) and reads back
 * exactly as written.
 */
function ooxmlText(text: string): string {
  return text.replace(/_(x[0-9a-f]{4}_)/gi, '_x005F_$1');
}

/** Text as a cell can hold it: writable characters only, and no longer than Excel accepts. */
export function cellText(text: string): string {
  const safe = cellSafeText(text);
  if (safe.length <= CONSOLIDATED_CELL_LIMIT) return safe;
  let cut = CONSOLIDATED_CELL_LIMIT - TRUNCATION_MARKER.length;
  const code = safe.charCodeAt(cut - 1);
  // Never cut a surrogate pair in two: half of one is an unwritable character.
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${safe.slice(0, cut)}${TRUNCATION_MARKER}`;
}

function writeCell(cell: ExcelJsModule.Cell, value: TableCell): void {
  if (value === null) return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) cell.value = value;
    return;
  }
  // A string value is written as a string (`t="s"`), never as `{ formula }`, so `=1+1` is shown
  // as typed. No text format `@` per cell, unlike the signed submission workbook: a style on each
  // of millions of cells triples the time to write a large dataset, and this workbook is for
  // reading and analysis, not for editing answers.
  cell.value = ooxmlText(cellText(value));
  if (value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
}

function styleHeaderRow(row: ExcelJsModule.Row, columns: number): void {
  for (let c = 1; c <= columns; c += 1) {
    const cell = row.getCell(c);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
  }
}

function widthOf(text: string): number {
  // The longest line, since cells with line breaks wrap.
  let longest = 0;
  for (const line of text.split('\n')) longest = Math.max(longest, line.length);
  return longest;
}

function columnWidths(header: readonly string[], rows: readonly (readonly TableCell[])[], columns: number): number[] {
  const widths = Array.from({ length: columns }, (_, c) => widthOf(header[c] ?? ''));
  for (const row of rows.slice(0, WIDTH_SAMPLE)) {
    for (let c = 0; c < columns; c += 1) {
      const value = row[c];
      if (value !== null && value !== undefined) widths[c] = Math.max(widths[c] ?? 0, widthOf(String(value)));
    }
  }
  return widths.map((width) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2)));
}

/**
 * A table fitted to a sheet: what Excel cannot hold (over a million rows, over 16,384 columns) is
 * left out of the sheet, counted, and said so in the sheet and on the About sheet; the CSV files
 * and the JSON hold everything.
 */
interface SheetPlan {
  readonly table: Table;
  readonly wide: boolean;
  readonly headerRows: readonly (readonly string[])[];
  readonly columns: number;
  readonly rows: readonly (readonly TableCell[])[];
  readonly leftOutRows: number;
  readonly leftOutColumns: number;
}

function planSheet(table: Table, wide: boolean, limits: SheetLimits): SheetPlan {
  const headerRows = wide ? [table.headers ?? table.columns, table.labels ?? table.columns] : [table.headers ?? table.columns];
  const columns = Math.min(table.columns.length, limits.columns);
  // One row stays free for the note saying what did not fit.
  const spareRows = limits.rows - headerRows.length - 1;
  const rows = table.rows.length > spareRows ? table.rows.slice(0, spareRows) : table.rows;
  return { table, wide, headerRows, columns, rows, leftOutRows: table.rows.length - rows.length, leftOutColumns: table.columns.length - columns };
}

function overflowText(plan: SheetPlan): string | undefined {
  const parts = [
    plan.leftOutRows > 0 ? `${plan.leftOutRows.toLocaleString('en')} more rows` : undefined,
    plan.leftOutColumns > 0 ? `${plan.leftOutColumns.toLocaleString('en')} more columns` : undefined,
  ].filter((part): part is string => part !== undefined);
  if (parts.length === 0) return undefined;
  return `Sheet ${plan.table.name}: ${parts.join(' and ')} do not fit in an Excel sheet; the CSV files and the consolidated JSON hold them.`;
}

const WARNING_FONT: Partial<ExcelJsModule.Font> = { bold: true, color: { argb: 'FFC00000' } };

/**
 * Rows go in strictly in order and are committed as they are written: with the streaming writer
 * (Node) a committed row is flushed to the file and its memory freed; in the browser's in-memory
 * workbook committing does nothing.
 */
class SheetWriter {
  private next = 1;
  constructor(private readonly worksheet: ExcelJsModule.Worksheet) {}

  row(values: readonly TableCell[], style?: (row: ExcelJsModule.Row) => void): void {
    const row = this.worksheet.getRow(this.next);
    this.next += 1;
    values.forEach((value, c) => {
      writeCell(row.getCell(c + 1), value);
    });
    style?.(row);
    row.commit();
  }

  skip(rows: number): void {
    this.next += rows;
  }
}

function addTableSheet(workbook: ExcelJsModule.Workbook, plan: SheetPlan, streaming: boolean): void {
  const { headerRows, columns, wide } = plan;
  const views: Partial<ExcelJsModule.WorksheetView>[] = [{ state: 'frozen', ySplit: headerRows.length, ...(wide ? { xSplit: Math.min(5, columns) } : {}) }];
  const worksheet = workbook.addWorksheet(plan.table.name, { views });
  columnWidths(headerRows[0] ?? [], plan.rows, columns).forEach((width, c) => {
    worksheet.getColumn(c + 1).width = width;
  });
  worksheet.autoFilter = { from: { row: headerRows.length, column: 1 }, to: { row: headerRows.length, column: Math.max(1, columns) } };

  const writer = new SheetWriter(worksheet);
  headerRows.forEach((texts, r) => {
    writer.row(texts.slice(0, columns), (row) => {
      styleHeaderRow(row, columns);
      // The labels row holds whole question texts: a few wrapped lines rather than very wide columns.
      if (r === 1) row.height = 60;
    });
  });
  for (const values of plan.rows) writer.row(values.length > columns ? values.slice(0, columns) : values);
  const overflow = overflowText(plan);
  if (overflow !== undefined) writer.row([overflow], (row) => (row.getCell(1).font = WARNING_FONT));
  if (streaming) worksheet.commit();
}

function count(table: Table, column: string, predicate: (cell: TableCell) => boolean): number {
  const index = table.columns.indexOf(column);
  if (index === -1) return 0;
  return table.rows.filter((row) => predicate(row[index] ?? null)).length;
}

const HOW_TO_READ = [
  'Each wide sheet has one row per respondent and one column per question, in the questionnaire’s order. Row 1 holds the column ids (with the indicator codes in brackets), row 2 the question labels.',
  'Multiple choice: one column per option, named question[option]: 1 = chosen, 0 = answered without this option, empty = not answered.',
  'Repeatable groups: the column question[rows] holds the number of rows; the rows’ answers are in the Long sheet (columns row and sub_question).',
  'An empty cell is a question nobody answered, or a conflict still open (see the Conflicts sheet).',
  'Long: one row per respondent and question, with the evidence links, the files and signers the answer comes from, and their verification.',
  'Codebook: the meaning of every column and the labels of every option value.',
  'The same tables are written as CSV files (UTF-8), and the consolidated JSON holds everything, signed by the coordinator.',
];

/** Only when the merge has OSI or LOSI respondents, so an MSQ-only workbook reads as before. */
const HOW_TO_READ_SCORES = [
  'Scores: one row per OSI or LOSI respondent, with the index, the level and, per criterion, the share of indicators met (0 to 1) and the counts. They are indicative self-assessment estimates, not the official UN index; parts of the method are reconstructed rather than official (see the method column and the EGov Desk documentation).',
  'Scores are computed from the merged answers: a yes counts as met only with its evidence link, and a question still in conflict counts as unanswered until it is resolved.',
];

const bold = (size?: number) => (row: ExcelJsModule.Row): void => {
  row.getCell(1).font = { bold: true, ...(size === undefined ? {} : { size }) };
};
const wrapSecond = (row: ExcelJsModule.Row): void => {
  row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
};

function addAboutSheet(
  workbook: ExcelJsModule.Workbook,
  tables: ConsolidatedTables,
  plans: readonly SheetPlan[],
  info: { readonly title: string; readonly createdAt: string },
  streaming: boolean,
): void {
  const worksheet = workbook.addWorksheet('About');
  worksheet.getColumn(1).width = 28;
  worksheet.getColumn(2).width = 110;
  const writer = new SheetWriter(worksheet);
  writer.row([info.title], bold(14));
  writer.skip(1);
  const facts: [string, TableCell][] = [
    ['Created', info.createdAt],
    ['Files given', tables.files.rows.length],
    ['Files merged', count(tables.files, 'standing', (cell) => cell === 'merged' || cell === 'included despite problem')],
    ['Files needing a decision', count(tables.files, 'needs_decision', (cell) => cell === 'yes')],
    ['Respondents', tables.wide.reduce((sum, table) => sum + table.rows.length, 0)],
    ['Open conflicts', count(tables.conflicts, 'status', (cell) => cell === 'open')],
    ['Resolved conflicts', count(tables.conflicts, 'status', (cell) => cell === 'resolved')],
    ...(tables.scores === undefined ? [] : [['Respondents scored (OSI, LOSI)', tables.scores.rows.length] as [string, TableCell]]),
  ];
  for (const fact of facts) {
    writer.row(fact, (row) => {
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { horizontal: 'left' };
    });
  }
  const overflows = plans.map(overflowText).filter((text): text is string => text !== undefined);
  if (overflows.length > 0) writer.skip(1);
  for (const text of overflows) writer.row([text], (row) => (row.getCell(1).font = WARNING_FONT));
  writer.skip(1);
  writer.row(['How to read this workbook'], bold(12));
  for (const line of HOW_TO_READ) writer.row([null, line], wrapSecond);
  if (tables.scores !== undefined) for (const line of HOW_TO_READ_SCORES) writer.row([null, line], wrapSecond);
  writer.skip(1);
  writer.row(['Sheets'], bold(12));
  for (const plan of plans) writer.row([plan.table.name, plan.table.title], wrapSecond);
  if (tables.wide.length === 0) writer.row([null, 'No wide sheet: no file could be merged.']);
  if (streaming) worksheet.commit();
}

function asBytes(data: unknown): Uint8Array {
  // exceljs returns a Node Buffer under Node and an ArrayBuffer or Uint8Array in the browser build.
  if (data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new Error('exceljs returned something other than bytes');
}

/** A workbook to write into, and how to get its bytes once every sheet is written. */
interface Target {
  readonly workbook: ExcelJsModule.Workbook;
  readonly streaming: boolean;
  finish(): Promise<Uint8Array>;
}

/**
 * exceljs's streaming writer where there is one (its Node build: the CLI, the benchmark, tests):
 * rows are serialised as they are committed, so memory stays flat for a million-row long sheet and
 * writing is about twice as fast. Its browser build has only the in-memory workbook.
 */
function openTarget(ExcelJS: ExcelJs, created: Date | undefined): Target {
  const stream = (ExcelJS as { readonly stream?: ExcelJs['stream'] }).stream;
  const date = (workbook: ExcelJsModule.Workbook): void => {
    workbook.creator = 'EGov Desk';
    if (created === undefined) return;
    workbook.created = created;
    workbook.modified = created;
  };
  if (stream !== undefined) {
    const writer = new stream.xlsx.WorkbookWriter({ useStyles: true, useSharedStrings: true });
    date(writer);
    return {
      workbook: writer,
      streaming: true,
      finish: async () => {
        await writer.commit();
        // Without a stream or file name, the writer collects the zip in its own buffer stream.
        const sink = (writer as unknown as { readonly stream?: { toBuffer?: () => unknown } }).stream;
        if (sink?.toBuffer === undefined) throw new Error('the exceljs streaming writer kept no buffer');
        return asBytes(sink.toBuffer());
      },
    };
  }
  const workbook = new ExcelJS.Workbook();
  date(workbook);
  return { workbook, streaming: false, finish: async () => asBytes(await workbook.xlsx.writeBuffer()) };
}

/**
 * The .xlsx bytes of the consolidated tables; `createdAt` (ISO 8601) dates the file. `limits` is
 * Excel's sheet size; tests pass smaller ones to see what happens to a table that does not fit.
 */
export async function renderConsolidatedWorkbook(
  tables: ConsolidatedTables,
  info: { readonly title: string; readonly createdAt: string },
  limits: SheetLimits = EXCEL_SHEET_LIMITS,
): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const created = new Date(info.createdAt);
  const target = openTarget(ExcelJS, Number.isNaN(created.getTime()) ? undefined : created);
  const scores = tables.scores === undefined ? [] : [tables.scores];
  const plans = [
    ...tables.wide.map((table) => planSheet(table, true, limits)),
    ...[...scores, tables.long, tables.files, tables.conflicts, tables.codebook].map((table) => planSheet(table, false, limits)),
  ];
  addAboutSheet(target.workbook, tables, plans, info, target.streaming);
  for (const plan of plans) addTableSheet(target.workbook, plan, target.streaming);
  return target.finish();
}
