/**
 * Text as a spreadsheet cell can hold it. Excel refuses more than 32,767 characters in a cell, and
 * XML cannot carry most control characters, lone surrogates or U+FFFE/U+FFFF: a writer either drops
 * them (exceljs does) or produces a file Excel calls corrupt. The model therefore renders text in a
 * form that survives writing and reading unchanged, so the comparison never flags an honest file.
 */

/**
 * Characters per visible cell. Excel takes up to 32,767, but LibreOffice breaks any line longer
 * than about 16,367 characters in a cell of several lines (its edit engine's paragraph limit) when
 * it saves, so a re-saved workbook would no longer match. 16,000 keeps every line below both.
 */
export const CELL_TEXT_LIMIT = 16_000;

// C0 controls other than tab and line feed, DEL, lone surrogates, and the two XML non-characters.
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Line breaks become `\n` (XML readers turn a bare carriage return into a line feed anyway) and
 * characters a workbook cannot hold become U+FFFD, so the reader sees that something was there.
 */
export function cellSafeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNWRITABLE, '\ufffd');
}

/**
 * Splits text into pieces of at most `limit` UTF-16 units, never between the two halves of a
 * surrogate pair (each half alone would be an unwritable character).
 */
export function splitText(text: string, limit = CELL_TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + limit, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
