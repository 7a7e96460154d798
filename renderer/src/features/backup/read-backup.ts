import { readBackup } from '../../../../shared/backup/read';
import type { BackupRead, ReadStage } from '../../../../shared/backup/read';
import type { CheckResult, FromReadWorker, ReadRequest } from './read-protocol';

/**
 * Reads a backup file in a module worker, so the page stays responsive (and shows each stage) while
 * a large file is parsed and checked: on a 50 MB backup that is seconds of work. Where no worker can
 * run (an old browser, a blocked script, the unit tests), or the worker fails, the same reading runs
 * on the page, after a frame so the progress line is painted first. The answer is the same either way.
 */

/** A worker as this module sees it; the browser's Worker is adapted to it, tests give their own. */
export interface ReadWorkerPort {
  post(message: ReadRequest): void;
  onMessage(listener: (message: FromReadWorker) => void): void;
  /** The worker failed (could not load, crashed, a message could not be read). */
  onFailure(listener: () => void): void;
  terminate(): void;
}

/** Starts a worker; throws when this environment cannot run one. */
export type ReadWorkerFactory = () => ReadWorkerPort;

export function browserReadWorker(): ReadWorkerPort {
  // Written out in full here: this is the form the bundler recognises and emits as a worker chunk.
  const worker = new Worker(new URL('./read-worker.ts', import.meta.url), { type: 'module' });
  return {
    // Not transferred: the caller may still need the bytes (a backup is saved after its check, and
    // a failed worker's request is read again on the page). A copy of the bytes is one memcpy.
    post: (message) => { worker.postMessage(message); },
    onMessage: (listener) => {
      worker.addEventListener('message', (event: MessageEvent<FromReadWorker>) => { listener(event.data); });
    },
    onFailure: (listener) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        listener();
      });
      worker.addEventListener('messageerror', () => { listener(); });
    },
    terminate: () => { worker.terminate(); },
  };
}

export interface ReadOffPageOptions {
  readonly knownDatabaseVersion: number;
  readonly onStage?: (stage: ReadStage) => void;
  readonly createWorker?: ReadWorkerFactory;
}

/** Where the reading ran: for tests and measurements. */
export type RanOn = 'worker' | 'page';

const nextFrame = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

function defaultFactory(): ReadWorkerFactory | undefined {
  return typeof Worker === 'undefined' ? undefined : browserReadWorker;
}

/** Asks a worker; undefined when none could run or it failed before answering. */
function inWorker<T>(request: ReadRequest, factory: ReadWorkerFactory | undefined, onStage: ((stage: ReadStage) => void) | undefined, pick: (message: FromReadWorker) => T | undefined): Promise<T | undefined> {
  if (factory === undefined) return Promise.resolve(undefined);
  let port: ReadWorkerPort;
  try {
    port = factory();
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: T | undefined) => {
      if (settled) return;
      settled = true;
      port.terminate();
      resolve(value);
    };
    port.onMessage((message) => {
      if (message.type === 'stage') {
        if (!settled) onStage?.(message.stage);
        return;
      }
      const value = pick(message);
      if (value !== undefined) settle(value);
    });
    port.onFailure(() => { settle(undefined); });
    try {
      port.post(request);
    } catch {
      settle(undefined);
    }
  });
}

/** Reads a backup for restoring: every row, checked. */
export async function readBackupOffPage(bytes: Uint8Array, options: ReadOffPageOptions): Promise<{ readonly result: BackupRead; readonly ranOn: RanOn }> {
  const factory = options.createWorker ?? defaultFactory();
  const answer = await inWorker({ type: 'read', bytes, knownDatabaseVersion: options.knownDatabaseVersion }, factory, options.onStage, (m) => (m.type === 'read' ? m.result : undefined));
  if (answer !== undefined) return { result: answer, ranOn: 'worker' };
  await nextFrame();
  return { result: readBackup(bytes, { knownDatabaseVersion: options.knownDatabaseVersion, ...(options.onStage ? { onStage: options.onStage } : {}) }), ranOn: 'page' };
}

/** Checks that bytes about to be saved as a backup read back, without carrying the rows back. */
export async function checkBackupOffPage(bytes: Uint8Array, options: ReadOffPageOptions): Promise<{ readonly result: CheckResult; readonly ranOn: RanOn }> {
  const factory = options.createWorker ?? defaultFactory();
  const answer = await inWorker({ type: 'check', bytes, knownDatabaseVersion: options.knownDatabaseVersion }, factory, options.onStage, (m) => (m.type === 'checked' ? m.result : undefined));
  if (answer !== undefined) return { result: answer, ranOn: 'worker' };
  await nextFrame();
  const read = readBackup(bytes, { knownDatabaseVersion: options.knownDatabaseVersion, ...(options.onStage ? { onStage: options.onStage } : {}) });
  return { result: read.ok ? { ok: true } : read, ranOn: 'page' };
}
