import type { CliContext } from '../context';

/** One subcommand: its help text and what it does. Returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for the command list in `egov-desk --help`. */
  readonly summary: string;
  /** The full text of `egov-desk <command> --help`. */
  readonly help: string;
  run(args: readonly string[], context: CliContext): Promise<number>;
}
