import type { Change } from '../submission/verify';
import type { CellModel, SheetModel, WorkbookModel } from './model';
import { isHyperlink } from './model';
import type { FoundCell, FoundSheet } from './xlsx';
import { cellKey } from './xlsx';

/**
 * Compares what a workbook shows with what its signed document renders to, cell by cell.
 *
 * Compared: the text of every cell of every expected sheet, the target of every link, and the
 * absence of anything else: a cell, row or visible sheet that the rendering does not produce is a
 * change too (an added row could claim an answer that was never signed), and so is any formula.
 * Not compared: styles, fonts, column widths, frozen panes, sheet order and the workbook's own
 * metadata, which any program rewrites when it saves, and hidden sheets other than the expected
 * ones (a reader does not see them).
 */

/** Changes listed one by one before the rest is summed up: a report should stay readable. */
export const MAX_LISTED_CHANGES = 200;
const MAX_VALUE_LENGTH = 300;

function clip(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

function show(cell: { readonly text: string; readonly url?: string | undefined; readonly formula?: string | undefined; readonly numFmt?: string | undefined; readonly hidden?: true | undefined }): string {
  if (cell.formula !== undefined) return clip(`=${cell.formula}`);
  const text = clip(cell.url === undefined ? cell.text : `${cell.text} <${cell.url}>`);
  if (cell.hidden) return `${text} (hidden row or column)`;
  return cell.numFmt === undefined ? text : `${text} (displayed with number format ${clip(cell.numFmt)})`;
}

const expectedCell = (cell: CellModel | undefined) =>
  cell === undefined ? { text: '' } : isHyperlink(cell) ? { text: cell.text, url: cell.url } : { text: cell };

function same(expected: CellModel | undefined, found: FoundCell | undefined): boolean {
  const want = expectedCell(expected);
  const got = found ?? { text: '' };
  return got.formula === undefined && got.numFmt === undefined && got.hidden === undefined && want.text === got.text && want.url === got.url;
}

export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function compareSheet(expected: SheetModel, found: FoundSheet, changes: Change[]): void {
  // Only the cells that exist on either side are visited: a hostile file with one cell at XFD1048576
  // must not turn this into a loop over seventeen billion empty cells.
  const positions = new Map<string, readonly [number, number]>();
  expected.rows.forEach((row, r) => {
    row.cells.forEach((_, c) => { positions.set(cellKey(r + 1, c + 1), [r + 1, c + 1]); });
  });
  for (const key of found.cells.keys()) {
    const [r, c] = key.split(',').map(Number);
    if (r !== undefined && c !== undefined && Number.isInteger(r) && Number.isInteger(c)) positions.set(key, [r, c]);
  }
  const ordered = [...positions.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [r, c] of ordered) {
    const row = expected.rows[r - 1];
    const want = row?.cells[c - 1];
    const got = found.cells.get(cellKey(r, c));
    if (same(want, got)) continue;
    const about = row === undefined ? ' (a row that was not signed)' : row.questionId !== undefined ? ` (question ${row.questionId})` : row.label !== undefined ? ` (${row.label})` : '';
    const signed = show(expectedCell(want));
    const shown = got === undefined ? '' : show(got);
    changes.push({ where: `${expected.name}!${columnName(c)}${String(r)}${about}`, ...(signed === '' ? {} : { signed }), ...(shown === '' ? {} : { found: shown }) });
  }
}

/**
 * Every difference between the expected sheets and the sheets found. `ignore` names the sheets the
 * workbook keeps for itself (the embedded JSON), checked elsewhere.
 */
export function compareWorkbook(expected: WorkbookModel, found: readonly FoundSheet[], ignore: ReadonlySet<string>): Change[] {
  const changes: Change[] = [];
  const byName = new Map(found.map((sheet) => [sheet.name, sheet]));
  for (const sheet of expected.sheets) {
    const match = byName.get(sheet.name);
    if (match) compareSheet(sheet, match, changes);
    else changes.push({ where: `${sheet.name} (sheet)`, signed: 'this sheet', found: 'no sheet of this name' });
  }
  const expectedNames = new Set(expected.sheets.map((sheet) => sheet.name));
  for (const sheet of found) {
    // A hidden or empty extra sheet shows a reader nothing; one with visible content is a change.
    if (expectedNames.has(sheet.name) || ignore.has(sheet.name) || sheet.state !== 'visible' || sheet.cells.size === 0) continue;
    changes.push({ where: `${sheet.name} (sheet)`, found: 'a sheet that is not part of the signed submission' });
  }
  if (changes.length <= MAX_LISTED_CHANGES) return changes;
  const rest = changes.length - MAX_LISTED_CHANGES;
  return [...changes.slice(0, MAX_LISTED_CHANGES), { where: `${String(rest)} more cells differ (not listed)` }];
}
