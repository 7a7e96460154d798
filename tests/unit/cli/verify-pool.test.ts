import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyAllOptions } from '../../../electron/cli/verify-pool';
import { defaultWorkerCount, MAX_WORKERS, verifyAll, VerifierStartError, verifyVerdicts, workerHeapMb } from '../../../electron/cli/verify-pool';
import type { VerifyJob } from '../../../electron/cli/verify-worker';
import { READ_LIMIT, readUpTo, unverifiedFile, verifyJob } from '../../../electron/cli/verify-worker';
import { cleanTempDirs, tempDir } from './helpers';

/**
 * The pool's own mechanics, with a stand-in worker (plain CommonJS run by Node's `eval` worker
 * option) that speaks the real worker's protocol and answers each job by its name: the order of
 * results, a worker that dies on a file, one that dies of what came before, one that stalls, one
 * that cannot start. The real verify worker runs in tests/unit/cli/bundle.test.ts.
 */

const STAND_IN = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.failToStart) throw new Error('cannot start');
const queue = [];
let busy = false;
let checked = 0;
const answer = (job) => parentPort.postMessage({ kind: 'result', index: job.index, file: { index: job.index, name: job.name, format: 'json', byteLength: 1, fileHash: 'sha256:' + '0'.repeat(64), report: { status: 'unreadable', reason: 'seen by a worker' } } });
function next() {
  const job = queue.shift();
  busy = job !== undefined;
  if (job === undefined) return;
  checked += 1;
  // One file at a time, as the real worker: dies on it, or only when it is not the first file.
  if (job.name.startsWith('crash')) process.exit(7);
  if (job.name.startsWith('crowd') && checked > 1) process.exit(9);
  // Stalls: the thread never comes back (only ending the worker stops it).
  if (job.name.startsWith('hang')) for (;;) {}
  if (job.name.startsWith('slow')) {
    parentPort.postMessage({ kind: 'size', index: job.index, bytes: 2 * 1024 * 1024 });
    setTimeout(() => { answer(job); next(); }, 700);
    return;
  }
  setTimeout(() => { answer(job); next(); }, 1 + (job.index % 3));
}
parentPort.on('message', (job) => { queue.push(job); if (!busy) next(); });
parentPort.postMessage({ kind: 'ready' });
`;

let dir: string;

beforeAll(async () => {
  dir = await tempDir('egov-pool-');
  await writeFile(path.join(dir, 'crash-1.json'), 'crash bytes');
});
afterAll(cleanTempDirs);

function jobs(names: readonly string[]): VerifyJob[] {
  return names.map((name, index) => ({ index, name, path: path.join(dir, name) }));
}

const options = { trusted: [], definitions: [], workers: 2, script: { file: STAND_IN, eval: true } } as const satisfies VerifyAllOptions;
const reasons = (files: readonly { report: { status: string; reason?: string } }[]) => files.map((f) => (f.report.status === 'unreadable' ? f.report.reason : f.report.status));

describe('verifyAll', () => {
  it('returns one result per job, in job order, from several workers', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `file-${String(i)}.json`);
    const progress: number[] = [];
    const result = await verifyAll(jobs(names), { ...options, onProgress: (done) => progress.push(done) });
    expect(result.workers).toBe(2);
    expect(result.files.map((f) => f.name)).toStrictEqual(names);
    expect(result.files.map((f) => f.index)).toStrictEqual(names.map((_, i) => i));
    expect(reasons(result.files)).toStrictEqual(names.map(() => 'seen by a worker'));
    expect(progress).toStrictEqual(names.map((_, i) => i + 1));
  });

  it('verifies even one file, or with --jobs 1, on a worker thread, never in the command itself', async () => {
    const one = await verifyAll(jobs(['crash-1.json']), { ...options, workers: 1 });
    expect(one.workers).toBe(1);
    // The stand-in died on it, was given a second chance alone, and died again: the command lived.
    expect(reasons(one.files)).toStrictEqual(['checking this file stopped the verifier (exit code 7); it was not verified']);
    const several = await verifyAll(jobs(['a.json', 'b.json', 'c.json']), { ...options, workers: 1 });
    expect(several.workers).toBe(1);
    expect(reasons(several.files)).toStrictEqual(['seen by a worker', 'seen by a worker', 'seen by a worker']);
  });

  it('blames only the file a dead worker was on: the others it held are verified, the file is tried again alone', async () => {
    const names = ['a.json', 'crash-1.json', 'b.json', 'c.json', 'd.json', 'e.json', 'f.json', 'g.json', 'h.json', 'i.json', 'j.json'];
    const result = await verifyAll(jobs(names), options);
    expect(result.files.map((f) => f.name)).toStrictEqual(names);
    const crashed = result.files[1];
    expect(crashed?.report).toStrictEqual({ status: 'unreadable', reason: 'checking this file stopped the verifier (exit code 7); it was not verified' });
    // The file's real size and hash, taken without the worker.
    expect(crashed?.byteLength).toBe('crash bytes'.length);
    expect(crashed?.fileHash).toBe(`sha256:${createHash('sha256').update('crash bytes').digest('hex')}`);
    // Every other file, including those queued on the same worker, is verified; none twice.
    expect(reasons(result.files).filter((reason) => reason === 'seen by a worker')).toHaveLength(names.length - 1);
  });

  it('verifies a file that killed a worker only because of what came before it, once it is alone', async () => {
    const result = await verifyAll(jobs(['a.json', 'crowd-1.json', 'b.json', 'c.json']), { ...options, workers: 1 });
    expect(reasons(result.files)).toStrictEqual(['seen by a worker', 'seen by a worker', 'seen by a worker', 'seen by a worker']);
  });

  it('ends a worker stalled on a file past the deadline, reports that file, and verifies the rest', async () => {
    const started = Date.now();
    const result = await verifyAll(jobs(['a.json', 'hang-1.json', 'b.json', 'c.json', 'd.json']), { ...options, workers: 1, deadline: { baseMs: 500, perMbMs: 0 } });
    expect(reasons(result.files)).toStrictEqual(['seen by a worker', 'checking this file timed out after 0.5 s; it was not verified', 'seen by a worker', 'seen by a worker', 'seen by a worker']);
    // Timed out once, not tried again: a stalled file costs one deadline.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives a large file more time: the deadline grows with the size the worker reports', async () => {
    const roomy = await verifyAll(jobs(['slow-1.json']), { ...options, deadline: { baseMs: 400, perMbMs: 300 } });
    expect(reasons(roomy.files)).toStrictEqual(['seen by a worker']);
    const tight = await verifyAll(jobs(['slow-1.json']), { ...options, deadline: { baseMs: 400, perMbMs: 0 } });
    expect(reasons(tight.files)).toStrictEqual(['checking this file timed out after 0.4 s; it was not verified']);
  });

  it('fails, rather than verifying in-process, when no worker can start', async () => {
    const failing = verifyAll(jobs(['a.json', 'b.json']), { ...options, script: { file: `require('node:worker_threads').workerData.failToStart = true;\n${STAND_IN}`, eval: true } });
    await expect(failing).rejects.toBeInstanceOf(VerifierStartError);
    await expect(failing).rejects.toThrow(/^the verifier threads could not start \(cannot start\)$/);
  });

  it('fails, rather than waiting for ever, when a worker never comes up', async () => {
    const silent = verifyAll(jobs(['a.json']), { ...options, script: { file: 'setInterval(() => {}, 1000);', eval: true }, deadline: { baseMs: 200, perMbMs: 0 } });
    await expect(silent).rejects.toThrow(/could not start \(it did not start within 0\.\d s\)/);
  });

  it('verifies in-process only when there is no worker script (as under these tests)', async () => {
    const result = await verifyAll(jobs(['crash-1.json', 'missing.json']), { trusted: [], definitions: [], workers: 2 });
    expect(result.workers).toBe(0);
    // Really verified here: the crash name means nothing in-process, the bytes are not JSON.
    expect(result.files[0]?.report).toMatchObject({ status: 'unreadable', reason: expect.stringContaining('not valid JSON') as unknown });
    expect(result.files[1]?.report).toStrictEqual({ status: 'unreadable', reason: 'the file could not be read: no such file or folder' });
    expect(await verifyAll([], options)).toStrictEqual({ files: [], workers: 0 });
  });

  it('uses the cores there are, at most eight, each with a heap cap that fits the memory', () => {
    expect(defaultWorkerCount()).toBeGreaterThanOrEqual(1);
    expect(defaultWorkerCount()).toBeLessThanOrEqual(MAX_WORKERS);
    const gb = 1024 * 1024 * 1024;
    expect(workerHeapMb(2, 24 * gb)).toBe(2048);
    expect(workerHeapMb(8, 8 * gb)).toBe(768);
    expect(workerHeapMb(64, 4 * gb)).toBe(512);
  });
});

describe('verifyVerdicts (the verify command)', () => {
  // The same protocol, answering with a worded verdict as the real worker does for `verify`.
  const VERDICTS = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (job.name.startsWith('crash')) process.exit(7);
  const outcome = { kind: 'verdict', text: job.name + ': checked as ' + workerData.task + '\\n', json: { file: job.name }, valid: true };
  parentPort.postMessage({ kind: 'verdict', index: job.index, outcome });
});
parentPort.postMessage({ kind: 'ready' });
`;

  it('checks each file on a worker and turns a file that stops it into an unreadable verdict', async () => {
    const result = await verifyVerdicts(jobs(['a.json', 'crash-1.json', 'b.xlsx']), { ...options, script: { file: VERDICTS, eval: true } });
    expect(result.workers).toBe(2);
    expect(result.outcomes.map((o) => (o.kind === 'verdict' ? [o.text, o.valid] : o.message))).toStrictEqual([
      ['a.json: checked as verdict\n', true],
      ['crash-1.json: unreadable: checking this file stopped the verifier (exit code 7); it was not verified\n', false],
      ['b.xlsx: checked as verdict\n', true],
    ]);
  });

  it('verifies in-process when there is no worker script, with the same verdicts', async () => {
    const result = await verifyVerdicts(jobs(['crash-1.json', 'gone.json']), { trusted: [], definitions: [], workers: 2 });
    expect(result.workers).toBe(0);
    expect(result.outcomes[0]).toMatchObject({ kind: 'verdict', valid: false, text: expect.stringMatching(/^crash-1\.json: unreadable: the file is not valid JSON/) as unknown });
    // A file gone since the folder was listed is the person's mistake, as before (exit 2).
    expect(result.outcomes[1]).toStrictEqual({ kind: 'usage', message: 'gone.json: no such file or folder' });
  });
});

describe('the per-file read', () => {
  it('reads a whole file, refuses one over the limit unread, and words what went wrong', () => {
    const file = path.join(dir, 'crash-1.json');
    expect(readUpTo(file, 100)).toStrictEqual({ kind: 'bytes', bytes: new Uint8Array(Buffer.from('crash bytes')) });
    expect(readUpTo(file, 11)).toMatchObject({ kind: 'bytes' });
    expect(readUpTo(file, 10)).toStrictEqual({ kind: 'tooLarge', size: 11 });
    expect(readUpTo(dir, 100)).toStrictEqual({ kind: 'error', reason: 'this is a folder, not a file' });
    expect(readUpTo(path.join(dir, 'gone.json'), 100)).toStrictEqual({ kind: 'error', reason: 'the file could not be read: no such file or folder' });
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO or a device unread, without waiting on it', () => {
    const fifo = path.join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const refusal = { kind: 'error', reason: 'this is not a regular file (a device, a pipe or a socket), so it was not read' };
    // Opened for reading with no writer, a FIFO would block this thread for ever.
    expect(readUpTo(fifo, 100)).toStrictEqual(refusal);
    expect(readUpTo('/dev/zero', 100)).toStrictEqual(refusal);
  });

  it('turns a file that is not a submission into an unreadable intake file with its hash', async () => {
    const file = await verifyJob({ index: 4, name: 'crash-1.json', path: path.join(dir, 'crash-1.json') }, [], []);
    expect(file).toMatchObject({ index: 4, name: 'crash-1.json', format: 'json', byteLength: 11, report: { status: 'unreadable' } });
    expect(file.fileHash).toBe(`sha256:${createHash('sha256').update('crash bytes').digest('hex')}`);
  });

  it('never reads an oversized file to its end: the hash covers the first 64 MB, and says so', async () => {
    const huge = path.join(dir, 'huge.json');
    await writeFile(huge, '');
    // Sparse: 8 GB on paper, nothing on disk; reading it all would take tens of seconds.
    await truncate(huge, 8 * 1024 * 1024 * 1024);
    const started = Date.now();
    const file = await verifyJob({ index: 0, name: 'huge.json', path: huge }, [], []);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(file.byteLength).toBe(8 * 1024 * 1024 * 1024);
    expect(file.report).toStrictEqual({ status: 'unreadable', reason: 'the file is 8192.0 MB, larger than the 64 MB any submission may be (its SHA-256 covers the first 64 MB only)' });
    expect(file.fileHash).toBe(`sha256:${createHash('sha256').update(new Uint8Array(READ_LIMIT)).digest('hex')}`);
  }, 20_000);

  it.skipIf(process.platform === 'win32')('names a FIFO that stopped a worker by its name, without opening it for good', async () => {
    const fifo = path.join(dir, 'fifo-2.json');
    execFileSync('mkfifo', [fifo]);
    const file = await unverifiedFile({ index: 1, name: 'fifo-2.json', path: fifo }, 'checking this file stopped the verifier');
    expect(file).toMatchObject({ index: 1, name: 'fifo-2.json', format: 'json', byteLength: 0, report: { status: 'unreadable', reason: 'checking this file stopped the verifier' } });
  });
});
