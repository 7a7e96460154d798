import type { AnswerValue } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { Signer, SubmissionDocument } from '../submission/document';
import type { VerificationReport } from '../submission/verify';

/**
 * The coordinator's merge (issue 7), as plain data shared by the app, the CLI and the outputs.
 *
 * The pipeline: every file is verified (in workers) into an `IntakeFile`; `classifyIntake` decides
 * each file's standing (merged, duplicate, superseded, kept out) from the reports and the
 * coordinator's file choices; `mergeSubmissions` groups the merged documents by respondent and
 * merges them question by question, applying the coordinator's conflict decisions; the outputs
 * (tables, CSV, workbook, signed consolidated JSON) are pure functions of the `MergeResult`.
 */

export type FileFormat = 'json' | 'xlsx';

/** One file handed to the intake, after verification. */
export interface IntakeFile {
  /** Position in the intake (0-based, in the order the files were added); stable. */
  readonly index: number;
  /** The name shown to people: a base name in the app, a path relative to the working folder in the CLI. */
  readonly name: string;
  readonly format: FileFormat;
  readonly byteLength: number;
  /**
   * `sha256:` and the hex SHA-256 of the file's bytes. It names the file in decisions (include it
   * or not), whatever the file is called or wherever it was moved.
   */
  readonly fileHash: string;
  readonly report: VerificationReport;
  /**
   * `sha256:` of the document's signing bytes (`submissionContentHash`), when a document could be
   * read: the same submission saved as JSON and as Excel has the same content hash.
   */
  readonly contentHash?: string;
}

/**
 * What happens to a file in the merge:
 * - `merged`: a valid file whose answers are merged;
 * - `duplicate`: the same submission (same id and content hash) as file `of`, which is merged instead;
 * - `superseded`: a later version from the same signer for the same respondent (file `by`) replaces it;
 * - `keptOut`: signature invalid or changed after signing: out unless the coordinator includes it;
 * - `includedDespiteProblem`: such a file the coordinator chose to include (with a reason);
 * - `excluded`: a file the coordinator chose to leave out (with a reason);
 * - `unreadable`: no submission could be read from it; it can never be merged.
 */
export type FileStanding =
  | { readonly kind: 'merged' }
  | { readonly kind: 'duplicate'; readonly of: number }
  | { readonly kind: 'superseded'; readonly by: number }
  | { readonly kind: 'keptOut' }
  | { readonly kind: 'includedDespiteProblem'; readonly reason: string }
  | { readonly kind: 'excluded'; readonly reason: string }
  | { readonly kind: 'unreadable' };

export interface ClassifiedFile {
  readonly file: IntakeFile;
  readonly standing: FileStanding;
  /** The respondent group the file's document belongs to (`respondentKeyOf`); absent when unreadable. */
  readonly respondentKey?: string;
  /** True when a decision is still needed: a readable file kept out, with no include/exclude choice. */
  readonly needsDecision: boolean;
}

/** The coordinator's choice about one file, keyed by its `fileHash`. */
export interface FileChoice {
  readonly fileHash: string;
  readonly include: boolean;
  /** Why; required (a merged dataset must say why a tampered file is in it or a valid one is not). */
  readonly reason: string;
}

/** A merged contribution: one submission that takes part in a respondent's merge. */
export interface Contribution {
  /** Intake index of the file it came from. */
  readonly file: number;
  readonly fileName: string;
  readonly fileHash: string;
  readonly submissionId: string;
  readonly contentHash: string;
  readonly signer: Signer;
  /** When it was signed (ISO 8601 UTC). */
  readonly signed: string;
  /** The respondent organisation (a ministry, a city department) that answered. */
  readonly organisation: string;
  readonly verification: 'valid' | 'signatureInvalid' | 'changed';
  readonly trusted: boolean;
}

/** One distinct value among the contributions to a question (agreeing contributions share one). */
export interface Candidate {
  /** `valueKey` of the value: equal keys mean the same answer (see value-key.ts). */
  readonly key: string;
  readonly value: AnswerValue;
  /** Indexes into the respondent's `contributions`, in signing order. */
  readonly contributions: readonly number[];
  /** The evidence these contributions gave for the question, duplicates (same URL key) removed. */
  readonly evidence: readonly EvidenceItem[];
}

/**
 * How a conflict was resolved:
 * - `choose`: one of the candidates (by its value key);
 * - `combine`: the union of all candidates (multiple choice: every option chosen by anyone;
 *   repeatable groups: every distinct row), for answers that are lists;
 * - `write`: a value the coordinator wrote.
 */
export type ResolutionChoice =
  | { readonly kind: 'choose'; readonly key: string }
  | { readonly kind: 'combine' }
  | { readonly kind: 'write'; readonly value: AnswerValue };

export interface Resolution {
  readonly choice: ResolutionChoice;
  readonly reason: string;
  readonly decidedBy?: string;
  /** ISO 8601 UTC. */
  readonly decidedAt: string;
}

/**
 * The merged answer to one question of one respondent:
 * - `single`: only one contribution answered;
 * - `agreed`: several answered and their values are the same (value key);
 * - `conflict`: they differ and no decision applies yet (`value` is null);
 * - `resolved`: they differed and the coordinator decided.
 * `value` is null when nobody answered but evidence was given (kept, never dropped).
 */
export interface MergedAnswer {
  readonly questionId: string;
  readonly status: 'single' | 'agreed' | 'conflict' | 'resolved';
  readonly value: AnswerValue | null;
  /** Evidence of the contributions the value comes from (all of them for `combine`, `write`, `conflict`). */
  readonly evidence: readonly EvidenceItem[];
  /** Indexes into `contributions` of the contributions the value comes from. */
  readonly sources: readonly number[];
  /** Every distinct value given (one for single/agreed). */
  readonly candidates: readonly Candidate[];
  /** Fingerprint of the candidate set (`candidatesFingerprint`): a decision names it, so it never applies to other values. */
  readonly fingerprint: string;
  readonly resolution?: Resolution;
}

/** A respondent group: every merged contribution for one questionnaire version and one place. */
export interface MergedRespondent {
  /** `respondentKeyOf`: questionnaire id, version, respondent kind and normalised place. */
  readonly key: string;
  readonly questionnaire: SubmissionDocument['questionnaire'];
  readonly kind: 'country' | 'city';
  /** The place as the latest contribution spells it. */
  readonly place: string;
  /** Contributions in signing order (oldest first). */
  readonly contributions: readonly Contribution[];
  /** Merged answers in definition order when the definition is known, else by question id. */
  readonly answers: readonly MergedAnswer[];
}

/** A decision in a decisions file that no longer applies (the values changed, or the question is gone). */
export interface StaleDecision {
  readonly respondent: string;
  readonly question: string;
  readonly why: 'noSuchConflict' | 'valuesChanged' | 'noSuchCandidate' | 'cannotCombine';
}

export interface MergeResult {
  readonly files: readonly ClassifiedFile[];
  readonly respondents: readonly MergedRespondent[];
  /** Decisions given that matched nothing, reported so none is silently ignored. */
  readonly staleDecisions: readonly StaleDecision[];
  /** Open conflicts across all respondents. */
  readonly openConflicts: number;
  /** Readable files kept out that still need an include/exclude choice. */
  readonly filesNeedingDecision: number;
}

/** One conflict decision as given by the app or a decisions file. */
export interface ConflictDecision {
  readonly respondent: string;
  readonly question: string;
  /** The fingerprint of the candidates the decision was made for; when given, it must still match. */
  readonly fingerprint?: string;
  readonly resolution: Resolution;
}
