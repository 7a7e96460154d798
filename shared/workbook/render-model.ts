import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { SubmissionDocument } from '../submission/document';
import { coverSheet } from './cover';
import type { WorkbookModel } from './model';
import { questionSheets } from './sections';

/**
 * The visible workbook for a signed document: the cover, then one sheet per section.
 *
 * Why the definition is required: the document holds answers keyed by question id, but not the
 * sections they belong to, the question texts, indicator codes or option labels a reviewer needs.
 * The definition only adds words around the signed values; every value shown (answers, evidence,
 * findings, the whole cover) comes from the document. Given the same document and definition the
 * result is always the same, which is what lets the verifier re-render and compare cell by cell.
 */
export function renderWorkbookModel(document: SubmissionDocument, definition: QuestionnaireDefinition): WorkbookModel {
  return { sheets: [coverSheet(document), ...questionSheets(document, definition)] };
}
