import { useSyncExternalStore } from 'react';
import type { IntakeFile } from '../../../../shared/merge/model';
import type { OpenedWithFiles } from '../../platform/types';
import type { VerifyProgress } from './progress';
import type { PoolOptions } from './verify-pool';
import { verifyFiles } from './verify-pool';
import type { VerifyContext } from './verify-protocol';

/**
 * The coordinator's intake: every verified file, in the order added, held in memory outside React
 * so it survives moving between screens. The files are the record; only the decisions are stored.
 */

/** A file the person gave that is not in the intake, and why (refused by the picker, not checked). */
export interface NotAdded {
  readonly name: string;
  readonly reason: { readonly kind: 'refused'; readonly text: string } | { readonly kind: 'cancelled' } | { readonly kind: 'workerFailed' };
}

/** What the last add did, for the status line. */
export interface AddOutcome {
  readonly checked: number;
  readonly notAdded: number;
  readonly cancelled: boolean;
  /** Where the files were verified: in workers, or on the page when no worker could start. */
  readonly ranOn: 'workers' | 'mainThread';
}

export interface IntakeState {
  readonly files: readonly IntakeFile[];
  readonly notAdded: readonly NotAdded[];
  /** Set while files are being verified. */
  readonly verifying?: VerifyProgress;
  readonly lastAdd?: AddOutcome;
}

let state: IntakeState = { files: [], notAdded: [] };
let controller: AbortController | undefined;
const listeners = new Set<() => void>();

function set(next: IntakeState): void {
  state = next;
  listeners.forEach((listener) => { listener(); });
}

export function intakeState(): IntakeState {
  return state;
}

export function useIntake(): IntakeState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** Progress is drawn at most this often: thousands of files must not mean thousands of renders. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Verifies picked files and adds them to the intake (after the ones already there, so indexes stay
 * stable). Files refused by the picker and files not checked (cancelled) are listed as not added.
 * One add at a time: a second call while one runs is refused by returning undefined.
 */
export async function addToIntake(picked: OpenedWithFiles, context: VerifyContext, options: Pick<PoolOptions, 'createWorker' | 'workers' | 'perWorker'> = {}): Promise<AddOutcome | undefined> {
  if (controller) return undefined;
  const refused: NotAdded[] = picked.refused.map((r) => ({ name: r.name, reason: { kind: 'refused', text: r.reason } }));
  const base = state.files.length;
  const jobs = picked.files.map((file, i) => ({ index: base + i, name: file.name, bytes: file.data }));
  const abort = new AbortController();
  controller = abort;
  let lastDrawn = 0;
  set({ ...state, verifying: { done: 0, total: jobs.length } });
  try {
    const outcome = await verifyFiles(jobs, context, {
      ...options,
      signal: abort.signal,
      onProgress: (progress) => {
        const time = performance.now();
        if (time - lastDrawn < PROGRESS_INTERVAL_MS && progress.done < progress.total) return;
        lastDrawn = time;
        set({ ...state, verifying: progress });
      },
    });
    // Checked files are renumbered so the intake has no gaps where files were not checked.
    const added = outcome.files.map((file, i) => ({ ...file, index: base + i }));
    const notChecked: NotAdded[] = outcome.notChecked.map((n) => ({ name: n.name, reason: { kind: n.why } }));
    const lastAdd: AddOutcome = { checked: added.length, notAdded: refused.length + notChecked.length, cancelled: outcome.cancelled, ranOn: outcome.ranOn };
    set({ files: [...state.files, ...added], notAdded: [...state.notAdded, ...refused, ...notChecked], lastAdd });
    return lastAdd;
  } finally {
    controller = undefined;
    if (state.verifying) set({ files: state.files, notAdded: state.notAdded, ...(state.lastAdd ? { lastAdd: state.lastAdd } : {}) });
  }
}

/** Stops the running verification: files not started are listed as not added. */
export function cancelVerification(): void {
  controller?.abort();
}

/** Empties the intake (decisions stay stored, and come back when the files are added again). */
export function clearIntake(): void {
  if (controller) return;
  set({ files: [], notAdded: [] });
}
