import type { CliIo } from './output';

/** Everything a command needs from the outside, injected so tests run commands in-process. */
export interface CliContext {
  readonly io: CliIo;
  /** Folder that relative paths are resolved against. */
  readonly cwd: string;
  /** The clock (signing time and key creation time). */
  readonly now: () => Date;
}
