import type { IntakeFile } from '../../../../shared/merge/model';
import { verifyIntakeBytes } from '../../../../shared/merge/verify-file';
import type { VerifyProgress } from './progress';
import { progressAt } from './progress';
import type { FromWorker, ToWorker, VerifyContext, VerifyJob } from './verify-protocol';

/**
 * Verifies many files on every core: a few module workers, each given a few files at a time. The
 * file bytes are transferred to the worker, not copied. When no worker can start (an old browser,
 * a blocked script), the files are verified on the page itself, a few at a time, yielding between
 * them so the screen stays responsive. Cancelling stops files from being started; every file not
 * checked is reported back by name, never dropped.
 */

/** A worker as the pool sees it; the browser's Worker is adapted to it, tests give their own. */
export interface WorkerPort {
  post(message: ToWorker, transfer: Transferable[]): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** The worker failed (could not load, crashed, a message could not be read). */
  onFailure(listener: (reason: string) => void): void;
  terminate(): void;
}

/** Starts a worker; throws when this environment cannot run one. */
export type WorkerFactory = () => WorkerPort;

export interface NotChecked {
  readonly index: number;
  readonly name: string;
  readonly why: 'cancelled' | 'workerFailed';
}

export interface PoolOutcome {
  /** Verified files, in intake order. */
  readonly files: readonly IntakeFile[];
  /** Files given but not verified, in intake order. */
  readonly notChecked: readonly NotChecked[];
  readonly cancelled: boolean;
  /** Where the work ran: `mainThread` when no worker could start. */
  readonly ranOn: 'workers' | 'mainThread';
}

export interface PoolOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly createWorker?: WorkerFactory;
  /** Default: the device's cores, at most 4, at least 1. */
  readonly workers?: number;
  /** Files a worker holds at once, so it never waits for the page between two files. */
  readonly perWorker?: number;
  /** How long a starting worker may take to say it is ready before the pool does without it. */
  readonly readyTimeoutMs?: number;
  /** The verification itself, on the page (fallback); default `verifyIntakeBytes`. */
  readonly verifyHere?: (job: VerifyJob, context: VerifyContext) => Promise<IntakeFile>;
  readonly now?: () => number;
}

const DEFAULT_PER_WORKER = 4;
const DEFAULT_READY_TIMEOUT_MS = 15_000;
/** On the page, yield to the browser after this much work so input and painting keep up. */
const MAIN_THREAD_SLICE_MS = 30;

export function defaultWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency;
  return Math.max(1, Math.min(Number.isFinite(cores) ? cores : 1, 4));
}

/** The browser's module worker running verify-worker.ts. */
export function browserWorker(): WorkerPort {
  // Written out in full here: this is the form the bundler recognises and emits as a worker chunk.
  const worker = new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (message, transfer) => { worker.postMessage(message, transfer); },
    onMessage: (listener) => {
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => { listener(event.data); });
    },
    onFailure: (listener) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        listener(event.message || 'the verification worker could not run');
      });
      worker.addEventListener('messageerror', () => { listener('a message from the verification worker could not be read'); });
    },
    terminate: () => { worker.terminate(); },
  };
}

/**
 * The bytes as a buffer that can be transferred: the file's own buffer when the view covers all of
 * it (the usual case), else a copy of just the file.
 */
function transferable(bytes: Uint8Array): { bytes: Uint8Array; transfer: Transferable[] } {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) {
    return { bytes, transfer: [buffer] };
  }
  const copy = bytes.slice();
  return { bytes: copy, transfer: [copy.buffer] };
}

interface Started {
  readonly port: WorkerPort;
  /** Jobs handed to this worker and not answered yet, by intake index. */
  readonly inFlight: Map<number, VerifyJob>;
}

/** Starts a worker and waits until it has the context; undefined when it cannot start. */
function startWorker(factory: WorkerFactory, context: VerifyContext, timeoutMs: number): Promise<Started | undefined> {
  let port: WorkerPort;
  try {
    port = factory();
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ready: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!ready) port.terminate();
      resolve(ready ? { port, inFlight: new Map() } : undefined);
    };
    const timer = setTimeout(() => { settle(false); }, timeoutMs);
    port.onMessage((message) => {
      if (message.type === 'ready') settle(true);
    });
    port.onFailure(() => { settle(false); });
    try {
      port.post({ type: 'init', context }, []);
    } catch {
      settle(false);
    }
  });
}

export async function verifyFiles(jobs: readonly VerifyJob[], context: VerifyContext, options: PoolOptions = {}): Promise<PoolOutcome> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const results: IntakeFile[] = [];
  const notChecked: NotChecked[] = [];
  const report = () => options.onProgress?.(progressAt(results.length, jobs.length, startedAt, now()));
  const outcome = (ranOn: PoolOutcome['ranOn']): PoolOutcome => ({
    files: results.sort((a, b) => a.index - b.index),
    notChecked: notChecked.sort((a, b) => a.index - b.index),
    cancelled: options.signal?.aborted ?? false,
    ranOn,
  });
  if (jobs.length === 0) return outcome('workers');
  report();

  const count = Math.min(options.workers ?? defaultWorkerCount(), jobs.length);
  const factory = options.createWorker ?? browserWorker;
  const timeout = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const started = (await Promise.all(Array.from({ length: Math.max(1, count) }, () => startWorker(factory, context, timeout)))).filter(
    (worker): worker is Started => worker !== undefined,
  );
  const queue = [...jobs];
  const verifyHere = options.verifyHere ?? ((job: VerifyJob, ctx: VerifyContext) => verifyIntakeBytes(job, ctx.trusted, ctx.definitions));

  if (started.length === 0) {
    await runOnPage(queue, context, verifyHere, options.signal, now, (file) => { results.push(file); report(); }, notChecked);
    return outcome('mainThread');
  }

  const perWorker = Math.max(1, options.perWorker ?? DEFAULT_PER_WORKER);
  await new Promise<void>((resolve) => {
    const live = new Set(started);
    let pageFallback = false;
    const finished = () => results.length + notChecked.length === jobs.length;
    const done = () => {
      if (!finished()) return;
      live.forEach((worker) => { worker.port.terminate(); });
      live.clear();
      resolve();
    };
    const dropQueue = () => {
      for (const job of queue.splice(0)) notChecked.push({ index: job.index, name: job.name, why: 'cancelled' });
    };
    const pump = (worker: Started) => {
      if (options.signal?.aborted) dropQueue();
      while (worker.inFlight.size < perWorker && queue.length > 0) {
        const job = queue.shift();
        if (job === undefined) break;
        const { bytes, transfer } = transferable(job.bytes);
        worker.inFlight.set(job.index, job);
        worker.port.post({ type: 'verify', job: { index: job.index, name: job.name, bytes } }, transfer);
      }
      done();
    };
    const fallBack = () => {
      // Every worker failed: what is left is verified on the page rather than lost.
      if (pageFallback || live.size > 0) return;
      pageFallback = true;
      void runOnPage(queue.splice(0), context, verifyHere, options.signal, now, (file) => { results.push(file); report(); }, notChecked).then(done);
    };
    options.signal?.addEventListener('abort', () => {
      if (pageFallback) return;
      dropQueue();
      // Files already in a worker are not waited for: one slow or hung workbook must not hold up
      // the cancel. Their answers, should they still come, find no job and are ignored.
      for (const worker of live) {
        worker.port.terminate();
        for (const job of worker.inFlight.values()) notChecked.push({ index: job.index, name: job.name, why: 'cancelled' });
        worker.inFlight.clear();
      }
      live.clear();
      done();
    });
    for (const worker of started) {
      worker.port.onMessage((message) => {
        if (message.type !== 'verified' || !worker.inFlight.delete(message.file.index)) return;
        results.push(message.file);
        report();
        pump(worker);
      });
      worker.port.onFailure(() => {
        if (!live.delete(worker)) return;
        worker.port.terminate();
        // Their bytes went to the worker with the job: these files must be added again.
        for (const job of worker.inFlight.values()) notChecked.push({ index: job.index, name: job.name, why: 'workerFailed' });
        worker.inFlight.clear();
        const others = [...live];
        if (others.length === 0) fallBack();
        else others.forEach(pump);
        done();
      });
      pump(worker);
    }
  });
  return outcome('workers');
}

/** Verifies on the page, one file after another, yielding to the browser every few milliseconds. */
async function runOnPage(
  jobs: readonly VerifyJob[],
  context: VerifyContext,
  verify: (job: VerifyJob, context: VerifyContext) => Promise<IntakeFile>,
  signal: AbortSignal | undefined,
  now: () => number,
  onFile: (file: IntakeFile) => void,
  notChecked: NotChecked[],
): Promise<void> {
  let sliceStart = now();
  for (const job of jobs) {
    if (signal?.aborted) {
      notChecked.push({ index: job.index, name: job.name, why: 'cancelled' });
      continue;
    }
    onFile(await verify(job, context));
    if (now() - sliceStart >= MAIN_THREAD_SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = now();
    }
  }
}
