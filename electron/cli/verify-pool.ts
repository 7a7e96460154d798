import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IntakeFile } from '../../shared/merge/model';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';
import type { SignerCard } from '../../shared/submission/document';
import type { VerifyJob, VerifyWorkerData, VerifyWorkerMessage } from './verify-worker';
import { unverifiedFile, VERIFY_WORKER_ROLE, verifyJob } from './verify-worker';

/**
 * Verifies many files in parallel on worker threads. Verification is CPU work (hashing, Ed25519,
 * unzipping workbooks) on independent files, so N cores verify about N times as fast. Each
 * worker gets the trusted cards and the definitions once, then file jobs; it reads each file
 * itself, so file bytes never cross threads, only the (much smaller) verified result.
 */

/** More workers than this gain nothing on a laptop and cost memory (each holds the definitions). */
export const MAX_WORKERS = 8;
/** Jobs sent ahead to each worker, so none waits for the next one while another file is read. */
const IN_FLIGHT_PER_WORKER = 4;
/**
 * Heap cap per worker: a hostile workbook that exhausts memory then ends its own worker (and is
 * reported as unreadable) instead of the whole command. A real submission needs a few MB.
 */
const WORKER_HEAP_MB = 2048;

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

export interface VerifyAllOptions {
  readonly trusted: readonly SignerCard[];
  readonly definitions: readonly QuestionnaireDefinition[];
  /** Worker threads to use; 1 verifies in-process, without a worker. */
  readonly workers: number;
  /** Called after each file, with the number done so far. */
  readonly onProgress?: (done: number) => void;
  /** Overrides the registered worker script (tests). */
  readonly script?: WorkerScript;
}

export interface VerifyAllResult {
  /** One per job, in job order. */
  readonly files: readonly IntakeFile[];
  /** Worker threads actually used; 0 when the files were verified in-process. */
  readonly workers: number;
}

export async function verifyAll(jobs: readonly VerifyJob[], options: VerifyAllOptions): Promise<VerifyAllResult> {
  const script = options.script ?? bundleScript;
  const workers = Math.min(options.workers, jobs.length);
  if (script === undefined || workers <= 1) return { files: await verifyInProcess(jobs, options, 0), workers: 0 };
  return new WorkerPool(jobs, options, script, workers).run();
}

async function verifyInProcess(jobs: readonly VerifyJob[], options: VerifyAllOptions, doneBefore: number): Promise<IntakeFile[]> {
  const files: IntakeFile[] = [];
  for (const job of jobs) {
    files.push(await verifyJob(job, options.trusted, options.definitions));
    options.onProgress?.(doneBefore + files.length);
  }
  return files;
}

/** One run of the pool: a queue of jobs, workers pulling from it, results put back in job order. */
class WorkerPool {
  private readonly results: (IntakeFile | undefined)[];
  private readonly positions = new Map<number, number>();
  private readonly workers = new Set<Worker>();
  private readonly data: VerifyWorkerData;
  private next = 0;
  private finished = 0;
  private everStarted = 0;
  private resolve: (result: VerifyAllResult) => void = () => undefined;

  constructor(
    private readonly jobs: readonly VerifyJob[],
    private readonly options: VerifyAllOptions,
    private readonly script: WorkerScript,
    private readonly count: number,
  ) {
    this.results = jobs.map(() => undefined);
    jobs.forEach((job, position) => this.positions.set(job.index, position));
    this.data = { role: VERIFY_WORKER_ROLE, trusted: options.trusted, definitions: options.definitions };
  }

  run(): Promise<VerifyAllResult> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      for (let i = 0; i < this.count; i += 1) this.start();
    });
  }

  private start(): void {
    const worker = new Worker(this.script.file, {
      eval: this.script.eval ?? false,
      workerData: this.data,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.workers.add(worker);
    const held = new Map<number, VerifyJob>();
    let ready = false;
    let failure = '';
    worker.on('message', (message: VerifyWorkerMessage) => {
      if (message.kind === 'ready') {
        ready = true;
        this.everStarted += 1;
        return;
      }
      const job = held.get(message.index);
      if (job === undefined) return;
      held.delete(message.index);
      this.feed(worker, held);
      this.settle(job, message.file);
    });
    worker.on('error', (error) => {
      failure = error.message;
    });
    worker.on('exit', (code) => {
      this.workers.delete(worker);
      if (this.finished === this.jobs.length) return;
      const lost = [...held.values()];
      held.clear();
      if (!ready && this.everStarted === 0) {
        // The worker could not start at all (not a file's fault): verify the rest in-process.
        void this.fallBackInProcess(lost);
        return;
      }
      const why = failure === '' ? `exit code ${String(code)}` : failure;
      for (const job of lost) {
        void unverifiedFile(job, `checking this file stopped the verifier (${why}); it was not verified`).then((file) => {
          this.settle(job, file);
        });
      }
      if (this.next < this.jobs.length) this.start();
    });
    this.feed(worker, held);
  }

  private feed(worker: Worker, held: Map<number, VerifyJob>): void {
    while (held.size < IN_FLIGHT_PER_WORKER && this.next < this.jobs.length) {
      const job = this.jobs[this.next];
      this.next += 1;
      if (job === undefined) continue;
      held.set(job.index, job);
      worker.postMessage(job);
    }
  }

  private async fallBackInProcess(lost: readonly VerifyJob[]): Promise<void> {
    if (this.workers.size > 0) {
      // Other workers may still start; only the lost jobs need doing here.
      for (const job of lost) this.settle(job, await verifyJob(job, this.options.trusted, this.options.definitions));
      return;
    }
    const rest = [...lost, ...this.jobs.slice(this.next)];
    this.next = this.jobs.length;
    for (const job of rest) this.settle(job, await verifyJob(job, this.options.trusted, this.options.definitions));
  }

  private settle(job: VerifyJob, file: IntakeFile): void {
    const position = this.positions.get(job.index);
    if (position === undefined || this.results[position] !== undefined) return;
    this.results[position] = file;
    this.finished += 1;
    this.options.onProgress?.(this.finished);
    if (this.finished < this.jobs.length) return;
    for (const worker of this.workers) void worker.terminate();
    const files = this.results.filter((f): f is IntakeFile => f !== undefined);
    this.resolve({ files, workers: this.everStarted > 0 ? this.count : 0 });
  }
}
