import type { VerifiedJsonFile } from '../../../../shared/merge/verify-json-file';
import type { SignerCard } from '../../../../shared/submission/document';
import type { VerificationReport } from '../../../../shared/submission/verify';
import { verifySubmissionJson } from '../../../../shared/submission/verify';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { looksLikeZip } from '../../../../shared/workbook/zip-check';

/**
 * Verifies one submission file, JSON or workbook. A workbook's visible sheets are compared using
 * this device's own copy of its questionnaire (the workbook's embedded copy is not signed); the
 * workbook code (exceljs) is loaded only when a workbook is opened.
 */
export async function verifyFile(
  bytes: Uint8Array,
  trusted: readonly SignerCard[],
  definitions: readonly QuestionnaireDefinition[],
): Promise<VerificationReport> {
  if (!looksLikeZip(bytes)) return verifySubmissionJson(bytes, trusted);
  return verifyWorkbook(bytes, trusted, definitions);
}

async function verifyWorkbook(bytes: Uint8Array, trusted: readonly SignerCard[], definitions: readonly QuestionnaireDefinition[]): Promise<VerificationReport> {
  const { verifySubmissionWorkbook } = await import('../../../../shared/workbook');
  return verifySubmissionWorkbook(bytes, trusted, definitions);
}

/** What a file on the Verify screen turned out to be, and the verdict on it. */
export type VerifiedFile = VerifiedJsonFile;

/**
 * Verifies a file opened on the Verify screen: a signed submission (JSON or workbook) or a
 * coordinator's consolidated dataset, told apart by content, never by name. Never throws.
 */
export async function verifyAnyFile(
  bytes: Uint8Array,
  trusted: readonly SignerCard[],
  definitions: readonly QuestionnaireDefinition[],
): Promise<VerifiedFile> {
  if (looksLikeZip(bytes)) return { kind: 'submission', report: await verifyWorkbook(bytes, trusted, definitions) };
  // Loaded when the Verify screen first checks a file: it brings the consolidated dataset's schema
  // and the scoring code, which the first screen (and verifyFile above) never need.
  const { verifyJsonFile } = await import('../../../../shared/merge/verify-json-file');
  return verifyJsonFile(bytes, trusted);
}
