import type { SignerCard } from '../../../../shared/submission/document';
import type { VerificationReport } from '../../../../shared/submission/verify';
import { verifySubmissionJson } from '../../../../shared/submission/verify';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';

/** A zip (and so an .xlsx) starts with "PK\x03\x04"; decided by content, never by file name. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Verifies one file, JSON or workbook. The workbook code (exceljs) is loaded only when a workbook
 * is opened, so the answering screens never pay for it.
 */
export async function verifyFile(
  bytes: Uint8Array,
  trusted: readonly SignerCard[],
  definitionFor: (id: string, version: string) => QuestionnaireDefinition | undefined,
): Promise<VerificationReport> {
  if (!looksLikeZip(bytes)) return verifySubmissionJson(bytes, trusted);
  const { verifySubmissionWorkbook } = await import('../../../../shared/workbook');
  // The workbook's definition is only known after reading it; a first pass without one names it.
  const first = await verifySubmissionWorkbook(bytes, trusted);
  if (first.status === 'unreadable') return first;
  const definition = definitionFor(first.document.questionnaire.id, first.document.questionnaire.version);
  return definition ? verifySubmissionWorkbook(bytes, trusted, definition) : first;
}
