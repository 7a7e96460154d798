import { z } from 'zod';
import { MAX_REASON_LENGTH } from '../merge/decisions';
import { MAX_GENERAL_COMMENT, MAX_NOTE_COMMENT, reviewDocumentSchema } from '../review/document';
import { scalarAnswerSchema } from '../schemas/answers';
import { evidenceItemSchema } from '../schemas/evidence';
import { idSchema } from '../schemas/questionnaire';
import { respondentSchema } from '../schemas/response';
import { signerCardSchema, submissionDocumentSchema } from '../submission/document';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from './file';
import type { BackupTableName } from './rows';

export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MAX_BACKUP_BYTES, tablesDigest } from './file';
export type { BackupFile } from './file';

/**
 * The backup file, format `egov-desk/backup` version 1: everything the app keeps in IndexedDB
 * except private keys, as one JSON document.
 *
 * ```
 * { format, formatVersion, createdAt, app: { version }, databaseVersion, digest, tables: { … } }
 * ```
 *
 * `databaseVersion` is the IndexedDB schema version the rows were read from: a backup from an
 * older version is read (tables it did not have are empty), one from a newer version is refused,
 * since its rows may mean something this app does not know. `digest` is `sha256:` and the hex
 * SHA-256 of the RFC 8785 canonical form of `tables`: it is not a signature (anyone can recompute
 * it), it tells a damaged or hand-edited file from a good one, so neither is restored half-read.
 */

/** Most rows per table: far past real use, low enough that a hostile file cannot exhaust memory in rows. */
export const MAX_BACKUP_ROWS: Readonly<Record<BackupTableName, number>> = {
  responses: 10_000,
  answers: 2_000_000,
  evidence: 1_000_000,
  settings: 1_000,
  definitions: 500,
  identities: 1_000,
  trustedSigners: 10_000,
  reviewDrafts: 10_000,
  receivedReviews: 10_000,
  mergeDecisions: 1_000_000,
  mergeFileChoices: 1_000_000,
};

/** Longest setting value and file name kept; the app's own settings are a few characters. */
export const MAX_SETTING_LENGTH = 10_000;
export const MAX_FILE_NAME_LENGTH = 255;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const sha256Tagged = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits');
const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be the base64 of a 32-byte key');
/** Milliseconds since the epoch, up to the year 275760 (the largest a JavaScript Date holds). */
const time = z.int().nonnegative().max(8_640_000_000_000_000);
/** Keys of rows: ids the app made (UUIDs, `id@version`), bounded so no key is a megabyte. */
const rowKey = z.string().min(1).max(200);

/**
 * An answer value as `schemas/answers` defines it, group cells keyed by any text as there: a backup
 * must take whatever the app stores (a response file or submission imported with an odd cell key
 * included), or one such row would make every later backup fail its read-back check. A `__proto__`
 * key, which zod's record skips without an issue, is refused before the schemas run (read.ts).
 */
const backupGroupRowSchema = z.strictObject({
  rowId: z.string().min(1).max(64),
  answers: z.record(z.string(), scalarAnswerSchema),
});
export const backupAnswerValueSchema = z.union([scalarAnswerSchema, z.array(backupGroupRowSchema).max(1000)]);

export const backupResponseSchema = z.strictObject({
  id: z.string().min(1).max(64),
  questionnaireId: idSchema,
  questionnaireVersion: z.string().min(1).max(64),
  questionnaireHash: sha256Tagged.optional(),
  respondent: respondentSchema,
  createdAt: time,
  updatedAt: time,
  progress: z.strictObject({ answered: z.int().nonnegative().max(1_000_000), total: z.int().nonnegative().max(1_000_000) }),
  acknowledgedWarnings: z.array(z.string().max(500)).max(100_000).optional(),
  submission: z.strictObject({ submissionId: z.uuid(), signedAt: time, keyId: hex64 }).optional(),
  revises: z.uuid().optional(),
  answersReview: z.strictObject({ reviewId: z.uuid(), reviewHash: sha256Tagged }).optional(),
});

export const backupAnswerSchema = z.strictObject({
  responseId: z.string().min(1).max(64),
  questionId: idSchema,
  value: backupAnswerValueSchema,
  updatedAt: time,
});

export const backupEvidenceSchema = z.strictObject({
  responseId: z.string().min(1).max(64),
  questionId: idSchema,
  items: z.array(evidenceItemSchema).max(1000),
  updatedAt: time,
});

export const backupSettingSchema = z.strictObject({
  key: z.string().min(1).max(200),
  value: z.string().max(MAX_SETTING_LENGTH),
});

/** The definition itself (`json`) is checked like an imported file, in read.ts, not here. */
export const backupDefinitionSchema = z.strictObject({
  key: rowKey,
  id: idSchema,
  version: z.string().min(1).max(64),
  edition: z.string().min(1).max(64),
  contentHash: sha256Tagged,
  json: z.unknown(),
  fileName: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
  importedAt: time,
});

export const backupIdentitySchema = z.strictObject({
  keyId: hex64,
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().min(1).max(300),
  email: z.email().max(320),
  publicKey: base64Key,
  createdAt: time,
  replacedAt: time.optional(),
});

export const backupTrustedSignerSchema = z.strictObject({
  keyId: hex64,
  card: signerCardSchema,
  addedAt: time,
});

export const backupReviewDraftSchema = z.strictObject({
  submissionHash: sha256Tagged,
  submissionId: z.uuid(),
  document: submissionDocumentSchema,
  notes: z.record(idSchema, z.strictObject({ status: z.enum(['accepted', 'query']), comment: z.string().max(MAX_NOTE_COMMENT) })),
  generalComment: z.string().max(MAX_GENERAL_COMMENT),
  updatedAt: time,
});

export const backupReceivedReviewSchema = z.strictObject({
  reviewId: z.uuid(),
  reviewHash: sha256Tagged,
  responseId: z.string().min(1).max(64),
  review: reviewDocumentSchema,
  trusted: z.boolean().optional(),
  importedAt: time,
});

const resolutionChoiceSchema = z.discriminatedUnion('kind', [
  // The key is `valueKey(value)`: the JSON of the chosen answer, as long as that answer (up to
  // 200,000 characters of text, 1,000 group rows…). Capping it below that made backups of real
  // decisions unreadable; the file size limit and the JSON depth limit bound it instead.
  z.strictObject({ kind: z.literal('choose'), key: z.string().min(1) }),
  z.strictObject({ kind: z.literal('combine') }),
  z.strictObject({ kind: z.literal('write'), value: backupAnswerValueSchema }),
]);

/** A stored conflict decision (`shared/merge/model.ts` ConflictDecision), as the merge screen saves it. */
export const conflictDecisionSchema = z.strictObject({
  respondent: z.string().min(1).max(1000),
  question: z.string().min(1).max(200),
  fingerprint: sha256Tagged.optional(),
  resolution: z.strictObject({
    choice: resolutionChoiceSchema,
    reason: z.string().max(MAX_REASON_LENGTH),
    decidedBy: z.string().max(300).optional(),
    decidedAt: z.iso.datetime({ offset: true }),
  }),
});

export const backupMergeDecisionSchema = z.strictObject({
  respondent: z.string().min(1).max(1000),
  question: z.string().min(1).max(200),
  /** The candidates' fingerprint, or `*` for a decision that names none. */
  fingerprint: z.union([sha256Tagged, z.literal('*')]),
  decision: conflictDecisionSchema,
  storedAt: time,
});

export const backupMergeFileChoiceSchema = z.strictObject({
  fileHash: sha256Tagged,
  include: z.boolean(),
  reason: z.string().max(MAX_REASON_LENGTH),
  storedAt: time,
});

const table = <S extends z.ZodType>(row: S, name: BackupTableName) =>
  z
    .array(row)
    .max(MAX_BACKUP_ROWS[name], `has more than ${MAX_BACKUP_ROWS[name].toLocaleString('en')} rows, more than EGov Desk ever stores`)
    .default([]);

/** Tables a backup from an older database version did not have are simply absent: read as empty. */
export const backupTablesSchema = z.strictObject({
  responses: table(backupResponseSchema, 'responses'),
  answers: table(backupAnswerSchema, 'answers'),
  evidence: table(backupEvidenceSchema, 'evidence'),
  settings: table(backupSettingSchema, 'settings'),
  definitions: table(backupDefinitionSchema, 'definitions'),
  identities: table(backupIdentitySchema, 'identities'),
  trustedSigners: table(backupTrustedSignerSchema, 'trustedSigners'),
  reviewDrafts: table(backupReviewDraftSchema, 'reviewDrafts'),
  receivedReviews: table(backupReceivedReviewSchema, 'receivedReviews'),
  mergeDecisions: table(backupMergeDecisionSchema, 'mergeDecisions'),
  mergeFileChoices: table(backupMergeFileChoiceSchema, 'mergeFileChoices'),
});

export const backupEnvelopeSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime({ offset: false }),
  app: z.strictObject({ version: z.string().min(1).max(64) }),
  databaseVersion: z.int().min(1),
  digest: sha256Tagged,
  tables: z.unknown(),
});
