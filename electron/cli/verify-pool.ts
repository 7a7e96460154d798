import { availableParallelism, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IntakeFile } from '../../shared/merge/model';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';
import type { SignerCard } from '../../shared/submission/document';
import type { VerdictOutcome } from './file-verdict';
import { unverifiedVerdict, verdictJob } from './file-verdict';
import type { VerifyJob, VerifyTask, VerifyWorkerData, VerifyWorkerMessage } from './verify-worker';
import { unverifiedFile, VERIFY_WORKER_ROLE, verifyJob } from './verify-worker';

/**
 * Verifies many files in parallel on worker threads. Verification is CPU work (hashing, Ed25519,
 * unzipping workbooks) on independent files, so N cores verify about N times as fast. Each
 * worker gets the trusted cards and the definitions once, then file jobs; it reads each file
 * itself, so file bytes never cross threads, only the (much smaller) verified result.
 *
 * The files come from strangers, so the workers are also the sandbox: a file is never verified on
 * the main thread when the bundle is there to start a worker (even one file, even `--jobs 1`). A
 * worker that dies or stalls on a file costs that file alone:
 * - a worker checks one file at a time, so the pool knows which file it was on; the files it held
 *   but had not started go back to the queue untouched;
 * - the file it was on is a suspect, not a culprit (a worker can also die of what earlier files
 *   left behind): it is checked again alone, on a fresh worker, and reported unreadable only if it
 *   stops that one too;
 * - every file has a deadline (a minute, and a second more per MB): past it the worker is ended
 *   and the file reported unreadable.
 */

/** More workers than this gain nothing on a laptop and cost memory (each holds the definitions). */
export const MAX_WORKERS = 8;
/** Jobs sent ahead to each worker, so none waits for the next one after a file is done. */
const QUEUED_PER_WORKER = 4;
/**
 * Heap cap per worker: a hostile workbook that exhausts memory then ends its own worker (and is
 * reported as unreadable) instead of the whole command. A real submission needs a few MB; the cap
 * shrinks on a small machine so that all workers at their cap still fit in its memory.
 */
const MAX_WORKER_HEAP_MB = 2048;
const MIN_WORKER_HEAP_MB = 512;
/** A worker that cannot start several times in a row will not start: the run fails, it does not hang. */
const MAX_START_FAILURES = 3;

export interface Deadline {
  /** Time any file may take, from when its worker starts on it. */
  readonly baseMs: number;
  /** Extra time per MB (1,048,576 bytes) of the file, once the worker reports its size. */
  readonly perMbMs: number;
}

export const DEFAULT_DEADLINE: Deadline = { baseMs: 60_000, perMbMs: 1_000 };

/** The script a worker runs: the CLI bundle itself (index.ts starts the worker loop in it). */
export interface WorkerScript {
  readonly file: string | URL;
  /** `file` is code, not a path (Node's `eval` worker option); for tests. */
  readonly eval?: boolean;
}

let bundleScript: WorkerScript | undefined;

/**
 * Called by the bundle's entry with its own path. Without it (the unit tests run the TypeScript
 * sources, which a worker cannot load) files are verified in-process.
 */
export function useWorkerScript(script: WorkerScript | undefined): void {
  bundleScript = script;
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

/** Each worker's heap cap, so that `workers` of them at their cap leave a quarter of the memory free. */
export function workerHeapMb(workers: number, totalBytes = totalmem()): number {
  const share = Math.floor((totalBytes / 1024 / 1024) * 0.75) / Math.max(1, workers);
  return Math.max(MIN_WORKER_HEAP_MB, Math.min(MAX_WORKER_HEAP_MB, Math.floor(share)));
}

export interface VerifyAllOptions {
  readonly trusted: readonly SignerCard[];
  readonly definitions: readonly QuestionnaireDefinition[];
  /** Worker threads to use (at least one is started whenever there is a worker script). */
  readonly workers: number;
  /** Called after each file, with the number done so far. */
  readonly onProgress?: (done: number) => void;
  /** Overrides the registered worker script (tests). */
  readonly script?: WorkerScript;
  /** Overrides the per-file deadline (tests). */
  readonly deadline?: Deadline;
}

export interface VerifyAllResult {
  /** One per job, in job order. */
  readonly files: readonly IntakeFile[];
  /** Worker threads used at once; 0 when the files were verified in-process (only under the unit tests). */
  readonly workers: number;
}

/** The verifier could not run at all (its worker threads would not start): the whole run fails. */
export class VerifierStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * What the pool makes of each file, the same in a worker and in-process: merge's intake files or
 * verify's worded verdicts.
 */
interface PoolTask<R> {
  readonly name: VerifyTask;
  inProcess(job: VerifyJob, options: VerifyAllOptions): Promise<R>;
  /** The result for a file whose check stopped or outlasted its worker. */
  unverified(job: VerifyJob, reason: string): Promise<R>;
  /** The result a worker's message carries, if it is this task's. */
  resultOf(message: VerifyWorkerMessage): R | undefined;
}

const INTAKE: PoolTask<IntakeFile> = {
  name: 'intake',
  inProcess: (job, options) => verifyJob(job, options.trusted, options.definitions),
  unverified: unverifiedFile,
  resultOf: (message) => (message.kind === 'result' ? message.file : undefined),
};

const VERDICT: PoolTask<VerdictOutcome> = {
  name: 'verdict',
  inProcess: (job, options) => verdictJob(job, options.trusted, options.definitions),
  unverified: (job, reason) => Promise.resolve(unverifiedVerdict(job, reason)),
  resultOf: (message) => (message.kind === 'verdict' ? message.outcome : undefined),
};

/** `merge`: every file verified into an intake file. */
export async function verifyAll(jobs: readonly VerifyJob[], options: VerifyAllOptions): Promise<VerifyAllResult> {
  const { results, workers } = await runTask(INTAKE, jobs, options);
  return { files: results, workers };
}

/** `verify`: every file's verdict, as the command prints it, in job order. */
export async function verifyVerdicts(jobs: readonly VerifyJob[], options: VerifyAllOptions): Promise<{ readonly outcomes: readonly VerdictOutcome[]; readonly workers: number }> {
  const { results, workers } = await runTask(VERDICT, jobs, options);
  return { outcomes: results, workers };
}

async function runTask<R>(task: PoolTask<R>, jobs: readonly VerifyJob[], options: VerifyAllOptions): Promise<{ results: R[]; workers: number }> {
  const script = options.script ?? bundleScript;
  if (jobs.length === 0) return { results: [], workers: 0 };
  if (script === undefined) return { results: await inProcess(task, jobs, options), workers: 0 };
  const workers = Math.max(1, Math.min(options.workers, jobs.length));
  return new WorkerPool(task, jobs, options, script, workers).run();
}

async function inProcess<R>(task: PoolTask<R>, jobs: readonly VerifyJob[], options: VerifyAllOptions): Promise<R[]> {
  const results: R[] = [];
  for (const job of jobs) {
    results.push(await task.inProcess(job, options));
    options.onProgress?.(results.length);
  }
  return results;
}

/** One worker and what the pool knows of it. */
interface Slot {
  readonly worker: Worker;
  /** A fresh worker for one suspect file, ended once that file is done. */
  readonly solo: boolean;
  /** Jobs sent, in the order sent: the worker is checking the first. */
  readonly held: VerifyJob[];
  ready: boolean;
  /** Ended on purpose (done, or idle); its exit means nothing. */
  retired: boolean;
  /** Why the worker stopped, from its 'error' event. */
  failure: string;
  /** Set when the deadline of the first held job passed and the worker was ended for it. */
  timedOutAfterMs: number | undefined;
  timer: NodeJS.Timeout | undefined;
  /** When the worker started on the first held job (or was created, before it is ready). */
  since: number;
}

/** One run of the pool: a queue of jobs, workers pulling from it, results put back in job order. */
class WorkerPool<R> {
  private readonly results: (R | undefined)[];
  private readonly positions = new Map<number, number>();
  private readonly slots = new Set<Slot>();
  private readonly data: VerifyWorkerData;
  private readonly deadline: Deadline;
  private readonly heapMb: number;
  /** Jobs not yet sent, next first (jobs taken back from a dead worker are put in front). */
  private readonly queue: VerifyJob[];
  /** Jobs a worker died on, each to be checked again alone. */
  private readonly suspects: VerifyJob[] = [];
  private finished = 0;
  private everStarted = false;
  private startFailures = 0;
  private done = false;
  private resolve: (result: { results: R[]; workers: number }) => void = () => undefined;
  private reject: (error: Error) => void = () => undefined;

  constructor(
    private readonly task: PoolTask<R>,
    private readonly jobs: readonly VerifyJob[],
    private readonly options: VerifyAllOptions,
    private readonly script: WorkerScript,
    private readonly count: number,
  ) {
    this.results = jobs.map(() => undefined);
    jobs.forEach((job, position) => this.positions.set(job.index, position));
    this.queue = [...jobs];
    this.data = { role: VERIFY_WORKER_ROLE, task: task.name, trusted: options.trusted, definitions: options.definitions };
    this.deadline = options.deadline ?? DEFAULT_DEADLINE;
    this.heapMb = workerHeapMb(count);
  }

  run(): Promise<{ results: R[]; workers: number }> {
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      this.fill();
    });
  }

  /** Starts workers while there are free places and work for them: suspects first, each alone. */
  private fill(): void {
    while (!this.done && this.slots.size < this.count) {
      const suspect = this.suspects.shift();
      if (suspect !== undefined) {
        this.start(true, [suspect]);
        continue;
      }
      if (this.queue.length === 0) return;
      this.start(false, this.queue.splice(0, QUEUED_PER_WORKER));
    }
  }

  private start(solo: boolean, jobs: readonly VerifyJob[]): void {
    const worker = new Worker(this.script.file, {
      eval: this.script.eval ?? false,
      workerData: this.data,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const slot: Slot = { worker, solo, held: [], ready: false, retired: false, failure: '', timedOutAfterMs: undefined, timer: undefined, since: Date.now() };
    this.slots.add(slot);
    worker.on('message', (message: VerifyWorkerMessage) => {
      this.onMessage(slot, message);
    });
    worker.on('error', (error) => {
      slot.failure = error.message;
    });
    worker.on('exit', (code) => {
      this.onExit(slot, code);
    });
    for (const job of jobs) this.send(slot, job);
    // Until it is ready, the deadline covers starting: a worker that never comes up is ended.
    this.arm(slot, this.deadline.baseMs);
  }

  private send(slot: Slot, job: VerifyJob): void {
    slot.held.push(job);
    slot.worker.postMessage(job);
  }

  private onMessage(slot: Slot, message: VerifyWorkerMessage): void {
    if (slot.retired) return;
    switch (message.kind) {
      case 'ready':
        slot.ready = true;
        this.everStarted = true;
        this.startFailures = 0;
        this.startClock(slot);
        return;
      case 'size':
        // The file being checked turned out large: it gets more time, counted from its start.
        if (slot.held[0]?.index === message.index) this.arm(slot, this.allowance(message.bytes) - (Date.now() - slot.since));
        return;
      case 'result':
      case 'verdict': {
        const result = this.task.resultOf(message);
        const at = slot.held.findIndex((job) => job.index === message.index);
        const job = slot.held[at];
        if (job === undefined || result === undefined) return;
        slot.held.splice(at, 1);
        this.settle(job, result);
        if (this.done) return;
        if (slot.solo) {
          this.retire(slot);
          this.fill();
          return;
        }
        this.topUp(slot);
        this.startClock(slot);
        return;
      }
    }
  }

  private allowance(bytes: number): number {
    return this.deadline.baseMs + (bytes / (1024 * 1024)) * this.deadline.perMbMs;
  }

  /** The worker goes on to its next held job now: that job's clock starts. */
  private startClock(slot: Slot): void {
    slot.since = Date.now();
    if (slot.held.length === 0) {
      this.clearTimer(slot);
      return;
    }
    this.arm(slot, this.deadline.baseMs);
  }

  private arm(slot: Slot, ms: number): void {
    this.clearTimer(slot);
    slot.timer = setTimeout(
      () => {
        slot.timedOutAfterMs = Date.now() - slot.since;
        void slot.worker.terminate();
      },
      Math.max(0, ms),
    );
  }

  private clearTimer(slot: Slot): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  /** Sends more jobs, or ends a worker with nothing left to do so its place can go to a suspect. */
  private topUp(slot: Slot): void {
    while (slot.held.length < QUEUED_PER_WORKER) {
      const job = this.queue.shift();
      if (job === undefined) break;
      this.send(slot, job);
    }
    if (slot.held.length === 0) {
      this.retire(slot);
      this.fill();
    }
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    this.clearTimer(slot);
    this.slots.delete(slot);
    void slot.worker.terminate();
  }

  private onExit(slot: Slot, code: number): void {
    this.clearTimer(slot);
    this.slots.delete(slot);
    if (slot.retired || this.done) return;
    const [current, ...waiting] = slot.held;
    slot.held.length = 0;
    // Jobs the worker never started are nobody's suspects: back to the front of the queue.
    this.queue.unshift(...waiting);

    if (!slot.ready) {
      // Never looked at: back where it came from (a suspect stays a suspect, to be checked alone).
      if (current !== undefined) (slot.solo ? this.suspects : this.queue).unshift(current);
      this.startFailures += 1;
      if (this.startFailures >= MAX_START_FAILURES) {
        const why = slot.timedOutAfterMs === undefined ? slot.failure || `exit code ${String(code)}` : `it did not start within ${seconds(slot.timedOutAfterMs)}`;
        this.fail(new VerifierStartError(`the verifier threads could not start (${why})`));
        return;
      }
    } else if (current !== undefined) {
      if (slot.timedOutAfterMs !== undefined) {
        this.settleUnverified(current, `checking this file timed out after ${seconds(slot.timedOutAfterMs)}; it was not verified`);
      } else if (slot.solo) {
        const why = slot.failure === '' ? `exit code ${String(code)}` : slot.failure;
        this.settleUnverified(current, `checking this file stopped the verifier (${why}); it was not verified`);
      } else {
        this.suspects.push(current);
      }
    }
    this.fill();
  }

  private settleUnverified(job: VerifyJob, reason: string): void {
    void this.task.unverified(job, reason).then((result) => {
      this.settle(job, result);
    });
  }

  private settle(job: VerifyJob, result: R): void {
    const position = this.positions.get(job.index);
    if (this.done || position === undefined || this.results[position] !== undefined) return;
    this.results[position] = result;
    this.finished += 1;
    this.options.onProgress?.(this.finished);
    if (this.finished < this.jobs.length) return;
    this.done = true;
    this.endAll();
    const results = this.results.filter((r): r is R => r !== undefined);
    this.resolve({ results, workers: this.everStarted ? this.count : 0 });
  }

  private fail(error: Error): void {
    this.done = true;
    this.endAll();
    this.reject(error);
  }

  private endAll(): void {
    for (const slot of [...this.slots]) this.retire(slot);
  }
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} s`;
}
