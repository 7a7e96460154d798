import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { FileFormat, IntakeFile } from '../../shared/merge/model';
import { verifyIntakeBytes } from '../../shared/merge/verify-file';
import { formatByteLimit } from '../../shared/safe-json';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';
import type { SignerCard } from '../../shared/submission/document';
import { MAX_SUBMISSION_BYTES } from '../../shared/submission/document';
import { looksLikeZip, MAX_WORKBOOK_BYTES } from '../../shared/workbook/zip-check';

/**
 * The per-file work of `merge`: read one file and verify it into an `IntakeFile`. Runs inside a
 * worker thread (see verify-pool.ts) or, with `--jobs 1` and under the unit tests, in-process.
 * Never throws: a file that cannot be read is an `unreadable` intake file with its reason.
 */

/** Marks a worker started to verify files, so index.ts runs the worker loop instead of the CLI. */
export const VERIFY_WORKER_ROLE = 'egov-desk-verify-worker';

/** Sent once per worker, as `workerData`: what every verification needs. */
export interface VerifyWorkerData {
  readonly role: typeof VERIFY_WORKER_ROLE;
  readonly trusted: readonly SignerCard[];
  readonly definitions: readonly QuestionnaireDefinition[];
}

/** One file to verify; `name` is how the file is shown, `path` where it is read. */
export interface VerifyJob {
  readonly index: number;
  readonly name: string;
  readonly path: string;
}

/** What a worker posts: once `ready` when its loop runs, then one `result` per job. */
export type VerifyWorkerMessage = { readonly kind: 'ready' } | { readonly kind: 'result'; readonly index: number; readonly file: IntakeFile };

/** The largest file either format accepts: the verifier itself then refuses what its format does not. */
const READ_LIMIT = Math.max(MAX_SUBMISSION_BYTES, MAX_WORKBOOK_BYTES);

export function isVerifyWorkerData(value: unknown): value is VerifyWorkerData {
  return typeof value === 'object' && value !== null && (value as { role?: unknown }).role === VERIFY_WORKER_ROLE;
}

export async function verifyJob(job: VerifyJob, trusted: readonly SignerCard[], definitions: readonly QuestionnaireDefinition[]): Promise<IntakeFile> {
  const read = readUpTo(job.path, READ_LIMIT);
  if (read.kind === 'error') return unverifiedFile(job, read.reason);
  if (read.kind === 'tooLarge') {
    return unverifiedFile(job, `the file is ${(read.size / 1024 / 1024).toFixed(1)} MB, larger than the ${formatByteLimit(READ_LIMIT)} any submission may be`);
  }
  return verifyIntakeBytes({ index: job.index, name: job.name, bytes: read.bytes }, trusted, definitions);
}

type Read = { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'tooLarge'; readonly size: number } | { readonly kind: 'error'; readonly reason: string };

/**
 * Reads a whole file, but never more than `limit` bytes (a 10 GB file is refused unread), like
 * files.ts's `readLimited` but synchronous: on a worker thread blocking costs nothing, while each
 * asynchronous step (open, stat, read, close) is a round trip through Node's small thread pool,
 * which thousands of files queue on (measured: about a millisecond a file on two cores).
 */
export function readUpTo(file: string, limit: number): Read {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { kind: 'error', reason: readFailure(error) };
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { kind: 'error', reason: 'this is a folder, not a file' };
    if (info.size > limit) return { kind: 'tooLarge', size: info.size };
    // Read to the end rather than trusting the size: the file may grow, special files report 0.
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
    default:
      return `the file could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * An unreadable intake file for a file that was not (or could not be) verified: too large to
 * load, or its verification stopped a worker. The hash and size are still taken, streaming, so
 * the file is named by its content like every other.
 */
export async function unverifiedFile(job: VerifyJob, reason: string): Promise<IntakeFile> {
  const facts = await hashFile(job.path).catch(() => undefined);
  const format: FileFormat = facts ? (looksLikeZip(facts.head) ? 'xlsx' : 'json') : job.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'json';
  return {
    index: job.index,
    name: job.name,
    format,
    byteLength: facts?.size ?? 0,
    fileHash: `sha256:${facts?.hash ?? createHash('sha256').digest('hex')}`,
    report: { status: 'unreadable', reason },
  };
}

async function hashFile(file: string): Promise<{ hash: string; size: number; head: Uint8Array }> {
  const hash = createHash('sha256');
  let size = 0;
  let head = new Uint8Array(0);
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    if (head.byteLength < 4) head = new Uint8Array(Buffer.concat([head, bytes.subarray(0, 4)]).subarray(0, 4));
    hash.update(bytes);
    size += bytes.byteLength;
  }
  return { hash: hash.digest('hex'), size, head };
}

/**
 * The loop of a verify worker: one job per message, several in flight at once (reading one file
 * overlaps verifying another), each answered as soon as it is done.
 */
export function runVerifyWorker(data: VerifyWorkerData, port: MessagePort): void {
  port.on('message', (job: VerifyJob) => {
    void verifyJob(job, data.trusted, data.definitions)
      .catch((error: unknown) => unverifiedFile(job, `the file could not be checked (${error instanceof Error ? error.message : String(error)})`))
      .then((file) => {
        const result: VerifyWorkerMessage = { kind: 'result', index: job.index, file };
        port.postMessage(result);
      });
  });
  // Tells the pool the worker started: a worker that dies before this failed to start (its jobs
  // are then verified in-process), one that dies after it died on a file.
  const ready: VerifyWorkerMessage = { kind: 'ready' };
  port.postMessage(ready);
}
