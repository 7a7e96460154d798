import type { CliIo } from './output';

/**
 * A one-line progress counter on a terminal: count, rate and time left, redrawn in place at most
 * ten times a second and erased when done, so it never ends up in the command's real output.
 */
export class ProgressLine {
  private readonly started = Date.now();
  private lastDrawn = 0;
  private drawn = false;

  constructor(
    private readonly io: CliIo,
    private readonly verb: string,
    private readonly total: number,
  ) {}

  update(done: number): void {
    const now = Date.now();
    if (done < this.total && now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? (this.total - done) / rate : undefined;
    const parts = [`${this.verb} ${String(done)}/${String(this.total)} files`];
    if (seconds >= 0.5) parts.push(`${rate.toFixed(rate < 10 ? 1 : 0)} files/s`);
    if (seconds >= 0.5 && left !== undefined) parts.push(`about ${formatDuration(left)} left`);
    this.io.stderr(`\r\u001b[2K${parts.join(', ')}`);
    this.drawn = true;
  }

  /** A step without a count (merging, writing the outputs), shown until the next update. */
  status(text: string): void {
    this.io.stderr(`\r\u001b[2K${text}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.io.stderr('\r\u001b[2K');
    this.drawn = false;
  }
}

/** Whole seconds, rounded up first, so 119.5 s is "2 min 0 s", never "1 min 60 s". */
export function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${String(whole)} s`;
  return `${String(Math.floor(whole / 60))} min ${String(whole % 60)} s`;
}
