import type { ConsolidatedTables, Table, TableCell } from './tables';

/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF (the last one too),
 * one header row of column ids. UTF-8 without a byte order mark: R (`read.csv`, readr) and pandas
 * read it as is, and a BOM would end up in the first column's name there; people who work in Excel
 * have the workbook, which needs no guessing of encodings.
 */

/**
 * Text a spreadsheet would take for a formula (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, and a
 * tab or carriage return in front of them. Such a text cell gets a leading `'`, which spreadsheets
 * treat as "this is text"; numbers are never touched, so a numeric -5 stays -5.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A field needs quotes when it holds a separator, a quote or a line break, or starts or ends with a space. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as it appears in the file. */
export function csvField(cell: TableCell): string {
  if (cell === null) return '';
  // Numbers from JSON are finite; String() gives the shortest form that reads back as the same number.
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRecord(cells: readonly TableCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** The whole table as CSV text: one header row of column ids, then one record per row. */
export function toCsv(table: Table): string {
  const parts = [csvRecord(table.columns)];
  for (const row of table.rows) parts.push(csvRecord(row));
  return parts.join('');
}

/** The CSV file name of a table: its own, or its sheet name in lower case. */
export function csvFileName(table: Table): string {
  return table.csvName ?? `${table.name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}.csv`;
}

/**
 * Every table as a CSV file: `wide-<questionnaire>-<version>.csv` for each questionnaire, then
 * `scores.csv` (only when some respondent answered a scored instrument, OSI or LOSI), `long.csv`,
 * `files.csv`, `conflicts.csv` and `codebook.csv`.
 */
export function csvFiles(tables: ConsolidatedTables): { readonly name: string; readonly text: string }[] {
  const scores = tables.scores === undefined ? [] : [tables.scores];
  return [...tables.wide, ...scores, tables.long, tables.files, tables.conflicts, tables.codebook].map((table) => ({ name: csvFileName(table), text: toCsv(table) }));
}
