import type { AnswerValue } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { Respondent } from '../schemas/response';
import type { SignerCard, SubmissionDocument } from '../submission/document';
import type { ReviewDocument } from '../review/document';
import type { ConflictDecision } from '../merge/model';

/**
 * The rows of the app's IndexedDB tables, as plain data: the one definition of each row, used by
 * `renderer/src/db/records.ts` (the renderer's names for them) and by the backup format, so a
 * backup holds exactly what is stored. Change a row only together with a new schema version in
 * renderer/src/db/versions. `signingKeys` is deliberately absent: the web build's private keys are
 * non-extractable CryptoKeys, and the desktop's live in the OS key store, so no backup can hold them.
 */

export interface BackupResponseRow {
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: string;
  /** Content hash of the exact definition the response was started with (absent before version 2). */
  readonly questionnaireHash?: string;
  readonly respondent: Respondent;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Answered / shown questions when last saved, so the home screen needs no answers to show it. */
  readonly progress: { readonly answered: number; readonly total: number };
  /** Keys of warnings the focal point has acknowledged (version 3; absent means none). */
  readonly acknowledgedWarnings?: readonly string[];
  /** Set once the response was signed and exported; it is read-only from then on (version 4). */
  readonly submission?: { readonly submissionId: string; readonly signedAt: number; readonly keyId: string };
  /** The submission this response revises (a new version started with "Revise"). */
  readonly revises?: string;
  /** The review this revision answers (version 5). */
  readonly answersReview?: { readonly reviewId: string; readonly reviewHash: string };
}

export interface BackupAnswerRow {
  readonly responseId: string;
  readonly questionId: string;
  readonly value: AnswerValue;
  readonly updatedAt: number;
}

export interface BackupEvidenceRow {
  readonly responseId: string;
  readonly questionId: string;
  readonly items: readonly EvidenceItem[];
  readonly updatedAt: number;
}

export interface BackupSettingRow {
  readonly key: string;
  readonly value: string;
}

/** A questionnaire definition imported at run time, kept as the JSON value of its file. */
export interface BackupDefinitionRow {
  /** `id@version`: one row per edition. */
  readonly key: string;
  readonly id: string;
  readonly version: string;
  readonly edition: string;
  readonly contentHash: string;
  readonly json: unknown;
  readonly fileName: string;
  readonly importedAt: number;
}

export interface BackupIdentityRow {
  readonly keyId: string;
  readonly name: string;
  readonly organisation: string;
  readonly email: string;
  /** Base64 of the raw public key, as it appears on the signer card. */
  readonly publicKey: string;
  readonly createdAt: number;
  /** When a newer key took over; the card stays available. */
  readonly replacedAt?: number;
}

export interface BackupTrustedSignerRow {
  readonly keyId: string;
  readonly card: SignerCard;
  readonly addedAt: number;
}

export interface BackupReviewDraftRow {
  readonly submissionHash: string;
  readonly submissionId: string;
  readonly document: SubmissionDocument;
  readonly notes: Readonly<Record<string, { readonly status: 'accepted' | 'query'; readonly comment: string }>>;
  readonly generalComment: string;
  readonly updatedAt: number;
}

export interface BackupReceivedReviewRow {
  readonly reviewId: string;
  readonly reviewHash: string;
  readonly responseId: string;
  readonly review: ReviewDocument;
  /** Whether the reviewer's key was on the trusted list when the review was opened. */
  readonly trusted?: boolean;
  readonly importedAt: number;
}

export interface BackupMergeDecisionRow {
  readonly respondent: string;
  readonly question: string;
  /** The fingerprint of the values the decision was made for; `*` when the decision names none. */
  readonly fingerprint: string;
  readonly decision: ConflictDecision;
  readonly storedAt: number;
}

export interface BackupMergeFileChoiceRow {
  readonly fileHash: string;
  readonly include: boolean;
  readonly reason: string;
  readonly storedAt: number;
}

/** Every table a backup holds, by its IndexedDB name. */
export interface BackupTables {
  readonly responses: readonly BackupResponseRow[];
  readonly answers: readonly BackupAnswerRow[];
  readonly evidence: readonly BackupEvidenceRow[];
  readonly settings: readonly BackupSettingRow[];
  readonly definitions: readonly BackupDefinitionRow[];
  readonly identities: readonly BackupIdentityRow[];
  readonly trustedSigners: readonly BackupTrustedSignerRow[];
  readonly reviewDrafts: readonly BackupReviewDraftRow[];
  readonly receivedReviews: readonly BackupReceivedReviewRow[];
  readonly mergeDecisions: readonly BackupMergeDecisionRow[];
  readonly mergeFileChoices: readonly BackupMergeFileChoiceRow[];
}

export type BackupTableName = keyof BackupTables;

/** In the order they are written and listed. */
export const BACKUP_TABLE_NAMES: readonly BackupTableName[] = [
  'responses',
  'answers',
  'evidence',
  'settings',
  'definitions',
  'identities',
  'trustedSigners',
  'reviewDrafts',
  'receivedReviews',
  'mergeDecisions',
  'mergeFileChoices',
];

/**
 * Settings that describe this device rather than the person's work, so they are neither backed up
 * nor restored: the time of the last backup belongs to the device that made it.
 */
export const LAST_BACKUP_SETTING = 'backup.lastBackupAt';
export const DEVICE_SETTINGS: ReadonlySet<string> = new Set([LAST_BACKUP_SETTING]);

export function emptyTables(): BackupTables {
  return {
    responses: [],
    answers: [],
    evidence: [],
    settings: [],
    definitions: [],
    identities: [],
    trustedSigners: [],
    reviewDrafts: [],
    receivedReviews: [],
    mergeDecisions: [],
    mergeFileChoices: [],
  };
}

/** The key of a row in its table, as IndexedDB sees it. */
export function rowKeyOf(table: BackupTableName, row: BackupTables[BackupTableName][number]): string {
  const r = row as unknown as Record<string, unknown>;
  const part = (name: string) => String(r[name]);
  switch (table) {
    case 'responses':
      return part('id');
    case 'answers':
    case 'evidence':
      return `${part('responseId')}\u0000${part('questionId')}`;
    case 'settings':
    case 'definitions':
      return part('key');
    case 'identities':
    case 'trustedSigners':
      return part('keyId');
    case 'reviewDrafts':
      return part('submissionHash');
    case 'receivedReviews':
      return part('reviewId');
    case 'mergeDecisions':
      return `${part('respondent')}\u0000${part('question')}\u0000${part('fingerprint')}`;
    case 'mergeFileChoices':
      return part('fileHash');
  }
}
