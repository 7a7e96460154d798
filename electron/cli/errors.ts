/**
 * Exit codes: 0 success; 1 the command ran but the answer is "no" (a signature does not verify,
 * a response is not ready, an identity already exists); 2 wrong usage (the convention of POSIX
 * utilities and getopt-based tools), which includes a missing or unreadable input file; 3 (only
 * commands whose 1 already means something else, see `Command.failureExitCode`) the command
 * could not do its work at all.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/**
 * `merge` could not finish (its outputs could not be written, the verifier would not start, an
 * internal error). Its 1 means "a decision is needed", and a script must be able to tell the two
 * apart: one waits for the coordinator, the other for someone to fix the machine.
 */
export const EXIT_NOT_DONE = 3;

/** The person asked for something the command cannot do as written; shown with a hint, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command ran and refuses, for a reason the message gives in full; exit 1, no hint. */
export class CommandRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The command could not do its work (a file could not be written, a part of the tool would not
 * start): the message says what; the exit code is the command's `failureExitCode` (1 by default).
 */
export class CommandFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
