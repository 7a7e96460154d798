import type { CliContext } from '../context';

/** One subcommand: its help text and what it does. Returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for the command list in `egov-desk --help`. */
  readonly summary: string;
  /** The full text of `egov-desk <command> --help`. */
  readonly help: string;
  /**
   * Exit code when the command fails to do its work (a `CommandFailedError`, a `CommandRefusedError`,
   * an internal error) rather than answering "no"; 1 when not given. `merge` says 3, because its
   * 1 means "a decision is needed".
   */
  readonly failureExitCode?: number;
  run(args: readonly string[], context: CliContext): Promise<number>;
}
