import { open, stat } from 'node:fs/promises';
import { MAX_CONSOLIDATED_BYTES, verifyConsolidatedJson } from '../../shared/merge/consolidated';
import { CONSOLIDATED_HEAD_BYTES, startsLikeConsolidated, verifyJsonFile } from '../../shared/merge/verify-json-file';
import { formatByteLimit } from '../../shared/safe-json';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';
import type { SignerCard } from '../../shared/submission/document';
import { MAX_SUBMISSION_BYTES } from '../../shared/submission/document';
import type { VerificationReport } from '../../shared/submission/verify';
import { verifySubmissionWorkbook } from '../../shared/workbook';
import { looksLikeZip } from '../../shared/workbook/zip-check';
import { UsageError } from './errors';
import { readLimited, readRegularFile } from './files';
import type { FileVerdict } from './verification-text';
import { isValidVerdict, verdictJson, verdictText } from './verification-text';

/**
 * The per-file work of `verify`: one file (a submission, JSON or Excel, or a consolidated
 * dataset, told apart by content) to its verdict, already worded as the command prints it. Runs
 * on a verify worker thread like merge's files (see verify-pool.ts), so a hostile workbook can
 * stop only its worker; and the verdict crosses back as its text and JSON, never as the whole
 * document (a consolidated dataset may be hundreds of MB).
 */

/** What `verify` prints for one file; or a mistake of the person (exit 2), as when run in-process. */
export type VerdictOutcome =
  | { readonly kind: 'verdict'; readonly text: string; readonly json: Record<string, unknown>; readonly valid: boolean }
  | { readonly kind: 'usage'; readonly message: string };

export interface VerdictJob {
  readonly index: number;
  /** How the file is shown. */
  readonly name: string;
  readonly path: string;
}

const submission = (format: 'json' | 'xlsx', report: VerificationReport): FileVerdict => ({ kind: 'submission', format, report });

function outcomeOf(name: string, verdict: FileVerdict): VerdictOutcome {
  return { kind: 'verdict', text: verdictText(name, verdict), json: verdictJson(name, verdict), valid: isValidVerdict(verdict) };
}

export async function verdictJob(job: VerdictJob, trusted: readonly SignerCard[], definitions: readonly QuestionnaireDefinition[], onSize?: (bytes: number) => void): Promise<VerdictOutcome> {
  try {
    // The size first, for the deadline: a consolidated dataset may be large. stat never waits.
    const info = await stat(job.path).catch(() => undefined);
    if (info?.isFile() === true) onSize?.(info.size);
    return outcomeOf(job.name, await verifyFile(job.path, job.name, trusted, definitions));
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'usage', message: error.message };
    return unverifiedVerdict(job, `the file could not be checked (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The verdict for a file whose check stopped or outlasted its worker. */
export function unverifiedVerdict(job: VerdictJob, reason: string): VerdictOutcome {
  return outcomeOf(job.name, submission(job.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'json', { status: 'unreadable', reason }));
}

/** A JSON file: a consolidated dataset or a submission (shared/merge/verify-json-file.ts). */
async function verifyJson(bytes: Uint8Array, trusted: readonly SignerCard[]): Promise<FileVerdict> {
  const verified = await verifyJsonFile(bytes, trusted);
  return verified.kind === 'submission' ? submission('json', verified.report) : verified;
}

/** The first bytes of a file; none when it cannot be read (it is then refused as too large). */
async function readHead(file: string): Promise<Uint8Array> {
  try {
    const handle = await open(file, 'r');
    try {
      const head = new Uint8Array(CONSOLIDATED_HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, CONSOLIDATED_HEAD_BYTES, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * A file larger than any submission: only a consolidated dataset may be, so it is read in full
 * only when it starts like one. Anything else is refused unread, as a 10 GB file must be.
 */
async function verifyLargeFile(file: string, shownAs: string, trusted: readonly SignerCard[]): Promise<FileVerdict> {
  if (!startsLikeConsolidated(await readHead(file))) {
    return submission('json', { status: 'unreadable', reason: `the file is larger than ${formatByteLimit(MAX_SUBMISSION_BYTES)}` });
  }
  const read = await readLimited(file, MAX_CONSOLIDATED_BYTES, shownAs);
  if (read.kind === 'tooLarge') {
    return { kind: 'consolidated', verification: { status: 'unreadable', reason: `the file is larger than ${formatByteLimit(MAX_CONSOLIDATED_BYTES)}` } };
  }
  return { kind: 'consolidated', verification: await verifyConsolidatedJson(read.bytes, trusted) };
}

async function verifyFile(file: string, shownAs: string, trusted: readonly SignerCard[], definitions: readonly QuestionnaireDefinition[]): Promise<FileVerdict> {
  const read = await readRegularFile(file, MAX_SUBMISSION_BYTES, shownAs);
  if (read.kind === 'refused') return submission('json', { status: 'unreadable', reason: read.reason });
  if (read.kind === 'tooLarge') return verifyLargeFile(file, shownAs, trusted);
  if (looksLikeZip(read.bytes)) {
    try {
      // The built-in questionnaires, so the visible sheets are checked against trusted copies.
      return submission('xlsx', await verifySubmissionWorkbook(read.bytes, trusted, definitions));
    } catch (error) {
      return submission('xlsx', { status: 'unreadable', reason: `the workbook could not be checked (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return verifyJson(read.bytes, trusted);
}
