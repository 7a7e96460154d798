import { sha256HexSync } from '../crypto/sha256';
import { submissionContentHash } from '../review/bind';
import { formatByteLimit } from '../safe-json';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { SignerCard } from '../submission/document';
import { MAX_SUBMISSION_BYTES } from '../submission/document';
import type { VerificationReport } from '../submission/verify';
import { verifySubmissionJson } from '../submission/verify';
import { looksLikeZip, MAX_WORKBOOK_BYTES } from '../workbook/zip-check';
import type { FileFormat, IntakeFile } from './model';

/**
 * Verifies one file of a coordinator's intake. This is the unit of work the CLI's worker threads
 * and the app's web workers run per file, so it never throws: whatever goes wrong becomes an
 * `unreadable` report with its reason, and the file stays in the intake table.
 *
 * The format is decided by content, never by the file name: a zip is verified as a workbook,
 * anything else as JSON (whose parser then says what the bytes are not).
 */
export async function verifyIntakeBytes(
  input: { readonly index: number; readonly name: string; readonly bytes: Uint8Array },
  trusted: readonly SignerCard[],
  definitions: readonly QuestionnaireDefinition[],
): Promise<IntakeFile> {
  const { index, name, bytes } = input;
  const format: FileFormat = looksLikeZip(bytes) ? 'xlsx' : 'json';
  const base = { index, name, format, byteLength: bytes.byteLength, fileHash: `sha256:${sha256HexSync(bytes)}` };
  try {
    const refusal = sizeRefusal(bytes.byteLength, format);
    if (refusal !== undefined) return { ...base, report: { status: 'unreadable', reason: refusal } };
    const report = await verifyByFormat(bytes, format, trusted, definitions);
    if (report.status === 'unreadable') return { ...base, report };
    return { ...base, report, contentHash: await submissionContentHash(report.document) };
  } catch (error) {
    // The verifiers do not throw; this guards the dynamic import and anything unforeseen, so one
    // bad file can never stop a batch of thousands.
    const reason = `the file could not be checked (${error instanceof Error ? error.message : String(error)})`;
    return { ...base, report: { status: 'unreadable', reason } };
  }
}

function sizeRefusal(byteLength: number, format: FileFormat): string | undefined {
  if (byteLength === 0) return 'the file is empty';
  const limit = format === 'xlsx' ? MAX_WORKBOOK_BYTES : MAX_SUBMISSION_BYTES;
  if (byteLength <= limit) return undefined;
  const what = format === 'xlsx' ? 'an Excel submission' : 'a JSON submission';
  return `the file is ${byteCount(byteLength)}, larger than the ${formatByteLimit(limit)} accepted for ${what}`;
}

function byteCount(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(1)} MB (${bytes.toLocaleString('en')} bytes)` : `${bytes.toLocaleString('en')} bytes`;
}

async function verifyByFormat(
  bytes: Uint8Array,
  format: FileFormat,
  trusted: readonly SignerCard[],
  definitions: readonly QuestionnaireDefinition[],
): Promise<VerificationReport> {
  if (format === 'json') return verifySubmissionJson(bytes, trusted);
  // exceljs is large: loaded only when a workbook actually turns up in the intake.
  const workbook = await import('../workbook');
  return workbook.verifySubmissionWorkbook(bytes, trusted, definitions);
}
