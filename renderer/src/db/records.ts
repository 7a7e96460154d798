import type {
  BackupAnswerRow,
  BackupDefinitionRow,
  BackupEvidenceRow,
  BackupIdentityRow,
  BackupMergeDecisionRow,
  BackupMergeFileChoiceRow,
  BackupReceivedReviewRow,
  BackupResponseRow,
  BackupReviewDraftRow,
  BackupSettingRow,
  BackupTrustedSignerRow,
} from '../../../shared/backup/rows';

/**
 * Rows as stored in IndexedDB. Change them only through a new file in ./versions. Each is defined
 * once, as plain data, in shared/backup/rows.ts (the backup format carries exactly these rows); the
 * names here are the renderer's. Only the signing keys, which hold a CryptoKey and never leave the
 * device, are defined here alone.
 */

export type ResponseRow = BackupResponseRow;
/** A reviewer's notes on one submission (version 5). */
export type ReviewDraftRow = BackupReviewDraftRow;
/** A review file a focal point imported (version 5). */
export type ReceivedReviewRow = BackupReceivedReviewRow;
/** A signing identity of the focal point (version 4). */
export type IdentityRow = BackupIdentityRow;
/** A signer card on the trusted list (version 4), as imported. */
export type TrustedSignerRow = BackupTrustedSignerRow;
export type AnswerRow = BackupAnswerRow;
/** The evidence links of one question of a response (version 3). */
export type EvidenceRow = BackupEvidenceRow;
export type DefinitionRow = BackupDefinitionRow;
export type SettingRow = BackupSettingRow;
/** A coordinator's decision on one conflict of a merge (version 6). */
export type MergeDecisionRow = BackupMergeDecisionRow;
/** A coordinator's choice to include or leave out one file of a merge, by its hash (version 6). */
export type MergeFileChoiceRow = BackupMergeFileChoiceRow;

/** A web-build signing key; `privateKey` is a non-extractable CryptoKey. */
export interface SigningKeyRow {
  readonly keyId: string;
  readonly publicKey: Uint8Array<ArrayBuffer>;
  readonly label: string;
  readonly createdAt: number;
  readonly privateKey: CryptoKey;
}
