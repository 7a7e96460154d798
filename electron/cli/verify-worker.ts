import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import type { FileFormat, IntakeFile } from '../../shared/merge/model';
import { verifyIntakeBytes } from '../../shared/merge/verify-file';
import { formatByteLimit } from '../../shared/safe-json';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';
import type { SignerCard } from '../../shared/submission/document';
import { MAX_SUBMISSION_BYTES } from '../../shared/submission/document';
import { looksLikeZip, MAX_WORKBOOK_BYTES } from '../../shared/workbook/zip-check';
import type { VerdictOutcome } from './file-verdict';
import { unverifiedVerdict, verdictJob } from './file-verdict';
import { notRegularReason, OPEN_NOT_WAITING } from './regular-file';

/**
 * The per-file work of `merge`: read one file and verify it into an `IntakeFile`. Runs inside a
 * worker thread (see verify-pool.ts), or in-process only under the unit tests, which run the
 * TypeScript sources a worker cannot load. Never throws: a file that cannot be read is an
 * `unreadable` intake file with its reason.
 */

/** Marks a worker started to verify files, so index.ts runs the worker loop instead of the CLI. */
export const VERIFY_WORKER_ROLE = 'egov-desk-verify-worker';

/** What a worker makes of each file: an intake file (`merge`) or a worded verdict (`verify`). */
export type VerifyTask = 'intake' | 'verdict';

/** Sent once per worker, as `workerData`: what every verification needs. */
export interface VerifyWorkerData {
  readonly role: typeof VERIFY_WORKER_ROLE;
  readonly task: VerifyTask;
  readonly trusted: readonly SignerCard[];
  readonly definitions: readonly QuestionnaireDefinition[];
}

/** One file to verify; `name` is how the file is shown, `path` where it is read. */
export interface VerifyJob {
  readonly index: number;
  readonly name: string;
  readonly path: string;
}

/**
 * What a worker posts: once `ready` when its loop runs; for each job, in the order the jobs were
 * sent, `size` as soon as a large file is open (the pool's deadline for the file grows with it)
 * and then its `result` (an intake file) or `verdict`, by the worker's task.
 */
export type VerifyWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'size'; readonly index: number; readonly bytes: number }
  | { readonly kind: 'result'; readonly index: number; readonly file: IntakeFile }
  | { readonly kind: 'verdict'; readonly index: number; readonly outcome: VerdictOutcome };

/** The largest file either format accepts: the verifier itself then refuses what its format does not. */
export const READ_LIMIT = Math.max(MAX_SUBMISSION_BYTES, MAX_WORKBOOK_BYTES);


export function isVerifyWorkerData(value: unknown): value is VerifyWorkerData {
  return typeof value === 'object' && value !== null && (value as { role?: unknown }).role === VERIFY_WORKER_ROLE;
}

export async function verifyJob(job: VerifyJob, trusted: readonly SignerCard[], definitions: readonly QuestionnaireDefinition[], onSize?: (bytes: number) => void): Promise<IntakeFile> {
  const read = readUpTo(job.path, READ_LIMIT, onSize);
  if (read.kind === 'error') return unverifiedFile(job, read.reason);
  if (read.kind === 'tooLarge') {
    return unverifiedFile(job, `the file is ${(read.size / 1024 / 1024).toFixed(1)} MB, larger than the ${formatByteLimit(READ_LIMIT)} any submission may be`);
  }
  return verifyIntakeBytes({ index: job.index, name: job.name, bytes: read.bytes }, trusted, definitions);
}

type Read = { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'tooLarge'; readonly size: number } | { readonly kind: 'error'; readonly reason: string };

/**
 * Reads a whole regular file, but never more than `limit` bytes (a 10 GB file is refused unread),
 * like files.ts's `readLimited` but synchronous: on a worker thread blocking costs nothing, while
 * each asynchronous step (open, stat, read, close) is a round trip through Node's small thread
 * pool, which thousands of files queue on (measured: about a millisecond a file on two cores).
 */
export function readUpTo(file: string, limit: number, onSize?: (bytes: number) => void): Read {
  let fd: number;
  try {
    fd = openSync(file, OPEN_NOT_WAITING);
  } catch (error) {
    return { kind: 'error', reason: readFailure(error) };
  }
  try {
    const info = fstatSync(fd);
    const refusal = notRegularReason(info);
    if (refusal !== undefined) return { kind: 'error', reason: refusal };
    onSize?.(info.size);
    if (info.size > limit) return { kind: 'tooLarge', size: info.size };
    // Read to the end rather than trusting the size: the file may grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size + 1, 4096), limit + 1 - total));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { kind: 'tooLarge', size: total };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    const whole = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
    return { kind: 'bytes', bytes: new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength) };
  } catch (error) {
    return { kind: 'error', reason: readFailure(error) };
  } finally {
    closeSync(fd);
  }
}

function readFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'the file could not be read: no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'the file could not be read: permission denied';
    case 'EISDIR':
      return 'this is a folder, not a file';
    case 'ELOOP':
      return 'the file could not be read: it is a link that leads round in a loop';
    default:
      return `the file could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * An unreadable intake file for a file that was not (or could not be) verified: too large to
 * load, not a regular file, or its verification stopped or outlasted a worker. Its hash and size
 * are still taken so the file is named by its content like every other, but never by reading more
 * than `READ_LIMIT` bytes: a sparse 8 GB file or a device must not be read to its end. The reason
 * then says the hash covers the beginning only.
 */
export async function unverifiedFile(job: VerifyJob, reason: string): Promise<IntakeFile> {
  const facts = await fingerprint(job.path, READ_LIMIT).catch(() => undefined);
  const format: FileFormat = facts && facts.head.byteLength > 0 ? (looksLikeZip(facts.head) ? 'xlsx' : 'json') : job.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'json';
  const partial = facts !== undefined && facts.hashed < facts.size;
  return {
    index: job.index,
    name: job.name,
    format,
    byteLength: facts?.size ?? 0,
    fileHash: `sha256:${facts?.hash ?? createHash('sha256').digest('hex')}`,
    report: { status: 'unreadable', reason: partial ? `${reason} (its SHA-256 covers the first ${formatByteLimit(facts.hashed)} only)` : reason },
  };
}

interface Fingerprint {
  readonly hash: string;
  /** The size the file system gives. */
  readonly size: number;
  /** Bytes that went into `hash`: fewer than `size` when the file is larger than the limit. */
  readonly hashed: number;
  readonly head: Uint8Array;
}

/** SHA-256 of at most `limit` bytes of a regular file; undefined for anything else, unread. */
async function fingerprint(file: string, limit: number): Promise<Fingerprint | undefined> {
  const handle = await open(file, OPEN_NOT_WAITING);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    let hashed = 0;
    let head = new Uint8Array(0);
    while (hashed < limit) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, limit - hashed), null);
      if (bytesRead === 0) break;
      if (hashed === 0) head = new Uint8Array(buffer.subarray(0, Math.min(4, bytesRead)));
      hash.update(buffer.subarray(0, bytesRead));
      hashed += bytesRead;
    }
    return { hash: hash.digest('hex'), size: Math.max(info.size, hashed), hashed, head };
  } finally {
    await handle.close();
  }
}

/** Files up to this size are checked within the base deadline; larger ones report their size for more time. */
const SIZE_WORTH_REPORTING = 1024 * 1024;

/**
 * The loop of a verify worker. Jobs arrive ahead of time (so the worker never waits for the next
 * one) but are verified one at a time, in the order they came: the pool then knows which file is
 * being checked when the worker dies or stalls, and blames that file alone.
 */
export function runVerifyWorker(data: VerifyWorkerData, port: MessagePort): void {
  const queue: VerifyJob[] = [];
  let busy = false;
  const post = (message: VerifyWorkerMessage) => {
    port.postMessage(message);
  };
  const check = async (job: VerifyJob): Promise<VerifyWorkerMessage> => {
    const onSize = (bytes: number) => {
      // Only a large file needs more than the base deadline; thousands of small ones need no message.
      if (bytes > SIZE_WORTH_REPORTING) post({ kind: 'size', index: job.index, bytes });
    };
    const failed = (error: unknown) => `the file could not be checked (${error instanceof Error ? error.message : String(error)})`;
    if (data.task === 'verdict') {
      const outcome = await verdictJob(job, data.trusted, data.definitions, onSize).catch((error: unknown) => unverifiedVerdict(job, failed(error)));
      return { kind: 'verdict', index: job.index, outcome };
    }
    const file = await verifyJob(job, data.trusted, data.definitions, onSize).catch((error: unknown) => unverifiedFile(job, failed(error)));
    return { kind: 'result', index: job.index, file };
  };
  const drain = async () => {
    busy = true;
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) post(await check(job));
    busy = false;
  };
  port.on('message', (job: VerifyJob) => {
    queue.push(job);
    if (!busy) void drain();
  });
  // Tells the pool the worker started: a worker that dies before this failed to start (its jobs
  // were never looked at), one that dies after it died on the file it was checking.
  post({ kind: 'ready' });
}
