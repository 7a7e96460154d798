/** Where a verification run stands, for the progress bar: count, rate and time left. */
export interface VerifyProgress {
  readonly done: number;
  readonly total: number;
  /** Undefined until enough time has passed for a rate to mean something. */
  readonly filesPerSecond?: number;
  readonly secondsLeft?: number;
}

/** Below this, a rate is noise (the first file or two, the workers starting). */
const MIN_ELAPSED_MS = 250;

export function progressAt(done: number, total: number, startedAt: number, now: number): VerifyProgress {
  const elapsed = now - startedAt;
  if (done === 0 || elapsed < MIN_ELAPSED_MS) return { done, total };
  const filesPerSecond = (done * 1000) / elapsed;
  return { done, total, filesPerSecond, secondsLeft: Math.ceil((total - done) / filesPerSecond) };
}
