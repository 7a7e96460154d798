import { z } from 'zod';
import { AppError, FileTooLargeError } from '../errors';
import { describeIssues } from '../parse';
import type { AnswerValue, Answers } from '../schemas/answers';
import { answerValueSchema } from '../schemas/answers';
import type { EvidenceByQuestion, EvidenceItem } from '../schemas/evidence';
import { evidenceItemSchema } from '../schemas/evidence';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import { idSchema } from '../schemas/questionnaire';
import { respondentSchema } from '../schemas/response';

/**
 * A response as a file, format `egov-desk/response` version 1: what the `sample` command writes
 * and `validate` / `export` read. It is the unsigned working state of one response (answers as
 * typed, evidence, acknowledged warnings), bound to one edition of a questionnaire; the signed
 * submission is made from it with `export`.
 */
export const RESPONSE_FILE_FORMAT = 'egov-desk/response';
export const RESPONSE_FILE_FORMAT_VERSION = 1;
/** Largest response file read: the biggest instrument fully answered with evidence is far below 1 MB. */
export const MAX_RESPONSE_FILE_BYTES = 8 * 1024 * 1024;

const isoTimestamp = z.iso.datetime({ offset: false });

export const responseFileSchema = z
  .strictObject({
    format: z.literal(RESPONSE_FILE_FORMAT),
    formatVersion: z.literal(RESPONSE_FILE_FORMAT_VERSION),
    responseId: z.uuid(),
    questionnaire: z.strictObject({
      id: idSchema,
      version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0'),
      /** Content hash of the definition answered; when present it must match the one available. */
      contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits').optional(),
    }),
    respondent: respondentSchema,
    answers: z.record(idSchema, answerValueSchema),
    evidence: z.record(idSchema, z.array(evidenceItemSchema).max(200)),
    /** Keys of the warnings the focal point has seen and accepts (see the validation findings). */
    acknowledgedWarnings: z.array(z.string().min(1).max(500)).max(10_000),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({ id: 'EGovDeskResponse', description: 'An unsigned EGov Desk response (format version 1).' });
export type ResponseFile = z.infer<typeof responseFileSchema>;

/** A response file that cannot be used; the message says why, in words for the person running the tool. */
export class ResponseFileError extends AppError {
  constructor(message: string) {
    super('INVALID_PAYLOAD', message);
  }
}

/** Reads a response file's bytes; throws a `ResponseFileError` (or `FileTooLargeError`) naming the file. */
export function parseResponseFile(bytes: Uint8Array, fileName: string): ResponseFile {
  if (bytes.byteLength > MAX_RESPONSE_FILE_BYTES) throw new FileTooLargeError(fileName, bytes.byteLength, MAX_RESPONSE_FILE_BYTES);
  if (bytes.byteLength === 0) throw new ResponseFileError(`${fileName} is empty.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ResponseFileError(`${fileName} is not UTF-8 text, so it is not a response file.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ResponseFileError(`${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  if (format !== RESPONSE_FILE_FORMAT) {
    const what = format === 'egov-desk/submission' ? 'a signed submission' : 'not an EGov Desk response';
    throw new ResponseFileError(`${fileName} is ${what}: expected "format": "${RESPONSE_FILE_FORMAT}".`);
  }
  const parsed = responseFileSchema.safeParse(value);
  if (!parsed.success) throw new ResponseFileError(`${fileName} does not follow the response format: ${describeIssues(parsed.error.issues.slice(0, 5))}`);
  return parsed.data;
}

/** The text written to disk: pretty-printed, one trailing newline, keys in the schema's order. */
export function responseFileText(file: ResponseFile): string {
  return `${JSON.stringify(responseFileSchema.parse(file), null, 2)}\n`;
}

/** One questionnaire edition a response can be checked against. */
export interface AvailableDefinition {
  readonly definition: QuestionnaireDefinition;
  readonly contentHash: string;
}

/**
 * The definition a response was answered against. Refused, with the editions that are available,
 * when its id or version is not among them, or when its content hash names different content.
 */
export function definitionForResponse(file: ResponseFile, available: readonly AvailableDefinition[], fileName: string): AvailableDefinition {
  const { id, version, contentHash } = file.questionnaire;
  const sameId = available.filter((a) => a.definition.id === id);
  const list = (items: readonly AvailableDefinition[]) => items.map((a) => `${a.definition.id} ${a.definition.version}`).join(', ');
  if (sameId.length === 0) throw new ResponseFileError(`${fileName} answers questionnaire "${id}", which is not available (available: ${list(available)}).`);
  const match = sameId.find((a) => a.definition.version === version);
  if (!match) throw new ResponseFileError(`${fileName} answers ${id} version ${version}, which is not available (available: ${list(sameId)}).`);
  if (contentHash !== undefined && contentHash !== match.contentHash) {
    throw new ResponseFileError(`${fileName} answers a different text of ${id} ${version} than the one available (content hash ${contentHash}, available ${match.contentHash}).`);
  }
  return match;
}

/** The maps the validation engine and `buildSubmission` take. */
export function responseParts(file: ResponseFile): { answers: Answers; evidence: EvidenceByQuestion; acknowledged: ReadonlySet<string> } {
  return {
    answers: new Map<string, AnswerValue>(Object.entries(file.answers)),
    evidence: new Map<string, readonly EvidenceItem[]>(Object.entries(file.evidence)),
    acknowledged: new Set(file.acknowledgedWarnings),
  };
}
