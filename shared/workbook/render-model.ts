import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { SubmissionDocument } from '../submission/document';
import { coverSheet } from './cover';
import type { SheetModel, WorkbookModel } from './model';
import { scoresSheet } from './scores-sheet';
import { questionSheets } from './sections';
import { SCORES_SHEET } from './sheet-names';

/**
 * The visible workbook for a signed document: the cover, the scores when the document carries
 * them (OSI, LOSI), then one sheet per section.
 *
 * Why the definition is required: the document holds answers keyed by question id, but not the
 * sections they belong to, the question texts, indicator codes or option labels a reviewer needs.
 * The definition only adds words around the signed values; every value shown (answers, evidence,
 * findings, scores, the whole cover) comes from the document. Given the same document and
 * definition the result is always the same, which is what lets the verifier re-render and compare
 * cell by cell.
 */
export function renderWorkbookModel(document: SubmissionDocument, definition: QuestionnaireDefinition): WorkbookModel {
  const sections = questionSheets(document, definition);
  const scores = scoresSheet(document, freeName(SCORES_SHEET, sections));
  return { sheets: [coverSheet(document), ...(scores === undefined ? [] : [scores]), ...sections] };
}

/**
 * `base`, or `base (2)`, `base (3)`, … when a section sheet already has that name (Excel compares
 * sheet names regardless of case). Sections keep the names they had before scores existed.
 */
function freeName(base: string, taken: readonly SheetModel[]): string {
  const names = new Set(taken.map((sheet) => sheet.name.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base} (${String(n)})`;
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}
