import { useLiveQuery } from 'dexie-react-hooks';
import { EgovDeskDatabase } from './database';
import { AnswersRepository } from './repositories/answers';
import { ResponsesRepository } from './repositories/responses';
import { SettingsRepository } from './repositories/settings';
import { SigningKeysRepository } from './repositories/signing-keys';
import { DefinitionsRepository } from './repositories/definitions';
import { EvidenceRepository } from './repositories/evidence';
import { IdentitiesRepository } from './repositories/identities';
import { ReviewsRepository } from './repositories/reviews';
import { MergeRepository } from './repositories/merge';
import { BackupRepository } from './repositories/backup';
import type { DefinitionRow, IdentityRow, MergeDecisionRow, MergeFileChoiceRow, ReceivedReviewRow, ResponseRow, ReviewDraftRow, TrustedSignerRow } from './records';

export type { DefinitionRow, IdentityRow, MergeDecisionRow, MergeFileChoiceRow, ReceivedReviewRow, ResponseRow, ReviewDraftRow, TrustedSignerRow } from './records';
export { ANY_FINGERPRINT } from './repositories/merge';
export type { AnswerChanges } from './repositories/answers';
export { RestoreChangedError } from './repositories/backup';
export type { RestoreResult, RestoreStep } from './repositories/backup';
export { LATEST_SCHEMA_VERSION } from './versions';

export interface Storage {
  readonly responses: ResponsesRepository;
  readonly answers: AnswersRepository;
  readonly settings: SettingsRepository;
  readonly signingKeys: SigningKeysRepository;
  readonly definitions: DefinitionsRepository;
  readonly evidence: EvidenceRepository;
  readonly identities: IdentitiesRepository;
  readonly reviews: ReviewsRepository;
  readonly merge: MergeRepository;
  readonly backup: BackupRepository;
}

export function createStorage(db: EgovDeskDatabase): Storage {
  return {
    responses: new ResponsesRepository(db),
    answers: new AnswersRepository(db),
    settings: new SettingsRepository(db),
    signingKeys: new SigningKeysRepository(db),
    definitions: new DefinitionsRepository(db),
    evidence: new EvidenceRepository(db),
    identities: new IdentitiesRepository(db),
    reviews: new ReviewsRepository(db),
    merge: new MergeRepository(db),
    backup: new BackupRepository(db),
  };
}

let shared: Storage | undefined;
let sharedDatabase: EgovDeskDatabase | undefined;

/** Who handles an upgrade of the database by another tab (the update prompt, once it has rendered). */
interface UpgradeListener {
  readonly beforeClose: () => Promise<void>;
  readonly afterClose: (saved: boolean) => void;
}
let upgradeListener: UpgradeListener | undefined;
/** Set when another tab upgraded the database before anyone listened: whether all was saved. */
let upgradedUnheard: boolean | undefined;

/**
 * Watches for upgrades from the moment the database object exists, not from the update prompt's
 * first render: an upgrade in between would otherwise meet Dexie's own handler, which closes and
 * reopens on the next write, and every write after it would fail against the newer schema.
 */
function watchUpgrades(database: EgovDeskDatabase): void {
  database.onUpgradedElsewhere(
    () => upgradeListener?.beforeClose() ?? Promise.resolve(),
    (saved) => {
      if (upgradeListener) upgradeListener.afterClose(saved);
      else upgradedUnheard = saved;
    },
  );
}

/** The app's storage, opened once. */
export function storage(): Storage {
  if (!sharedDatabase) {
    sharedDatabase = new EgovDeskDatabase();
    watchUpgrades(sharedDatabase);
  }
  shared ??= createStorage(sharedDatabase);
  return shared;
}

/**
 * See EgovDeskDatabase.onUpgradedElsewhere: the app's database, upgraded by a newer version in
 * another tab. One listener at a time (the update prompt); one that starts after the upgrade
 * happened hears of it at once.
 */
export function onStorageUpgradedElsewhere(beforeClose: () => Promise<void>, afterClose: (saved: boolean) => void): () => void {
  storage();
  const listener: UpgradeListener = { beforeClose, afterClose };
  upgradeListener = listener;
  if (upgradedUnheard !== undefined) afterClose(upgradedUnheard);
  return () => {
    if (upgradeListener === listener) upgradeListener = undefined;
  };
}

/** Live list of responses; re-renders when any response changes, in this tab or another. */
export function useResponseList(): readonly ResponseRow[] | undefined {
  return useLiveQuery(() => storage().responses.list(), []);
}

/** Live list of imported questionnaire editions. */
export function useImportedDefinitions(): readonly DefinitionRow[] | undefined {
  return useLiveQuery(() => storage().definitions.list(), []);
}

/** Live list of signing identities, newest first. */
export function useIdentities(): readonly IdentityRow[] | undefined {
  return useLiveQuery(() => storage().identities.list(), []);
}

/** Live trusted list. */
export function useTrustedSigners(): readonly TrustedSignerRow[] | undefined {
  return useLiveQuery(() => storage().identities.trusted(), []);
}

/** Live review draft of one submission (reviewer side). */
export function useReviewDraft(submissionHash: string | undefined): ReviewDraftRow | undefined {
  return useLiveQuery(() => (submissionHash === undefined ? undefined : storage().reviews.draft(submissionHash)), [submissionHash]);
}

/** Live reviews attached to a response (focal point side). */
export function useReceivedReviews(responseId: string): readonly ReceivedReviewRow[] | undefined {
  return useLiveQuery(() => storage().reviews.receivedFor(responseId), [responseId]);
}

/** Live stored merge decisions (coordinator side). */
export function useMergeDecisions(): readonly MergeDecisionRow[] | undefined {
  return useLiveQuery(() => storage().merge.decisions(), []);
}

/** Live stored file choices of the merge (coordinator side). */
export function useMergeFileChoices(): readonly MergeFileChoiceRow[] | undefined {
  return useLiveQuery(() => storage().merge.fileChoices(), []);
}

/** Live value of one setting (undefined while loading and when unset). */
export function useSetting(key: string): string | undefined {
  return useLiveQuery(() => storage().settings.get(key), [key]);
}
