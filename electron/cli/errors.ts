/**
 * Exit codes: 0 success; 1 the command ran but the answer is "no" (a signature does not verify,
 * a response is not ready, an identity already exists); 2 wrong usage (the convention of POSIX
 * utilities and getopt-based tools), which includes a missing or unreadable input file.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

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
