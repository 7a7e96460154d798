import { loadQuestionnaireDefinition } from '../questionnaire/load';
import { localize } from '../questionnaire/localize';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { SignerCard, SubmissionDocument } from '../submission/document';
import type { VerificationReport } from '../submission/verify';
import { verifySubmissionDocument } from '../submission/verify';
import { compareWorkbook } from './compare';
import { readEmbeddedJson } from './embed';
import { renderWorkbookModel } from './render-model';
import { DEFINITION_SHEET, SUBMISSION_SHEET } from './sheet-names';
import type { FoundSheet } from './xlsx';
import { cellKey, readXlsx } from './xlsx';
import { checkWorkbookZip } from './zip-check';

const unreadable = (reason: string): VerificationReport => ({ status: 'unreadable', reason });
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function columnA(sheet: FoundSheet): (string | undefined)[] {
  return Array.from({ length: sheet.rowCount }, (_, r) => sheet.cells.get(cellKey(r + 1, 1))?.text);
}

/** Whether a definition is the one the document was answered against (same id, version, edition, title). */
export function definitionMatches(definition: QuestionnaireDefinition, document: SubmissionDocument): boolean {
  const { questionnaire } = document;
  const language = definition.languages[0] ?? 'en';
  return (
    definition.id === questionnaire.id &&
    definition.version === questionnaire.version &&
    definition.edition === questionnaire.edition &&
    localize(definition.title, language, language) === questionnaire.title
  );
}

/** The definition copy the workbook carries, when it is readable and names the document's questionnaire. */
function embeddedDefinition(sheets: readonly FoundSheet[], document: SubmissionDocument): QuestionnaireDefinition | undefined {
  const sheet = sheets.find((s) => s.name === DEFINITION_SHEET);
  if (!sheet) return undefined;
  const read = readEmbeddedJson('egov-desk/questionnaire', columnA(sheet));
  if (!read.ok) return undefined;
  try {
    const definition = loadQuestionnaireDefinition(read.value, DEFINITION_SHEET);
    return definitionMatches(definition, document) ? definition : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a workbook: reads the signed document embedded in it, verifies that document exactly as
 * a JSON submission is verified, and, when it is valid, renders the visible sheets again from it
 * and compares them with what the file shows. Never throws.
 *
 * The definition used for the rendering is, in order: one of `definitions` with the document's
 * questionnaire id, version, edition and title (the app's catalog, the CLI's bundled
 * instruments), else the copy the workbook carries in its hidden sheet. That copy is not covered by
 * the signature; the signed answers, evidence, findings and cover always are, whichever copy is
 * used, and passing the definition also covers the question texts and option labels.
 */
export async function verifyWorkbookBytes(
  bytes: Uint8Array,
  trusted: readonly SignerCard[],
  definitions: readonly QuestionnaireDefinition[],
): Promise<VerificationReport> {
  try {
    const zip = checkWorkbookZip(bytes);
    if (!zip.ok) return unreadable(zip.reason);
    let sheets: FoundSheet[];
    try {
      sheets = await readXlsx(bytes);
    } catch (error) {
      return unreadable(`the file is damaged: the workbook cannot be read (${message(error)})`);
    }
    const submissionSheet = sheets.find((sheet) => sheet.name === SUBMISSION_SHEET);
    if (!submissionSheet) {
      return unreadable(`the workbook holds no signed submission: its hidden sheet "${SUBMISSION_SHEET}" is missing (was it written by EGov Desk, or the sheet deleted?)`);
    }
    const embedded = readEmbeddedJson('egov-desk/submission', columnA(submissionSheet));
    if (!embedded.ok) return unreadable(`the signed submission in the hidden sheet "${SUBMISSION_SHEET}" cannot be read: ${embedded.reason}`);

    const report = await verifySubmissionDocument(embedded.value, trusted);
    if (report.status !== 'valid') return report;
    const { document } = report;
    const definition = definitions.find((d) => definitionMatches(d, document)) ?? embeddedDefinition(sheets, document);
    if (!definition) {
      // The signed document is intact, but nothing says how its sheets were laid out: the visible
      // cells cannot be checked, which a reader must hear about rather than be told "valid".
      return {
        status: 'changed',
        changes: [
          {
            where: `${DEFINITION_SHEET} (hidden sheet)`,
            signed: `questionnaire ${document.questionnaire.id} ${document.questionnaire.version}`,
            found: 'missing or damaged, so the visible sheets cannot be checked (give the questionnaire definition to check them)',
          },
        ],
        document,
      };
    }
    const changes = compareWorkbook(renderWorkbookModel(document, definition), sheets, new Set([SUBMISSION_SHEET, DEFINITION_SHEET]));
    return changes.length === 0 ? report : { status: 'changed', changes, document };
  } catch (error) {
    return unreadable(`the file could not be checked (${message(error)})`);
  }
}
