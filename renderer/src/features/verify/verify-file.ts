import type { SignerCard } from '../../../../shared/submission/document';
import type { VerificationReport } from '../../../../shared/submission/verify';
import { verifySubmissionJson } from '../../../../shared/submission/verify';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { looksLikeZip } from '../../../../shared/workbook/zip-check';


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
