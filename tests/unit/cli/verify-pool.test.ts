import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWorkerCount, MAX_WORKERS, verifyAll } from '../../../electron/cli/verify-pool';
import type { VerifyJob } from '../../../electron/cli/verify-worker';
import { readUpTo, verifyJob } from '../../../electron/cli/verify-worker';
import { cleanTempDirs, tempDir } from './helpers';

/**
 * The pool's own mechanics, with a stand-in worker (plain CommonJS run by Node's `eval` worker
 * option) that answers each job by name: the order of results, a worker that dies on a file, and a
 * worker that cannot start. The real verify worker runs in tests/unit/cli/bundle.test.ts.
 */

const STAND_IN = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.failToStart) throw new Error('cannot start');
parentPort.on('message', (job) => {
  if (job.name.startsWith('crash')) process.exit(7);
  // Answers out of order: later jobs first, so the pool must put them back in place.
  setTimeout(() => {
    parentPort.postMessage({ kind: 'result', index: job.index, file: { index: job.index, name: job.name, format: 'json', byteLength: 1, fileHash: 'sha256:' + '0'.repeat(64), report: { status: 'unreadable', reason: 'seen by a worker' } } });
  }, 20 - (job.index % 5) * 4);
});
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

const options = { trusted: [], definitions: [], workers: 2 } as const;

describe('verifyAll', () => {
  it('returns one result per job, in job order, from several workers', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `file-${String(i)}.json`);
    const progress: number[] = [];
    const result = await verifyAll(jobs(names), { ...options, script: { file: STAND_IN, eval: true }, onProgress: (done) => progress.push(done) });
    expect(result.workers).toBe(2);
    expect(result.files.map((f) => f.name)).toStrictEqual(names);
    expect(result.files.map((f) => f.index)).toStrictEqual(names.map((_, i) => i));
    expect(result.files.every((f) => f.report.status === 'unreadable' && f.report.reason === 'seen by a worker')).toBe(true);
    expect(progress).toStrictEqual(names.map((_, i) => i + 1));
  });

  it('reports the files a dead worker held as unreadable, hashed, and finishes the rest', async () => {
    const names = ['a.json', 'crash-1.json', 'b.json', 'c.json', 'd.json', 'e.json', 'f.json', 'g.json', 'h.json', 'i.json', 'j.json'];
    const result = await verifyAll(jobs(names), { ...options, script: { file: STAND_IN, eval: true } });
    expect(result.files.map((f) => f.name)).toStrictEqual(names);
    const crashed = result.files[1];
    expect(crashed?.report).toStrictEqual({ status: 'unreadable', reason: 'checking this file stopped the verifier (exit code 7); it was not verified' });
    // The file's real size and hash, taken without the worker.
    expect(crashed?.byteLength).toBe('crash bytes'.length);
    expect(crashed?.fileHash).toBe(`sha256:${createHash('sha256').update('crash bytes').digest('hex')}`);
    // Every job the same worker held at the time shares its fate; none is lost or verified twice.
    const lost = result.files.filter((f) => f.report.status === 'unreadable' && f.report.reason.startsWith('checking this file stopped'));
    expect(lost.length).toBeGreaterThanOrEqual(1);
    expect(lost.length).toBeLessThanOrEqual(4);
    expect(result.files.filter((f) => f.report.status === 'unreadable' && f.report.reason === 'seen by a worker')).toHaveLength(names.length - lost.length);
  });

  it('verifies in-process when no worker can start', async () => {
    const result = await verifyAll(jobs(['missing-1.json', 'missing-2.json', 'missing-3.json']), {
      ...options,
      script: { file: `require('node:worker_threads').workerData.failToStart = true;\n${STAND_IN}`, eval: true },
    });
    expect(result.workers).toBe(0);
    expect(result.files.map((f) => f.report)).toStrictEqual([1, 2, 3].map(() => ({ status: 'unreadable', reason: 'the file could not be read: no such file or folder' })));
  });

  it('verifies in-process with one job, or when there is no worker script (as under these tests)', async () => {
    const result = await verifyAll(jobs(['crash-1.json']), { ...options, workers: 1, script: { file: STAND_IN, eval: true } });
    expect(result.workers).toBe(0);
    // Really verified: not the stand-in's answer, and the crash name does not matter in-process.
    expect(result.files[0]?.report.status).toBe('unreadable');
    expect(result.files[0]?.report).not.toMatchObject({ reason: 'seen by a worker' });
    const noScript = await verifyAll(jobs(['crash-1.json', 'missing.json']), options);
    expect(noScript.workers).toBe(0);
    expect(noScript.files).toHaveLength(2);
  });

  it('uses the cores there are, at most eight', () => {
    expect(defaultWorkerCount()).toBeGreaterThanOrEqual(1);
    expect(defaultWorkerCount()).toBeLessThanOrEqual(MAX_WORKERS);
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

  it('turns a file that is not a submission into an unreadable intake file with its hash', async () => {
    const file = await verifyJob({ index: 4, name: 'crash-1.json', path: path.join(dir, 'crash-1.json') }, [], []);
    expect(file).toMatchObject({ index: 4, name: 'crash-1.json', format: 'json', byteLength: 11, report: { status: 'unreadable' } });
    expect(file.fileHash).toBe(`sha256:${createHash('sha256').update('crash bytes').digest('hex')}`);
  });
});
