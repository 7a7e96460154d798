import type * as ExcelJsModule from 'exceljs';
import type { CellModel, RowStyle, WorkbookModel } from './model';
import { isHyperlink } from './model';

/**
 * The only module that touches exceljs: the model goes in, bytes come out; bytes go in, plain cell
 * text comes out. exceljs is loaded on first use (a dynamic import), so the renderer's main chunk
 * does not carry it; bundlers pick its browser build for the renderer and its Node build for the CLI.
 */

type ExcelJs = typeof ExcelJsModule;
let loading: Promise<ExcelJs> | undefined;

export function loadExcelJs(): Promise<ExcelJs> {
  loading ??= import('exceljs').then(
    // A CommonJS package: Node's ESM loader puts it under `default`, bundlers may not.
    (mod) => (mod as ExcelJs & { readonly default?: ExcelJs }).default ?? mod,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** A hidden sheet: texts down column A, a note for people in B1. */
export interface HiddenSheet {
  readonly name: string;
  readonly columnA: readonly string[];
  readonly note: string;
}

/**
 * Spreadsheet readers decode `_xHHHH_` in a cell as the character it names (exceljs does, and so
 * does Excel), so text that contains it literally is written with its underscore escaped as
 * `_x005F_`, the OOXML escape for `_`: it then reads back exactly as written.
 */
export function ooxmlText(text: string): string {
  return text.replace(/_(x[0-9a-f]{4}_)/gi, '_x005F_$1');
}

const FONT: Readonly<Record<RowStyle, Partial<ExcelJsModule.Font> | undefined>> = {
  title: { bold: true, size: 14 },
  header: { bold: true },
  heading: { bold: true, size: 12 },
  label: undefined,
  body: undefined,
};
const HEADER_FILL: ExcelJsModule.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };

/**
 * Writes a cell as text, always: a string value, never `{ formula }`, with the text number format
 * `@`, so an answer such as `=HYPERLINK(…)` or `+1+2` is stored as a string (`t="s"`) and stays one
 * when someone edits the cell in Excel.
 */
function writeCell(cell: ExcelJsModule.Cell, model: CellModel, style: RowStyle): void {
  cell.value = isHyperlink(model) ? { text: ooxmlText(model.text), hyperlink: model.url } : ooxmlText(model);
  cell.numFmt = '@';
  cell.alignment = { wrapText: true, vertical: 'top' };
  const font = FONT[style];
  if (isHyperlink(model)) cell.font = { color: { argb: 'FF0563C1' }, underline: true };
  else if (font) cell.font = font;
  if (style === 'header') cell.fill = HEADER_FILL;
}

function asBytes(data: unknown): Uint8Array {
  // exceljs returns a Node Buffer under Node and an ArrayBuffer or Uint8Array in the browser build.
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new Error('exceljs returned something other than bytes');
}

/** The .xlsx file for a model and its hidden sheets. `created` dates the file (the signing time). */
export async function writeXlsx(model: WorkbookModel, hidden: readonly HiddenSheet[], created: Date): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EGov Desk';
  workbook.created = created;
  workbook.modified = created;

  for (const sheet of model.sheets) {
    const views: Partial<ExcelJsModule.WorksheetView>[] = sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [];
    const worksheet = workbook.addWorksheet(sheet.name, { views });
    sheet.widths.forEach((width, index) => {
      worksheet.getColumn(index + 1).width = width;
    });
    sheet.rows.forEach((row, r) => {
      row.cells.forEach((cell, c) => {
        // Empty cells stay absent: nothing to show, nothing to compare.
        if (cell !== '') writeCell(worksheet.getCell(r + 1, c + 1), cell, row.style);
      });
    });
  }
  for (const sheet of hidden) {
    const worksheet = workbook.addWorksheet(sheet.name, { state: 'hidden' });
    worksheet.getColumn(1).width = 100;
    sheet.columnA.forEach((text, r) => {
      const cell = worksheet.getCell(r + 1, 1);
      cell.value = ooxmlText(text);
      cell.numFmt = '@';
    });
    const note = worksheet.getCell(1, 2);
    note.value = ooxmlText(sheet.note);
    note.numFmt = '@';
  }
  return asBytes(await workbook.xlsx.writeBuffer());
}

/** What a cell of a file shows: its text, the target of its link, the formula it computes. */
export interface FoundCell {
  readonly text: string;
  readonly url?: string;
  readonly formula?: string;
  /**
   * A number format other than text or General. A format such as `;;;"No"` makes a spreadsheet
   * display something else than the value, so it counts as a change.
   */
  readonly numFmt?: string;
  /** The cell's row or column is hidden: a reader does not see the signed value. */
  readonly hidden?: true;
}

/** Number formats under which a spreadsheet shows a text cell exactly as it is. */
const PLAIN_FORMATS = new Set(['', '@', 'General', 'general']);

export interface FoundSheet {
  readonly name: string;
  readonly state: ExcelJsModule.WorksheetState;
  /** Non-empty cells by `row,column` (1-based). */
  readonly cells: ReadonlyMap<string, FoundCell>;
  readonly rowCount: number;
  readonly columnCount: number;
}

export const cellKey = (row: number, column: number): string => `${String(row)},${String(column)}`;

function richText(value: ExcelJsModule.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join('');
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'richText' in value) return richText(value as ExcelJsModule.CellRichTextValue);
  return '';
}

/** A cell's value as text, whatever kind of value another program left in it. */
function foundCell(value: ExcelJsModule.CellValue): FoundCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString() };
  if ('richText' in value) return { text: richText(value) };
  if ('hyperlink' in value) return { text: textOf(value.text), url: value.hyperlink };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    const result = value.result;
    return { text: result === undefined || typeof result === 'object' ? '' : String(result), formula };
  }
  if ('error' in value) return { text: value.error };
  return undefined;
}

/** Reads every sheet of an .xlsx file as text. Throws when exceljs cannot read the file. */
export async function readXlsx(bytes: Uint8Array): Promise<FoundSheet[]> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  // A copy over a plain ArrayBuffer: what both the Node and the browser build of exceljs accept.
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook.worksheets.map((worksheet) => {
    const cells = new Map<string, FoundCell>();
    let rowCount = 0;
    let columnCount = 0;
    worksheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const value = foundCell(cell.value);
        if (value === undefined || (value.text === '' && value.url === undefined && value.formula === undefined)) return;
        const numFmt = typeof cell.numFmt === 'string' && !PLAIN_FORMATS.has(cell.numFmt) ? cell.numFmt : undefined;
        const hidden = row.hidden || worksheet.getColumn(c).hidden;
        const found: FoundCell = { ...value, ...(numFmt === undefined ? {} : { numFmt }), ...(hidden ? { hidden: true as const } : {}) };
        cells.set(cellKey(r, c), found);
        rowCount = Math.max(rowCount, r);
        columnCount = Math.max(columnCount, c);
      });
    });
    return { name: worksheet.name, state: worksheet.state, cells, rowCount, columnCount };
  });
}
