import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../shared/schemas/evidence';
import type { Respondent } from '../../../shared/schemas/response';
import type { SignerCard, SubmissionDocument } from '../../../shared/submission/document';
import type { ReviewDocument } from '../../../shared/review/document';
import type { ConflictDecision, FileChoice } from '../../../shared/merge/model';

/** Rows as stored in IndexedDB. Change them only through a new file in ./versions. */

export interface ResponseRow {
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

/** A reviewer's notes on one submission (version 5). */
export interface ReviewDraftRow {
  readonly submissionHash: string;
  readonly submissionId: string;
  readonly document: SubmissionDocument;
  readonly notes: Readonly<Record<string, { readonly status: 'accepted' | 'query'; readonly comment: string }>>;
  readonly generalComment: string;
  readonly updatedAt: number;
}

/** A review file a focal point imported (version 5). */
export interface ReceivedReviewRow {
  readonly reviewId: string;
  readonly reviewHash: string;
  readonly responseId: string;
  readonly review: ReviewDocument;
  /** Whether the reviewer's key was on the trusted list when the review was opened. */
  readonly trusted?: boolean;
  readonly importedAt: number;
}

/** A signing identity of the focal point (version 4). */
export interface IdentityRow {
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

/** A signer card on the trusted list (version 4), as imported. */
export interface TrustedSignerRow {
  readonly keyId: string;
  readonly card: SignerCard;
  readonly addedAt: number;
}

export interface AnswerRow {
  readonly responseId: string;
  readonly questionId: string;
  readonly value: AnswerValue;
  readonly updatedAt: number;
}

/** The evidence links of one question of a response (version 3). */
export interface EvidenceRow {
  readonly responseId: string;
  readonly questionId: string;
  readonly items: readonly EvidenceItem[];
  readonly updatedAt: number;
}

/** A questionnaire definition imported at run time, kept as the JSON value of its file. */
export interface DefinitionRow {
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

/** A web-build signing key; `privateKey` is a non-extractable CryptoKey. */
export interface SigningKeyRow {
  readonly keyId: string;
  readonly publicKey: Uint8Array<ArrayBuffer>;
  readonly label: string;
  readonly createdAt: number;
  readonly privateKey: CryptoKey;
}

export interface SettingRow {
  readonly key: string;
  readonly value: string;
}

/** A coordinator's decision on one conflict of a merge (version 6). */
export interface MergeDecisionRow {
  readonly respondent: string;
  readonly question: string;
  /** The fingerprint of the values the decision was made for; `*` when the decision names none. */
  readonly fingerprint: string;
  readonly decision: ConflictDecision;
  readonly storedAt: number;
}

/** A coordinator's choice to include or leave out one file of a merge, by its hash (version 6). */
export interface MergeFileChoiceRow extends FileChoice {
  readonly storedAt: number;
}
