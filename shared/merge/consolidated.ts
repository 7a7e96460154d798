import { z } from 'zod';
import { canonicalJsonBytes } from '../canonical-json';
import { fromBase64, toBase64 } from '../crypto/base64';
import { keyIdOf } from '../crypto/key-id';
import { AppError } from '../errors';
import { describeIssues } from '../parse';
import { DEFAULT_MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json';
import { answerValueSchema } from '../schemas/answers';
import { evidenceItemSchema } from '../schemas/evidence';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import { idSchema } from '../schemas/questionnaire';
import { scoreSummarySchema } from '../scoring/summary';
import type { Signer, SignerCard, SubmissionSignature } from '../submission/document';
import { signatureSchema, signerSchema } from '../submission/document';
import type { SubmissionSigner } from '../submission/sign';
import type { SignatureProblem } from '../submission/verify';
import type { ClassifiedFile, Contribution, MergedAnswer, MergedRespondent, MergeResult } from './model';
import { fileNamer, fileReason, respondentScores, standingText } from './tables';

/**
 * The consolidated dataset as one JSON document, format `egov-desk/consolidated` version 1: every
 * file and what happened to it, and every respondent's merged answers with their provenance and
 * the coordinator's resolutions. The coordinator signs it like a submission (Ed25519 over the
 * RFC 8785 canonical UTF-8 form of the document without its top-level `signature`), so the same
 * OpenSSL recipe checks it (shared/merge/README.md). Without a signing identity (the CLI without
 * `--identity`) it is written unsigned; `coordinator` and `signature` then are both absent.
 */

export const CONSOLIDATED_FORMAT = 'egov-desk/consolidated';
export const CONSOLIDATED_FORMAT_VERSION = 1;
/**
 * Largest consolidated file accepted for verification. 5,000 respondents answering all 197 OSI
 * questions with evidence make about 375 MB; much more could not be decoded anyway, since a
 * JavaScript string holds at most about 536 million characters.
 */
export const MAX_CONSOLIDATED_BYTES = 500 * 1024 * 1024;

const isoTimestamp = z.iso.datetime({ offset: false });
const sha256Tagged = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits');
const semver = z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0');
const verification = z.enum(['valid', 'signatureInvalid', 'changed']);

const questionnaireSchema = z.strictObject({
  id: idSchema,
  version: semver,
  edition: z.string().min(1).max(32),
  title: z.string().min(1).max(20_000),
  contentHash: sha256Tagged,
});

const fileSchema = z.strictObject({
  /** The name shown in the intake: a base name in the app, a path relative to the working folder in the CLI. */
  name: z.string().min(1).max(4096),
  fileHash: sha256Tagged,
  format: z.enum(['json', 'xlsx']),
  verification: z.enum(['valid', 'signatureInvalid', 'changed', 'unreadable']),
  /** For a valid file: whether its signer's key is on the coordinator's trusted list. */
  trusted: z.boolean().optional(),
  /** Why the file is not plainly valid: why it is unreadable, what changed, what is wrong with the signature. */
  reason: z.string().max(20_000).optional(),
  standing: z.enum(['merged', 'duplicate', 'superseded', 'keptOut', 'includedDespiteProblem', 'excluded', 'unreadable']),
  /** `duplicate of <file>`, `superseded by <file>`, or the coordinator's reason to include or exclude it. */
  standingDetail: z.string().max(20_000).optional(),
  submissionId: z.uuid().optional(),
  contentHash: sha256Tagged.optional(),
  /** The respondent key the file's submission belongs to. */
  respondent: z.string().max(1000).optional(),
});

const contributionSchema = z.strictObject({
  submissionId: z.uuid(),
  fileHash: sha256Tagged,
  fileName: z.string().min(1).max(4096),
  contentHash: sha256Tagged,
  signer: signerSchema,
  signed: isoTimestamp,
  verification,
  trusted: z.boolean(),
  /** The respondent organisation (a ministry, a city department) that answered. */
  organisation: z.string().min(1).max(300),
});

const resolutionSchema = z.strictObject({
  /** `choose` and `write` carry the value taken; `combine` is the union of the candidates (the answer's value). */
  choice: z.strictObject({ kind: z.enum(['choose', 'combine', 'write']), value: answerValueSchema.optional() }),
  /** Why; the app and the decisions file require one, the format does not refuse an empty one. */
  reason: z.string().max(20_000),
  decidedBy: z.string().max(500).optional(),
  decidedAt: isoTimestamp,
});

const answerSchema = z.strictObject({
  /** Null for an open conflict, or when only evidence was given. */
  value: answerValueSchema.nullable(),
  status: z.enum(['single', 'agreed', 'conflict', 'resolved']),
  evidence: z.array(evidenceItemSchema),
  /** The submissions the value comes from (every contributor's for an open conflict). */
  sources: z.array(z.uuid()),
  /** Every value given, with who gave it: only for conflicts, open or resolved. */
  candidates: z.array(z.strictObject({ value: answerValueSchema, sources: z.array(z.uuid()) })).optional(),
  resolution: resolutionSchema.optional(),
});

const respondentSchema = z.strictObject({
  /** `<questionnaire id>@<version>/<kind>/<place, normalised>`: the group the contributions were merged in. */
  key: z.string().min(1).max(1000),
  questionnaire: z.strictObject({ id: idSchema, version: semver }),
  kind: z.enum(['country', 'city']),
  place: z.string().min(1).max(200),
  organisations: z.array(z.string()),
  contributions: z.array(contributionSchema),
  answers: z.record(idSchema, answerSchema),
  openConflicts: z.int().nonnegative(),
  /**
   * The indicative self-assessment scores of the merged answers (issue 8), for a respondent of a
   * scored instrument (OSI, LOSI) whose definition was given; open conflicts count as unanswered.
   * Optional, so consolidated files written before scores existed stay valid.
   */
  scores: scoreSummarySchema.optional(),
});

const summarySchema = z.strictObject({
  /** Files given, whatever became of them. */
  files: z.int().nonnegative(),
  /** Files whose answers are in the merge (merged, or included despite a problem). */
  merged: z.int().nonnegative(),
  respondents: z.int().nonnegative(),
  openConflicts: z.int().nonnegative(),
  filesNeedingDecision: z.int().nonnegative(),
});

export const unsignedConsolidatedSchema = z.strictObject({
  format: z.literal(CONSOLIDATED_FORMAT),
  formatVersion: z.literal(CONSOLIDATED_FORMAT_VERSION),
  /** Random, so two consolidations of the same files are told apart. */
  consolidationId: z.uuid(),
  createdAt: isoTimestamp,
  generator: z.strictObject({ name: z.literal('EGov Desk'), version: z.string().min(1).max(64).optional() }).optional(),
  /**
   * Who consolidated and signs (same shape as a submission's signer). In a file, present exactly
   * when it is signed; `buildConsolidated` sets it on a document about to be signed.
   */
  coordinator: signerSchema.optional(),
  questionnaires: z.array(questionnaireSchema),
  files: z.array(fileSchema),
  respondents: z.array(respondentSchema),
  summary: summarySchema,
});
export type UnsignedConsolidated = z.infer<typeof unsignedConsolidatedSchema>;

/**
 * The file as published: signed by its coordinator, or unsigned and anonymous. A coordinator named
 * without a signature would be a claim nobody made, so the two come together or not at all.
 */
export const consolidatedFileSchema = unsignedConsolidatedSchema
  .extend({ signature: signatureSchema.optional() })
  .refine((document) => (document.signature === undefined) === (document.coordinator === undefined), {
    error: 'a consolidated dataset names its coordinator exactly when it is signed',
    path: ['coordinator'],
  })
  .meta({ id: 'EGovDeskConsolidated', description: 'A consolidated EGov Desk dataset: merged submissions with provenance (format version 1).' });

export type ConsolidatedDocument = UnsignedConsolidated & { readonly coordinator: Signer; readonly signature: SubmissionSignature };

/** The consolidated format as JSON Schema, published next to the submission's. */
export function consolidatedJsonSchema(): unknown {
  return z.toJSONSchema(consolidatedFileSchema, { io: 'input', unrepresentable: 'any' });
}

// ---------------------------------------------------------------------------------------------
// Building

type FileEntry = z.infer<typeof fileSchema>;
type RespondentEntry = z.infer<typeof respondentSchema>;
type AnswerEntry = z.infer<typeof answerSchema>;

function fileEntry(classified: ClassifiedFile, nameOf: (index: number) => string): FileEntry {
  const { file } = classified;
  const report = file.report;
  const standing = standingText(classified.standing, nameOf);
  const reason = fileReason(classified);
  return {
    name: file.name,
    fileHash: file.fileHash,
    format: file.format,
    verification: report.status,
    ...(report.status === 'valid' ? { trusted: report.trusted } : {}),
    ...(reason === null ? {} : { reason }),
    standing: classified.standing.kind,
    ...(standing.detail === null ? {} : { standingDetail: standing.detail }),
    ...(report.status === 'unreadable' ? {} : { submissionId: report.document.submissionId }),
    ...(file.contentHash === undefined ? {} : { contentHash: file.contentHash }),
    ...(classified.respondentKey === undefined ? {} : { respondent: classified.respondentKey }),
  };
}

function contributionEntry(contribution: Contribution): RespondentEntry['contributions'][number] {
  const { submissionId, fileHash, fileName, contentHash, signer, signed, verification: status, trusted, organisation } = contribution;
  return { submissionId, fileHash, fileName, contentHash, signer, signed, verification: status, trusted, organisation };
}

function answerEntry(answer: MergedAnswer, respondent: MergedRespondent): AnswerEntry {
  const idsOf = (indexes: readonly number[]): string[] =>
    indexes.map((i) => respondent.contributions[i]?.submissionId).filter((id): id is string => id !== undefined);
  const isConflict = answer.status === 'conflict' || answer.status === 'resolved';
  const { resolution } = answer;
  const chosen = resolution?.choice.kind === 'choose' ? answer.value : resolution?.choice.kind === 'write' ? resolution.choice.value : null;
  return {
    value: answer.value,
    status: answer.status,
    evidence: [...answer.evidence],
    sources: idsOf(answer.sources),
    ...(isConflict ? { candidates: answer.candidates.map((c) => ({ value: c.value, sources: idsOf(c.contributions) })) } : {}),
    ...(resolution === undefined
      ? {}
      : {
          resolution: {
            choice: { kind: resolution.choice.kind, ...(chosen === null ? {} : { value: chosen }) },
            reason: resolution.reason,
            ...(resolution.decidedBy === undefined ? {} : { decidedBy: resolution.decidedBy }),
            decidedAt: resolution.decidedAt,
          },
        }),
  };
}

function respondentEntry(respondent: MergedRespondent, definitions: readonly QuestionnaireDefinition[]): RespondentEntry {
  const scores = respondentScores(respondent, definitions);
  return {
    key: respondent.key,
    questionnaire: { id: respondent.questionnaire.id, version: respondent.questionnaire.version },
    kind: respondent.kind,
    place: respondent.place,
    organisations: [...new Set(respondent.contributions.map((c) => c.organisation))],
    contributions: respondent.contributions.map(contributionEntry),
    answers: Object.fromEntries(respondent.answers.map((answer) => [answer.questionId, answerEntry(answer, respondent)])),
    openConflicts: respondent.answers.filter((a) => a.status === 'conflict').length,
    ...(scores === undefined ? {} : { scores }),
  };
}

function questionnairesOf(result: MergeResult): UnsignedConsolidated['questionnaires'] {
  const seen = new Map<string, UnsignedConsolidated['questionnaires'][number]>();
  for (const { questionnaire } of result.respondents) {
    const { id, version, edition, title, contentHash } = questionnaire;
    seen.set(`${id}@${version}#${contentHash}`, { id, version, edition, title, contentHash });
  }
  return [...seen.values()].sort((a, b) => (a.id === b.id ? (a.version < b.version ? -1 : a.version > b.version ? 1 : 0) : a.id < b.id ? -1 : 1));
}

export interface BuildConsolidatedOptions {
  readonly consolidationId: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  /** Who will sign it; leave out for an unsigned dataset. */
  readonly coordinator?: Signer;
  /** The app's version, recorded as `generator.version` (the CLI and the app pass `__APP_VERSION__`). */
  readonly generatorVersion?: string;
  /**
   * The questionnaire definitions merged (the same list the tables get): each OSI or LOSI
   * respondent whose definition is here gets its `scores`. Without them no respondent is scored.
   */
  readonly definitions?: readonly QuestionnaireDefinition[];
}

/** The unsigned consolidated document of a merge. Throws `AppError` when an option breaks the format. */
export function buildConsolidated(result: MergeResult, options: BuildConsolidatedOptions): UnsignedConsolidated {
  const nameOf = fileNamer(result.files);
  const document: UnsignedConsolidated = {
    format: CONSOLIDATED_FORMAT,
    formatVersion: CONSOLIDATED_FORMAT_VERSION,
    consolidationId: options.consolidationId,
    createdAt: options.createdAt,
    generator: { name: 'EGov Desk', ...(options.generatorVersion === undefined ? {} : { version: options.generatorVersion }) },
    ...(options.coordinator === undefined ? {} : { coordinator: options.coordinator }),
    questionnaires: questionnairesOf(result),
    files: result.files.map((file) => fileEntry(file, nameOf)),
    respondents: result.respondents.map((respondent) => respondentEntry(respondent, options.definitions ?? [])),
    summary: {
      files: result.files.length,
      merged: result.files.filter((f) => f.standing.kind === 'merged' || f.standing.kind === 'includedDespiteProblem').length,
      respondents: result.respondents.length,
      openConflicts: result.openConflicts,
      filesNeedingDecision: result.filesNeedingDecision,
    },
  };
  const parsed = unsignedConsolidatedSchema.safeParse(document);
  if (!parsed.success) throw new AppError('INVALID_PAYLOAD', `The consolidated dataset breaks its format: ${describeIssues(parsed.error.issues.slice(0, 5))}`);
  // The document as built, not as parsed: parsing trims the signer's name, and the signature must
  // cover exactly what is written.
  return document;
}

// ---------------------------------------------------------------------------------------------
// Signing and verifying

/** The bytes a signature covers: RFC 8785 canonical UTF-8 of the document without `signature`. */
export function consolidatedSigningBytes(document: UnsignedConsolidated | ConsolidatedDocument): Uint8Array {
  const unsigned: Record<string, unknown> = { ...document };
  delete unsigned.signature;
  return canonicalJsonBytes(unsigned);
}

/** Signs with the coordinator's key (OS key store, WebCrypto, a CLI identity file); the key must be the coordinator's. */
export async function signConsolidated(document: UnsignedConsolidated, signer: SubmissionSigner): Promise<ConsolidatedDocument> {
  const { coordinator } = document;
  if (coordinator === undefined) throw new AppError('INVALID_PAYLOAD', 'A consolidated dataset can only be signed when it names its coordinator.');
  const keyId = await keyIdOf(signer.publicKey);
  if (keyId !== coordinator.keyId) throw new AppError('INVALID_PAYLOAD', "The signing key is not the coordinator's key named in the dataset.");
  const signature = await signer.sign(consolidatedSigningBytes(document));
  if (signature.byteLength !== 64) throw new AppError('INTERNAL', 'The key store returned a signature that is not 64 bytes.');
  return { ...document, coordinator, signature: { algorithm: 'Ed25519', keyId, publicKey: toBase64(signer.publicKey), value: toBase64(signature) } };
}

/**
 * The file form: pretty-printed for people; the signature does not depend on layout. A dataset too
 * large to pretty-print within JavaScript's string limit is written compact (about 40% smaller);
 * one too large even for that is refused with a named error rather than a RangeError.
 */
export function consolidatedFileText(document: UnsignedConsolidated | ConsolidatedDocument): string {
  try {
    return `${JSON.stringify(document, null, 2)}\n`;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  try {
    return `${JSON.stringify(document)}\n`;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AppError('FILE_TOO_LARGE', 'The consolidated dataset is too large for one JSON file; merge fewer files at a time.');
  }
}

/**
 * The verdict on a consolidated file: signed and valid (and whether the coordinator's key is on
 * the trusted list); readable but unsigned; signed but the signature does not verify; or not a
 * consolidated dataset at all, with the reason. Never throws.
 */
export type ConsolidatedVerification =
  | { readonly status: 'valid'; readonly trusted: boolean; readonly document: ConsolidatedDocument }
  | { readonly status: 'unsigned'; readonly document: UnsignedConsolidated }
  | { readonly status: 'signatureInvalid'; readonly problem: SignatureProblem; readonly document: ConsolidatedDocument }
  | { readonly status: 'unreadable'; readonly reason: string };

const unreadable = (reason: string): ConsolidatedVerification => ({ status: 'unreadable', reason });
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What a file that fails the schema is, as specifically as its `format` allows. */
function notConsolidated(value: unknown, issues: string): ConsolidatedVerification {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const { format, formatVersion } = isObject ? (value as { format?: unknown; formatVersion?: unknown }) : {};
  // A wrong EGov Desk file is named, so the person knows which file they should have picked.
  if (format === 'egov-desk/submission') return unreadable('this is a signed submission, not a consolidated dataset; add it to a merge instead');
  if (format === 'egov-desk/review') return unreadable('this is a review of a submission, not a consolidated dataset');
  if (format === 'egov-desk/response') return unreadable('this is an unsigned response file, not a consolidated dataset');
  if (format === 'egov-desk/signer-card') return unreadable('this is a signer card, not a consolidated dataset');
  if (format === 'egov-desk/merge-decisions') return unreadable("this is a merge's decisions file, not a consolidated dataset");
  if (format !== CONSOLIDATED_FORMAT) return unreadable('this is not an EGov Desk consolidated dataset');
  if (formatVersion !== CONSOLIDATED_FORMAT_VERSION) {
    const version = typeof formatVersion === 'number' ? String(formatVersion) : 'unknown';
    return unreadable(`this consolidated dataset is in format version ${version}, which this version of EGov Desk cannot read`);
  }
  return unreadable(`the consolidated dataset does not follow the format: ${issues}`);
}

/** Verifies a consolidated file's bytes (size, encoding and depth first: see `parseJsonSafely`). */
export async function verifyConsolidatedJson(bytes: Uint8Array, trusted: readonly SignerCard[] = []): Promise<ConsolidatedVerification> {
  try {
    const parsed = parseJsonSafely(bytes, { maxBytes: MAX_CONSOLIDATED_BYTES, maxDepth: DEFAULT_MAX_JSON_DEPTH });
    if (!parsed.ok) return unreadable(parsed.reason);
    const checked = consolidatedFileSchema.safeParse(parsed.value);
    if (!checked.success) return notConsolidated(parsed.value, describeIssues(checked.error.issues.slice(0, 5)));
    const { signature, coordinator, ...rest } = checked.data;
    if (signature === undefined || coordinator === undefined) return { status: 'unsigned', document: rest };
    const document: ConsolidatedDocument = { ...rest, coordinator, signature };

    const publicKey = fromBase64(signature.publicKey);
    const signatureBytes = fromBase64(signature.value);
    if (!publicKey || publicKey.byteLength !== 32 || !signatureBytes || signatureBytes.byteLength !== 64) {
      return { status: 'signatureInvalid', problem: 'malformed', document };
    }
    if ((await keyIdOf(publicKey)) !== signature.keyId) return { status: 'signatureInvalid', problem: 'keyIdMismatch', document };
    if (coordinator.keyId !== signature.keyId) return { status: 'signatureInvalid', problem: 'signerKeyMismatch', document };

    // The signature is checked on the file's own values, not the parsed ones: the schema trims the
    // coordinator's name, and " Kai" must not verify as a signature over "Kai".
    const raw = parsed.value as ConsolidatedDocument;
    // Copies: WebCrypto in the browser wants views over a plain ArrayBuffer.
    const key = await crypto.subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, ['verify']);
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signatureBytes), new Uint8Array(consolidatedSigningBytes(raw)));
    if (!ok) return { status: 'signatureInvalid', problem: 'badSignature', document };
    const isTrusted = trusted.some((card) => card.keyId === signature.keyId && card.publicKey === signature.publicKey);
    return { status: 'valid', trusted: isTrusted, document };
  } catch (error) {
    return unreadable(`the file could not be checked (${messageOf(error)})`);
  }
}
