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

  /**
   * When another connection (a newer version of the app in another tab) asks to upgrade or delete
   * this database: runs `beforeClose` while the connection is still open (the app writes what it
   * still holds), then closes it for good and calls `afterClose` with whether that write succeeded
   * (the app asks for a reload, and says so when something could not be saved).
   * Dexie's default closes at once and reopens on the next write, which then fails forever against
   * the newer schema. Returns the function that stops watching.
   */
  onUpgradedElsewhere(beforeClose: () => Promise<void>, afterClose: (saved: boolean) => void): () => void {
    const handler = (): false => {
      // A write that fails here stays in its autosave (shown as not saved), and `afterClose` hears
      // of it; the close goes ahead regardless, or the other tab's upgrade would wait forever.
      void beforeClose()
        .then(
          () => true,
          () => false,
        )
        .then((saved) => {
          this.close({ disableAutoOpen: true });
          afterClose(saved);
        });
      // Stops Dexie's default handler (an immediate close).
      return false;
    };
    this.on('versionchange', handler);
    return () => {
      this.on('versionchange').unsubscribe(handler);
    };
  }
}
