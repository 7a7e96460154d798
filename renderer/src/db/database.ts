import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { AnswerRow, DefinitionRow, EvidenceRow, IdentityRow, MergeDecisionRow, MergeFileChoiceRow, ReceivedReviewRow, ResponseRow, ReviewDraftRow, SettingRow, SigningKeyRow, TrustedSignerRow } from './records';
import { SCHEMA_VERSIONS } from './versions';

/**
 * The app's only Dexie database. The name is part of the persistence contract together with the
 * app:// origin: changing it would orphan every focal point's answers.
 */
export const DATABASE_NAME = 'egov-desk';

export class EgovDeskDatabase extends Dexie {
  responses!: EntityTable<ResponseRow, 'id'>;
  answers!: Dexie.Table<AnswerRow, [string, string]>;
  settings!: EntityTable<SettingRow, 'key'>;
  signingKeys!: EntityTable<SigningKeyRow, 'keyId'>;
  definitions!: EntityTable<DefinitionRow, 'key'>;
  evidence!: Dexie.Table<EvidenceRow, [string, string]>;
  identities!: EntityTable<IdentityRow, 'keyId'>;
  trustedSigners!: EntityTable<TrustedSignerRow, 'keyId'>;
  reviewDrafts!: EntityTable<ReviewDraftRow, 'submissionHash'>;
  receivedReviews!: EntityTable<ReceivedReviewRow, 'reviewId'>;
  mergeDecisions!: Dexie.Table<MergeDecisionRow, [string, string, string]>;
  mergeFileChoices!: EntityTable<MergeFileChoiceRow, 'fileHash'>;

  constructor(name: string = DATABASE_NAME, upToVersion: number = SCHEMA_VERSIONS.length) {
    super(name);
    for (const version of SCHEMA_VERSIONS.slice(0, upToVersion)) version.apply(this);
  }
}
