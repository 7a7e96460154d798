/**
 * Named errors shared by every process. Each carries a stable `code` so that an error can cross
 * the IPC boundary as data (see `ipc/envelope.ts`) and be shown to a person through the i18n layer.
 */

export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'INVALID_DEFINITION',
  'URL_REFUSED',
  'FILE_TOO_LARGE',
  'FILE_UNREADABLE',
  'FILE_UNWRITABLE',
  'IPC_SENDER_REFUSED',
  'KEYSTORE_UNAVAILABLE',
  'NOT_FOUND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A value from outside (IPC, a file, storage) did not match its schema. */
export class SchemaParseError extends AppError {
  constructor(message: string) {
    super('INVALID_PAYLOAD', message);
  }
}

export interface DefinitionProblem {
  /** The file (or other source) the definition came from. */
  readonly file: string;
  /** Dotted path inside the definition, e.g. `sections[0].questions[3].relevant.question`. */
  readonly path: string;
  readonly problem: string;
}

/** A questionnaire definition failed its schema or refers to something that does not exist. */
export class QuestionnaireDefinitionError extends AppError {
  readonly problems: readonly DefinitionProblem[];
  constructor(problems: readonly DefinitionProblem[]) {
    const lines = problems.map((p) => `${p.file}: ${p.path || '(root)'}: ${p.problem}`);
    super('INVALID_DEFINITION', `Questionnaire definition refused:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

/** An external link that is not a plain http(s) URL. */
export class ExternalUrlRefusedError extends AppError {
  constructor(reason: string) {
    super('URL_REFUSED', reason);
  }
}

export class FileTooLargeError extends AppError {
  constructor(fileName: string, size: number, limit: number) {
    super('FILE_TOO_LARGE', `${fileName} is ${String(size)} bytes; the limit is ${String(limit)} bytes.`);
  }
}

/** Exhaustiveness guard for `switch` statements over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
