import { describe, expect, it, vi } from 'vitest';
import type { IntakeFile } from '../../../shared/merge/model';
import { progressAt } from '../../../renderer/src/features/merge/progress';
import type { WorkerPort } from '../../../renderer/src/features/merge/verify-pool';
import { verifyFiles } from '../../../renderer/src/features/merge/verify-pool';
import type { FromWorker, ToWorker, VerifyContext, VerifyJob } from '../../../renderer/src/features/merge/verify-protocol';
import { intakeOf, jsonBytes, signedDocument } from '../../helpers/merge-fixtures';

const context: VerifyContext = { trusted: [], definitions: [] };

/** What a worker would answer for a job: enough of an IntakeFile to follow it through the pool. */
function fakeIntake(job: VerifyJob, where: string): IntakeFile {
  return { index: job.index, name: job.name, format: 'json', byteLength: job.bytes.byteLength, fileHash: `sha256:${where}`, report: { status: 'unreadable', reason: where } };
}

function jobs(count: number): VerifyJob[] {
  return Array.from({ length: count }, (_, index) => ({ index, name: `file-${String(index)}.json`, bytes: new Uint8Array([index % 256, 1, 2, 3]) }));
}

interface FakeWorker extends WorkerPort {
  readonly received: VerifyJob[];
  readonly transferred: Transferable[][];
  terminated: boolean;
  /** Answers the oldest job not answered yet. */
  answerOne(): void;
  fail(reason: string): void;
  inFlight(): number;
}

/**
 * A worker that says ready at once (unless told to fail first) and answers jobs only when the test
 * says so, so the test controls exactly what is in flight.
 */
function fakeWorker(options: { readonly failOnStart?: boolean; readonly autoAnswer?: boolean } = {}): FakeWorker {
  const messageListeners: ((message: FromWorker) => void)[] = [];
  const failureListeners: ((reason: string) => void)[] = [];
  const pending: VerifyJob[] = [];
  const worker: FakeWorker = {
    received: [],
    transferred: [],
    terminated: false,
    post(message: ToWorker, transfer: Transferable[]) {
      if (message.type === 'init') {
        queueMicrotask(() => {
          if (options.failOnStart) failureListeners.forEach((l) => { l('cannot load'); });
          else messageListeners.forEach((l) => { l({ type: 'ready' }); });
        });
        return;
      }
      worker.received.push(message.job);
      worker.transferred.push(transfer);
      pending.push(message.job);
      if (options.autoAnswer) queueMicrotask(() => { worker.answerOne(); });
    },
    onMessage(listener) {
      messageListeners.push(listener);
    },
    onFailure(listener) {
      failureListeners.push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
    answerOne() {
      const job = pending.shift();
      if (job) messageListeners.forEach((l) => { l({ type: 'verified', file: fakeIntake(job, 'worker') }); });
    },
    fail(reason) {
      failureListeners.forEach((l) => { l(reason); });
    },
    inFlight: () => pending.length,
  };
  return worker;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('verification pool', () => {
  it('shares the files among the workers, a few in flight each, transferring each file’s buffer', async () => {
    const workers = [fakeWorker({ autoAnswer: true }), fakeWorker({ autoAnswer: true })];
    let next = 0;
    const progress: number[] = [];
    const outcome = await verifyFiles(jobs(10), context, {
      workers: 2,
      perWorker: 2,
      createWorker: () => workers[next++] ?? fakeWorker(),
      onProgress: (p) => progress.push(p.done),
    });
    expect(outcome.ranOn).toBe('workers');
    expect(outcome.cancelled).toBe(false);
    expect(outcome.notChecked).toEqual([]);
    expect(outcome.files.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(workers.every((w) => w.received.length > 0)).toBe(true);
    expect((workers[0]?.received.length ?? 0) + (workers[1]?.received.length ?? 0)).toBe(10);
    // Each job's own buffer travels with it (no copy): the view covers the whole buffer.
    for (const [i, job] of (workers[0]?.received ?? []).entries()) expect(workers[0]?.transferred[i]).toEqual([job.bytes.buffer]);
    expect(progress.at(-1)).toBe(10);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('copies a file that is a view into a larger buffer, so only that file is transferred', async () => {
    const worker = fakeWorker({ autoAnswer: true });
    const shared = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await verifyFiles([{ index: 0, name: 'a.json', bytes: shared.subarray(2, 5) }], context, { workers: 1, createWorker: () => worker });
    const sent = worker.received[0];
    expect(Array.from(sent?.bytes ?? [])).toEqual([1, 2, 3]);
    expect(sent?.bytes.buffer.byteLength).toBe(3);
    expect(shared.byteLength).toBe(6);
  });

  it('on cancel, starts no more files, stops the workers at once, and reports every file not checked', async () => {
    const worker = fakeWorker();
    const abort = new AbortController();
    const running = verifyFiles(jobs(6), context, { workers: 1, perWorker: 2, createWorker: () => worker, signal: abort.signal });
    await flush();
    expect(worker.received.map((j) => j.index)).toEqual([0, 1]);
    worker.answerOne();
    expect(worker.received.map((j) => j.index)).toEqual([0, 1, 2]);
    // Files 1 and 2 are in the worker (a slow workbook, say): the cancel does not wait for them.
    abort.abort();
    const outcome = await running;
    expect(worker.terminated).toBe(true);
    // An answer arriving after the cancel is ignored, not counted twice.
    worker.answerOne();
    expect(worker.received.map((j) => j.index)).toEqual([0, 1, 2]);
    expect(outcome.cancelled).toBe(true);
    expect(outcome.files.map((f) => f.index)).toEqual([0]);
    expect(outcome.notChecked).toEqual([
      { index: 1, name: 'file-1.json', why: 'cancelled' },
      { index: 2, name: 'file-2.json', why: 'cancelled' },
      { index: 3, name: 'file-3.json', why: 'cancelled' },
      { index: 4, name: 'file-4.json', why: 'cancelled' },
      { index: 5, name: 'file-5.json', why: 'cancelled' },
    ]);
  });

  it('verifies on the page when no worker can be created', async () => {
    const verifyHere = vi.fn((job: VerifyJob) => Promise.resolve(fakeIntake(job, 'page')));
    const outcome = await verifyFiles(jobs(3), context, {
      workers: 2,
      createWorker: () => {
        throw new ReferenceError('Worker is not defined');
      },
      verifyHere,
    });
    expect(outcome.ranOn).toBe('mainThread');
    expect(outcome.files.map((f) => f.report.status === 'unreadable' && f.report.reason)).toEqual(['page', 'page', 'page']);
    expect(verifyHere).toHaveBeenCalledTimes(3);
  });

  it('verifies on the page when the workers fail to start (a script that cannot load), with the bytes intact', async () => {
    const broken = [fakeWorker({ failOnStart: true }), fakeWorker({ failOnStart: true })];
    let next = 0;
    const outcome = await verifyFiles(jobs(2), context, {
      workers: 2,
      createWorker: () => broken[next++] ?? fakeWorker({ failOnStart: true }),
      verifyHere: (job) => Promise.resolve(fakeIntake(job, `page:${String(job.bytes.byteLength)}`)),
    });
    expect(outcome.ranOn).toBe('mainThread');
    expect(broken.every((w) => w.terminated && w.received.length === 0)).toBe(true);
    expect(outcome.files.map((f) => f.report.status === 'unreadable' && f.report.reason)).toEqual(['page:4', 'page:4']);
  });

  it('cancelled on the page: files not started are reported as not checked', async () => {
    const abort = new AbortController();
    const outcome = await verifyFiles(jobs(4), context, {
      createWorker: () => {
        throw new Error('no workers');
      },
      signal: abort.signal,
      verifyHere: (job) => {
        if (job.index === 1) abort.abort();
        return Promise.resolve(fakeIntake(job, 'page'));
      },
    });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.files.map((f) => f.index)).toEqual([0, 1]);
    expect(outcome.notChecked.map((n) => [n.index, n.why])).toEqual([
      [2, 'cancelled'],
      [3, 'cancelled'],
    ]);
  });

  it('when a worker dies, the files it held are reported not checked and the others carry on', async () => {
    const dying = fakeWorker();
    const healthy = fakeWorker({ autoAnswer: true });
    const created = [dying, healthy];
    let next = 0;
    const running = verifyFiles(jobs(6), context, { workers: 2, perWorker: 1, createWorker: () => created[next++] ?? fakeWorker() });
    await flush();
    const held = dying.received.map((j) => j.index);
    expect(held).toHaveLength(1);
    dying.fail('crashed');
    const outcome = await running;
    expect(dying.terminated).toBe(true);
    expect(outcome.notChecked).toEqual(held.map((index) => ({ index, name: `file-${String(index)}.json`, why: 'workerFailed' })));
    expect(outcome.files.map((f) => f.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5].filter((i) => !held.includes(i)));
  });

  it('with no files, does nothing', async () => {
    const createWorker = vi.fn(() => fakeWorker());
    const outcome = await verifyFiles([], context, { createWorker });
    expect(outcome.files).toEqual([]);
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('on the page, the real verification gives the same result as verifying one file directly', async () => {
    const document = await signedDocument({ answers: { 'A.1': 'https://www.gov.example/' } });
    const bytes = jsonBytes(document);
    const [expected] = await intakeOf([{ name: 'a.json', bytes }]);
    const outcome = await verifyFiles([{ index: 0, name: 'a.json', bytes }], context, {
      createWorker: () => {
        throw new Error('no workers');
      },
    });
    expect(outcome.files).toEqual([expected]);
    expect(outcome.files[0]?.report.status).toBe('valid');
  });
});

describe('progress', () => {
  it('gives a rate and the time left once enough time has passed', () => {
    expect(progressAt(0, 100, 0, 5_000)).toEqual({ done: 0, total: 100 });
    expect(progressAt(10, 100, 0, 100)).toEqual({ done: 10, total: 100 });
    expect(progressAt(50, 100, 1_000, 3_000)).toEqual({ done: 50, total: 100, filesPerSecond: 25, secondsLeft: 2 });
    expect(progressAt(100, 100, 0, 4_000)).toMatchObject({ filesPerSecond: 25, secondsLeft: 0 });
  });
});
