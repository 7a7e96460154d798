import { AppError } from '../errors';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { SignerCard, SubmissionDocument } from '../submission/document';
import type { VerificationReport } from '../submission/verify';
import { embedJson, embedNote } from './embed';
import { renderWorkbookModel } from './render-model';
import { DEFINITION_SHEET, SUBMISSION_SHEET } from './sheet-names';
import { definitionMatches, verifyWorkbookBytes } from './verify';
import { writeXlsx } from './xlsx';

/**
 * The signed Excel submission (issue 5): a workbook a reviewer reads without the app (a cover, one
 * sheet per section) that carries the exact signed JSON document in a hidden sheet, and whose
 * visible sheets are re-rendered from that document and compared when it is verified.
 */

export { renderWorkbookModel } from './render-model';
export type { CellModel, HyperlinkCell, RowModel, SheetModel, WorkbookModel } from './model';
export { MAX_WORKBOOK_BYTES } from './zip-check';
export { COVER_SHEET, DEFINITION_SHEET, SUBMISSION_SHEET } from './sheet-names';

/**
 * The .xlsx file of a signed document. `definition` must be the questionnaire the document answers
 * (same id, version, edition and title); it supplies section sheets, question texts and option
 * labels, and a copy of it goes into a hidden sheet so the workbook can be checked on its own.
 */
export async function renderSubmissionWorkbook(document: SubmissionDocument, definition: QuestionnaireDefinition): Promise<Uint8Array> {
  if (!definitionMatches(definition, document)) {
    throw new AppError(
      'INVALID_PAYLOAD',
      `The submission answers questionnaire ${document.questionnaire.id} ${document.questionnaire.version}, not ${definition.id} ${definition.version}.`,
    );
  }
  const submission = embedJson('egov-desk/submission', document);
  const questionnaire = embedJson('egov-desk/questionnaire', definition);
  return writeXlsx(
    renderWorkbookModel(document, definition),
    [
      { name: SUBMISSION_SHEET, columnA: submission, note: embedNote(submission.length - 1) },
      { name: DEFINITION_SHEET, columnA: questionnaire, note: embedNote(questionnaire.length - 1) },
    ],
    new Date(document.timestamps.signed),
  );
}

/**
 * Verifies a workbook's bytes; never throws. `definition` may be the questionnaire (or a list to
 * pick from by id and version); without it the copy inside the workbook is used. See
 * `verifyWorkbookBytes` for what is compared.
 */
export function verifySubmissionWorkbook(
  bytes: Uint8Array,
  trusted: readonly SignerCard[] = [],
  definition?: QuestionnaireDefinition | readonly QuestionnaireDefinition[],
): Promise<VerificationReport> {
  const definitions = definition === undefined ? [] : isList(definition) ? definition : [definition];
  return verifyWorkbookBytes(bytes, trusted, definitions);
}

function isList(value: QuestionnaireDefinition | readonly QuestionnaireDefinition[]): value is readonly QuestionnaireDefinition[] {
  return Array.isArray(value);
}
