import type { AnswerValue } from '../../../../shared/schemas/answers';

/** What the save indicator shows. */
export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: number }
  | { readonly kind: 'error'; readonly message: string };

/** Writes one batch of changes; resolves with the time it was stored. */
export type WriteBatch = (changes: ReadonlyMap<string, AnswerValue | undefined>) => Promise<number>;

export interface AutosaveOptions {
  /** Quiet time after the last change before writing; at most 300 ms by requirement. */
  readonly delayMs?: number;
  /** Wait before retrying after a failed write. */
  readonly retryMs?: number;
  readonly onState: (state: SaveState) => void;
}

/**
 * Debounced, serialised autosave. Changes are coalesced per question; one write runs at a time and
 * a failed batch is put back (under any newer change to the same question) and retried, so a
 * change is never lost between typing and IndexedDB. `flush()` writes now: it is called on blur,
 * section change, page hide and unmount.
 */
export class Autosave {
  private readonly pending = new Map<string, AnswerValue | undefined>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private readonly delayMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly write: WriteBatch,
    private readonly options: AutosaveOptions,
  ) {
    this.delayMs = Math.min(options.delayMs ?? 250, 300);
    this.retryMs = options.retryMs ?? 2000;
  }

  get hasPending(): boolean {
    return this.pending.size > 0 || this.running !== undefined;
  }

  queue(questionId: string, value: AnswerValue | undefined): void {
    this.pending.set(questionId, value);
    this.options.onState({ kind: 'pending' });
    this.schedule(this.delayMs);
  }

  /** Writes everything queued so far; resolves once it is stored (or the write failed). */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    const batch = new Map(this.pending);
    this.pending.clear();
    this.running = this.writeBatch(batch);
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  dispose(): void {
    this.cancelTimer();
  }

  private async writeBatch(batch: Map<string, AnswerValue | undefined>): Promise<void> {
    this.options.onState({ kind: 'saving' });
    try {
      const at = await this.write(batch);
      this.options.onState(this.pending.size > 0 ? { kind: 'pending' } : { kind: 'saved', at });
    } catch (error) {
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
