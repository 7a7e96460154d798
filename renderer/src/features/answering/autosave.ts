import type { AnswerValue } from '../../../../shared/schemas/answers';

/** What the save indicator shows. */
export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: number }
  | { readonly kind: 'error'; readonly message: string }
  /** A restore in another window replaced the data: nothing more is written, the page reloads. */
  | { readonly kind: 'discarded' };

/** Writes one batch of changes; resolves with the time it was stored. */
export type WriteBatch = (changes: ReadonlyMap<string, AnswerValue | undefined>) => Promise<number>;

export interface AutosaveOptions {
  /**
   * Longest a change waits before its write starts (default AUTOSAVE_WINDOW_MS; at most 300 ms by
   * requirement). Changes made meanwhile join the same write.
   */
  readonly delayMs?: number;
  /** Wait before retrying after a failed write. */
  readonly retryMs?: number;
  readonly onState: (state: SaveState) => void;
}

/**
 * The default write window. Short, since a person types a key every 100 ms or so: each keystroke
 * gets its own write at 10 ms as at 25 ms, so a shorter window adds no writes while typing and takes
 * 15 ms off the wait from a key to IndexedDB (issue 10: input to committed within 50 ms at p95; the
 * write itself takes 10 to 15 ms). Only keys closer together than the window share a write.
 */
export const AUTOSAVE_WINDOW_MS = 10;

/** Every autosave still able to hold a change, so that an app update can wait for all of them. */
const live = new Set<Autosave>();

/** Some answers could not be written to IndexedDB (they are kept and retried). */
export class UnsavedAnswersError extends Error {
  constructor() {
    super('Some answers are not saved yet: the browser refused to store them.');
    this.name = 'UnsavedAnswersError';
  }
}

/**
 * Writes every pending change of every open autosave now; resolves once IndexedDB has committed
 * them, rejects with UnsavedAnswersError when a write failed (the change is still kept and retried).
 * Used before the web app switches to a new version (features/update).
 */
export async function flushAllAutosaves(): Promise<void> {
  // Twice: a change typed while the first flush was writing joins the second.
  for (let round = 0; round < 2; round += 1) await Promise.all([...live].map((autosave) => autosave.flush()));
  if ([...live].some((autosave) => autosave.hasPending)) throw new UnsavedAnswersError();
}

/** Set once another window restored a backup: this page only waits for its reload. */
let abandoned = false;

/**
 * Drops every change not yet written and stops every autosave for the rest of the page's life. For
 * when another window restored a backup and this page is about to reload (app/data-broadcast.ts):
 * its pending changes were made to data the restore replaced, and writing them would put a field of
 * the old version on top of the restored response, the very mix a restore avoids. The restoring
 * page says so before its transaction opens ("restoring") and waits a moment, so a write here is
 * either abandoned or already queued ahead of the restore, whose own re-check then sees the change
 * and refuses to restore over it.
 */
export function abandonAllAutosaves(): void {
  abandoned = true;
  for (const autosave of live) autosave.abandon();
  live.clear();
}

/**
 * Serialised autosave with a short, fixed window. The first change after a write opens a window
 * of `delayMs`; every change until it closes is written in one batch. The window is not restarted
 * by later keystrokes: a debounce ("write after 250 ms of quiet") kept a fast typist's first
 * keystroke in memory for as long as they typed (measured: ~1 s median to reach IndexedDB), while
 * a fixed window bounds that wait whatever the typing speed. Changes are coalesced per question; one write runs at a time and
 * a failed batch is put back (under any newer change to the same question) and retried, so a
 * change is never lost between typing and IndexedDB. `flush()` writes now: it is called on blur,
 * section change, page hide and unmount.
 */
export class Autosave {
  private readonly pending = new Map<string, AnswerValue | undefined>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  /** The screen closed (see dispose); kept in `live` only while something is pending. */
  private disposed = false;
  private readonly delayMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly write: WriteBatch,
    private readonly options: AutosaveOptions,
  ) {
    this.delayMs = Math.min(options.delayMs ?? AUTOSAVE_WINDOW_MS, 300);
    this.retryMs = options.retryMs ?? 2000;
    live.add(this);
  }

  get hasPending(): boolean {
    return this.pending.size > 0 || this.running !== undefined;
  }

  queue(questionId: string, value: AnswerValue | undefined): void {
    if (abandoned) {
      // Said, not silently dropped: the indicator must never claim a change was saved.
      this.options.onState({ kind: 'discarded' });
      return;
    }
    // Tracked again if it was disposed and is still used (React's StrictMode runs a screen's
    // effects' cleanup once and then mounts it again with the same autosave).
    live.add(this);
    this.pending.set(questionId, value);
    this.options.onState({ kind: 'pending' });
    // An open window (or a retry wait after a failure) already covers this change.
    if (this.timer === undefined) this.schedule(this.delayMs);
  }

  /** Writes everything queued so far; resolves once it is stored (or the write failed). */
  async flush(): Promise<void> {
    this.cancelTimer();
    if (abandoned) return;
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    const batch = new Map(this.pending);
    this.pending.clear();
    this.running = this.writeBatch(batch);
    try {
      await this.running;
    } finally {
      this.running = undefined;
      this.forgetIfDone();
    }
  }

  /**
   * The screen closed. An autosave with nothing left to write is forgotten at once; one still
   * holding a change (a write under way, a change not yet written, a failed write waiting for its
   * retry) stays tracked, keeps writing and retrying, and is forgotten only after a successful write
   * leaves nothing pending, so flushAllAutosaves never resolves while its changes are unstored.
   */
  dispose(): void {
    this.disposed = true;
    if (this.hasPending) {
      // Written now rather than after the window, since nothing will flush it any more.
      if (this.pending.size > 0 && this.running === undefined && this.timer !== undefined) void this.flush();
      return;
    }
    this.cancelTimer();
    live.delete(this);
  }

  /** Forgets what is not yet written and stops (see abandonAllAutosaves). */
  abandon(): void {
    this.cancelTimer();
    this.pending.clear();
    this.disposed = true;
    this.options.onState({ kind: 'discarded' });
  }

  /** After a write: a disposed autosave with nothing left is forgotten. */
  private forgetIfDone(): void {
    if (this.disposed && !this.hasPending && this.timer === undefined) live.delete(this);
  }

  private async writeBatch(batch: Map<string, AnswerValue | undefined>): Promise<void> {
    this.options.onState({ kind: 'saving' });
    try {
      const at = await this.write(batch);
      this.options.onState(this.pending.size > 0 ? { kind: 'pending' } : { kind: 'saved', at });
    } catch (error) {
      // Abandoned meanwhile: the failed batch belongs to the data a restore replaced; no retry.
      if (abandoned) {
        this.options.onState({ kind: 'discarded' });
        return;
      }
      for (const [id, value] of batch) if (!this.pending.has(id)) this.pending.set(id, value);
      this.options.onState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      this.schedule(this.retryMs);
    }
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
