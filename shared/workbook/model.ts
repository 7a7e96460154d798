/**
 * The visible workbook as plain data: sheets, rows, cells. `renderWorkbookModel` builds it from a
 * signed document (and the questionnaire definition); the exceljs writer only turns it into bytes,
 * and the verifier compares what a file shows with a fresh rendering of its embedded document.
 * Keeping the model free of exceljs is what makes "the visible sheets are a pure function of the
 * signed document" checkable, and testable without writing a file.
 */

/** A clickable link: the cell shows `text` and opens `url`. */
export interface HyperlinkCell {
  readonly text: string;
  readonly url: string;
}

/**
 * Every cell is text (or a link with text). Numbers are written as the text of the number too: a
 * number cell would be reformatted by the program that opens it (thousands separators, rounding,
 * dates), and text survives a re-save byte for byte, which the comparison relies on.
 */
export type CellModel = string | HyperlinkCell;

/** How a row looks; the comparison ignores it (a re-save may change styles freely). */
export type RowStyle = 'title' | 'header' | 'heading' | 'label' | 'body';

export interface RowModel {
  readonly cells: readonly CellModel[];
  readonly style: RowStyle;
  /** The question a row belongs to, named in a reported change (`Sheet!D7 (question A.1)`). */
  readonly questionId?: string;
  /** What a cover row shows, named in a reported change (`Cover!B9 (Signer e-mail)`). */
  readonly label?: string;
}

export interface SheetModel {
  readonly name: string;
  /** Column widths in characters, left to right. */
  readonly widths: readonly number[];
  /** Rows kept in view while scrolling (the title and column headers). */
  readonly frozenRows: number;
  readonly rows: readonly RowModel[];
}

export interface WorkbookModel {
  readonly sheets: readonly SheetModel[];
}

export const isHyperlink = (cell: CellModel): cell is HyperlinkCell => typeof cell !== 'string';

/** The text a cell shows, whatever its kind. */
export const cellText = (cell: CellModel | undefined): string => (cell === undefined ? '' : isHyperlink(cell) ? cell.text : cell);
