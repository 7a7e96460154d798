import type { SignerCard } from '../../../../shared/submission/document';
import type { VerificationReport } from '../../../../shared/submission/verify';
import { verifySubmissionJson } from '../../../../shared/submission/verify';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';

/** A zip (and so an .xlsx) starts with "PK\x03\x04"; decided by content, never by file name. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Verifies one file, JSON or workbook. A workbook's visible sheets are compared using this
 * device's own copy of its questionnaire (the workbook's embedded copy is not signed); the
 * workbook code (exceljs) is loaded only when a workbook is opened.
 */
export async function verifyFile(
  bytes: Uint8Array,
  trusted: readonly SignerCard[],
  definitions: readonly QuestionnaireDefinition[],
): Promise<VerificationReport> {
  if (!looksLikeZip(bytes)) return verifySubmissionJson(bytes, trusted);
  const { verifySubmissionWorkbook } = await import('../../../../shared/workbook');
  return verifySubmissionWorkbook(bytes, trusted, definitions);
}
