import { z } from 'zod';
import { describeIssues } from '../parse';
import { DEFAULT_MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json';
import type { AnswerValue } from '../schemas/answers';
import { answerValueSchema } from '../schemas/answers';
import type { ConflictDecision, FileChoice, MergedAnswer, MergedRespondent, MergeResult, ResolutionChoice } from './model';
import { valueKey } from './value-key';

/**
 * The decisions file (format `egov-desk/merge-decisions` version 1): the coordinator's choices about
 * files (include a tampered file or not) and conflicts (which value, and why), written by hand or
 * from a template, so the command line can merge without the app and a merge can be repeated.
 *
 * A template lists every open question with `null` to fill in, next to what is needed to answer it
 * (each candidate value with its organisations, signers, files and evidence), and every decision
 * already made, so one file is the full record. The informational members (`candidates`, `place`,
 * `name`, `status`) are ignored on reading.
 */

/** Longest reason accepted for a decision; the app's reason fields stop there too, so what it saves it can load. */
export const MAX_REASON_LENGTH = 20_000;

export const DECISIONS_FORMAT = 'egov-desk/merge-decisions';
export const DECISIONS_FORMAT_VERSION = 1;
/** Far more than the decisions for thousands of files and conflicts; bounds memory on a wrong file. */
export const MAX_DECISIONS_BYTES = 16 * 1024 * 1024;

export interface DecisionsFileEntry {
  readonly fileHash: string;
  readonly name?: string;
  /** The file's verification result (`changed`, `signatureInvalid`, …), for the reader. */
  readonly status?: string;
  /** null: still to decide. */
  readonly include: boolean | null;
  readonly reason: string;
}

export interface DecisionsCandidate {
  readonly value: AnswerValue;
  readonly organisations: readonly string[];
  /** "Name (Organisation)" of each signer who gave this value. */
  readonly signers: readonly string[];
  readonly files: readonly string[];
  readonly evidence: readonly string[];
}

export type DecisionsChoice =
  | { readonly kind: 'choose'; readonly value: AnswerValue }
  | { readonly kind: 'combine' }
  | { readonly kind: 'write'; readonly value: AnswerValue };

export interface DecisionsConflictEntry {
  readonly respondent: string;
  readonly place?: string;
  readonly question: string;
  readonly fingerprint?: string;
  readonly candidates?: readonly DecisionsCandidate[];
  /** null: still to decide. */
  readonly choice: DecisionsChoice | null;
  readonly reason: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
}

export interface DecisionsFile {
  readonly format: typeof DECISIONS_FORMAT;
  readonly formatVersion: typeof DECISIONS_FORMAT_VERSION;
  /** How to fill the file in, for whoever opens it. */
  readonly about?: string;
  readonly files: readonly DecisionsFileEntry[];
  readonly conflicts: readonly DecisionsConflictEntry[];
}

const sha256Tagged = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits');

const fileEntrySchema = z.strictObject({
  fileHash: sha256Tagged,
  name: z.unknown().optional(),
  status: z.unknown().optional(),
  include: z.boolean().nullable().default(null),
  reason: z.string().max(MAX_REASON_LENGTH).default(''),
});

/** An answer value, with a message that says what one looks like (the union's own is "Invalid input"). */
const valueSchema = z.union(answerValueSchema.options, {
  error: (issue) =>
    issue.input === undefined
      ? 'is missing: give the value'
      : 'must be an answer value: text, a number, a list of option values, or a list of group rows ({"rowId": …, "answers": {…}})',
});

const choiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choose'), value: valueSchema }),
  z.strictObject({ kind: z.literal('combine') }),
  z.strictObject({ kind: z.literal('write'), value: valueSchema }),
]);

const conflictEntrySchema = z.strictObject({
  respondent: z.string().min(1).max(1000),
  place: z.unknown().optional(),
  question: z.string().min(1).max(200),
  fingerprint: sha256Tagged.optional(),
  candidates: z.unknown().optional(),
  choice: choiceSchema.nullable().default(null),
  reason: z.string().max(MAX_REASON_LENGTH).default(''),
  decidedBy: z.string().max(300).optional(),
  decidedAt: z.iso.datetime({ offset: true }).optional(),
});

const decisionsFileSchema = z.strictObject({
  format: z.literal(DECISIONS_FORMAT),
  formatVersion: z.literal(DECISIONS_FORMAT_VERSION),
  about: z.unknown().optional(),
  files: z.array(fileEntrySchema).max(1_000_000).default([]),
  conflicts: z.array(conflictEntrySchema).max(1_000_000).default([]),
});

export type ParsedDecisions =
  | { readonly ok: true; readonly choices: FileChoice[]; readonly decisions: ConflictDecision[]; readonly undecided: number }
  | { readonly ok: false; readonly reason: string };

/** Other EGov Desk files someone may pick instead, each named so they know which file they gave. */
const OTHER_FORMATS: Readonly<Record<string, string>> = {
  'egov-desk/submission': 'this is a signed submission, not a merge decisions file; give it as one of the files to merge',
  'egov-desk/review': 'this is a review of a submission, not a merge decisions file',
  'egov-desk/consolidated': 'this is a consolidated dataset, not a merge decisions file',
  'egov-desk/response': 'this is an unsigned response file, not a merge decisions file',
  'egov-desk/signer-card': 'this is a signer card, not a merge decisions file; add it to the trusted signers',
};

/**
 * Reads a decisions file. Entries still to decide (`choice` or `include` null, or no reason) are
 * skipped and counted in `undecided`, so a half-filled template applies what it can. A decision
 * without `decidedAt` is dated `now`. Never throws: a wrong file gets a specific reason.
 */
export function parseDecisionsFile(bytes: Uint8Array, now: Date): ParsedDecisions {
  const parsed = parseJsonSafely(bytes, { maxBytes: MAX_DECISIONS_BYTES, maxDepth: DEFAULT_MAX_JSON_DEPTH });
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const formatProblem = formatRefusal(parsed.value);
  if (formatProblem !== undefined) return { ok: false, reason: formatProblem };
  const result = decisionsFileSchema.safeParse(parsed.value);
  if (!result.success) {
    const shown = result.error.issues.slice(0, 5);
    const more = result.error.issues.length - shown.length;
    return { ok: false, reason: `the decisions file does not follow the format: ${describeIssues(shown)}${more > 0 ? ` (and ${String(more)} more)` : ''}` };
  }
  const file = result.data;
  const repeat = firstRepeat(file.files.map((f) => f.fileHash), 'files', 'file') ?? firstRepeat(file.conflicts.map((c) => `${c.respondent} ${c.question}`), 'conflicts', 'question');
  if (repeat !== undefined) return { ok: false, reason: repeat };

  let undecided = 0;
  const choices: FileChoice[] = [];
  for (const entry of file.files) {
    const reason = entry.reason.trim();
    if (entry.include === null || reason === '') undecided += 1;
    else choices.push({ fileHash: entry.fileHash, include: entry.include, reason });
  }
  const decisions: ConflictDecision[] = [];
  for (const entry of file.conflicts) {
    const reason = entry.reason.trim();
    if (entry.choice === null || reason === '') {
      undecided += 1;
      continue;
    }
    const decidedBy = entry.decidedBy?.trim() ?? '';
    decisions.push({
      respondent: entry.respondent,
      question: entry.question,
      ...(entry.fingerprint === undefined ? {} : { fingerprint: entry.fingerprint }),
      resolution: {
        choice: resolutionChoiceOf(entry.choice),
        reason,
        ...(decidedBy === '' ? {} : { decidedBy }),
        decidedAt: new Date(entry.decidedAt ?? now).toISOString(),
      },
    });
  }
  return { ok: true, choices, decisions, undecided };
}

function formatRefusal(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'this is not an EGov Desk merge decisions file (it is not a JSON object)';
  const { format, formatVersion } = value as { format?: unknown; formatVersion?: unknown };
  if (format === DECISIONS_FORMAT) {
    if (formatVersion === DECISIONS_FORMAT_VERSION) return undefined;
    return `this merge decisions file has format version ${formatVersion === undefined ? 'none' : JSON.stringify(formatVersion)}; this version of EGov Desk reads version ${String(DECISIONS_FORMAT_VERSION)}`;
  }
  if (typeof format === 'string' && Object.hasOwn(OTHER_FORMATS, format)) return OTHER_FORMATS[format];
  return `this is not an EGov Desk merge decisions file (its "format" is not "${DECISIONS_FORMAT}")`;
}

/** Two entries for one file or one question would leave it to chance which applies: refused. */
function firstRepeat(keys: readonly string[], list: string, what: string): string | undefined {
  const seen = new Map<string, number>();
  for (const [index, key] of keys.entries()) {
    const first = seen.get(key);
    if (first !== undefined) return `${list}[${String(index)}] is a second entry for the same ${what} as ${list}[${String(first)}]; keep one`;
    seen.set(key, index);
  }
  return undefined;
}

function resolutionChoiceOf(choice: DecisionsChoice): ResolutionChoice {
  switch (choice.kind) {
    case 'choose':
      return { kind: 'choose', key: valueKey(choice.value) };
    case 'combine':
      return { kind: 'combine' };
    case 'write':
      return { kind: 'write', value: choice.value };
  }
}

const ABOUT =
  'EGov Desk merge decisions. For each file, set "include" to true or false; for each conflict, set "choice" to ' +
  '{"kind": "choose", "value": <one candidate\'s value>}, {"kind": "combine"} (lists: every option or row given) or ' +
  '{"kind": "write", "value": <your value>}. Every decision needs a "reason". Entries left null are still open. ' +
  'Then run: npm run cli -- merge FILES... --decisions THIS_FILE --out DIR';

/**
 * A decisions file for a merge: every file that needs an include/exclude choice and every open
 * conflict, to fill in; every choice and decision already made, so the file is a full record. An
 * earlier decision that no longer fits an open conflict (its values changed) gives way to the open
 * entry, with the new candidates; one whose question is gone is kept as it was.
 */
export function decisionsTemplate(
  result: MergeResult,
  options: { readonly choices: readonly FileChoice[]; readonly decisions: readonly ConflictDecision[] },
): DecisionsFile {
  return { format: DECISIONS_FORMAT, formatVersion: DECISIONS_FORMAT_VERSION, about: ABOUT, files: fileEntries(result, options.choices), conflicts: conflictEntries(result, options.decisions) };
}

/** The file form: pretty-printed, so it can be read and edited by hand. */
export function decisionsFileText(file: DecisionsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function fileEntries(result: MergeResult, choices: readonly FileChoice[]): DecisionsFileEntry[] {
  const choiceByHash = new Map(choices.map((choice) => [choice.fileHash, choice]));
  const entries: DecisionsFileEntry[] = [];
  const listed = new Set<string>();
  for (const { file, needsDecision } of result.files) {
    if (listed.has(file.fileHash)) continue;
    const choice = choiceByHash.get(file.fileHash);
    if (!needsDecision && choice === undefined) continue;
    listed.add(file.fileHash);
    entries.push({ fileHash: file.fileHash, name: file.name, status: file.report.status, include: choice?.include ?? null, reason: choice?.reason ?? '' });
  }
  // Choices about files not in this intake are kept: they apply again when the file comes back.
  for (const choice of choiceByHash.values()) {
    if (!listed.has(choice.fileHash)) entries.push({ fileHash: choice.fileHash, include: choice.include, reason: choice.reason });
  }
  return entries;
}

function conflictEntries(result: MergeResult, decisions: readonly ConflictDecision[]): DecisionsConflictEntry[] {
  const entries: DecisionsConflictEntry[] = [];
  const listed = new Set<string>();
  for (const respondent of result.respondents) {
    for (const answer of respondent.answers) {
      if (answer.status !== 'conflict' && answer.status !== 'resolved') continue;
      listed.add(`${respondent.key}\n${answer.questionId}`);
      entries.push(conflictEntry(respondent, answer));
    }
  }
  const latest = new Map(decisions.map((decision) => [`${decision.respondent}\n${decision.question}`, decision]));
  for (const [key, decision] of latest) {
    if (listed.has(key)) continue;
    const { resolution } = decision;
    entries.push({
      respondent: decision.respondent,
      question: decision.question,
      ...(decision.fingerprint === undefined ? {} : { fingerprint: decision.fingerprint }),
      choice: choiceOf(resolution.choice, undefined),
      reason: resolution.reason,
      ...(resolution.decidedBy === undefined ? {} : { decidedBy: resolution.decidedBy }),
      decidedAt: resolution.decidedAt,
    });
  }
  return entries;
}

function conflictEntry(respondent: MergedRespondent, answer: MergedAnswer): DecisionsConflictEntry {
  const candidates = answer.candidates.map((candidate): DecisionsCandidate => {
    const contributions = candidate.contributions.flatMap((position) => {
      const contribution = respondent.contributions[position];
      return contribution === undefined ? [] : [contribution];
    });
    return {
      value: candidate.value,
      organisations: distinct(contributions.map((c) => c.organisation)),
      signers: distinct(contributions.map((c) => `${c.signer.name} (${c.signer.organisation})`)),
      files: distinct(contributions.map((c) => c.fileName)),
      evidence: distinct(candidate.evidence.map((item) => item.url)),
    };
  });
  const common = { respondent: respondent.key, place: respondent.place, question: answer.questionId, fingerprint: answer.fingerprint, candidates };
  const { resolution } = answer;
  if (answer.status !== 'resolved' || resolution === undefined) return { ...common, choice: null, reason: '', decidedBy: '' };
  return {
    ...common,
    choice: choiceOf(resolution.choice, answer),
    reason: resolution.reason,
    ...(resolution.decidedBy === undefined ? {} : { decidedBy: resolution.decidedBy }),
    decidedAt: resolution.decidedAt,
  };
}

function choiceOf(choice: ResolutionChoice, answer: MergedAnswer | undefined): DecisionsChoice {
  switch (choice.kind) {
    case 'choose': {
      const candidate = answer?.candidates.find((c) => c.key === choice.key);
      return { kind: 'choose', value: candidate?.value ?? valueFromKey(choice.key) };
    }
    case 'combine':
      return { kind: 'combine' };
    case 'write':
      return { kind: 'write', value: choice.value };
  }
}

/**
 * A value whose key is `key`, for a decision whose candidate is not in the merge: the key is the
 * normalised value itself, except that group rows lost their row ids (which the key ignores).
 */
function valueFromKey(key: string): AnswerValue {
  let value: unknown;
  try {
    value = JSON.parse(key);
  } catch {
    return key;
  }
  if (Array.isArray(value) && value.length > 0 && value.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))) {
    value = value.map((answers: unknown, index) => ({ rowId: `r${String(index + 1)}`, answers }));
  }
  const parsed = answerValueSchema.safeParse(value);
  return parsed.success ? parsed.data : key;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
