import { sha256Hex } from '../crypto/hash';
import type { SubmissionDocument, UnsignedSubmission } from '../submission/document';
import { signingBytes } from '../submission/sign';
import type { ReviewDocument, SubmissionBinding, UnsignedReview } from './document';

/**
 * `sha256:` and the hex SHA-256 of the exact bytes a submission's signature covers. A review records
 * it, so the review holds for that content only: the same file pretty-printed differently has the
 * same hash, an edited or re-signed one does not.
 */
export async function submissionContentHash(submission: UnsignedSubmission | SubmissionDocument): Promise<string> {
  return `sha256:${await sha256Hex(signingBytes(submission))}`;
}

/** The `submission` member of a review of this submission. */
export async function submissionBindingOf(submission: SubmissionDocument): Promise<SubmissionBinding> {
  return {
    submissionId: submission.submissionId,
    contentHash: await submissionContentHash(submission),
    questionnaire: { id: submission.questionnaire.id, version: submission.questionnaire.version },
    respondent: { place: submission.respondent.place, organisation: submission.respondent.organisation },
    signerKeyId: submission.signature.keyId,
  };
}

/**
 * Whether a review is about this submission:
 * - `otherQuestionnaire`: the review is about an answer to another questionnaire (or edition);
 * - `otherSubmission`: another submission (another id);
 * - `contentDiffers`: the same submission id but other content: the submission was altered after
 *   the review, or it is another version signed under the same id.
 */
export type ReviewBinding =
  | { readonly bound: true }
  | { readonly bound: false; readonly reason: 'otherQuestionnaire' | 'otherSubmission' | 'contentDiffers' };

export async function bindReviewToSubmission(review: UnsignedReview | ReviewDocument, submission: SubmissionDocument): Promise<ReviewBinding> {
  const named = review.submission;
  if (named.questionnaire.id !== submission.questionnaire.id || named.questionnaire.version !== submission.questionnaire.version) {
    return { bound: false, reason: 'otherQuestionnaire' };
  }
  if (named.submissionId !== submission.submissionId) return { bound: false, reason: 'otherSubmission' };
  if (named.contentHash !== (await submissionContentHash(submission))) return { bound: false, reason: 'contentDiffers' };
  return { bound: true };
}
