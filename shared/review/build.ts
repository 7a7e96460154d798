import { SchemaParseError } from '../errors';
import { describeIssues } from '../parse';
import type { Signer, SubmissionDocument } from '../submission/document';
import { submissionBindingOf } from './bind';
import type { ReviewStatus, UnsignedReview } from './document';
import { REVIEW_FORMAT, REVIEW_FORMAT_VERSION, unsignedReviewSchema } from './document';

/** One verdict as the reviewer entered it; comments are trimmed, and a blank one is left out. */
export interface ReviewNoteInput {
  readonly questionId: string;
  readonly status: ReviewStatus;
  readonly comment?: string | undefined;
}

export interface ReviewInput {
  /** The submission reviewed, as verified (`verifySubmissionJson` / `verifySubmissionWorkbook`). */
  readonly submission: SubmissionDocument;
  readonly reviewer: Signer;
  readonly notes: readonly ReviewNoteInput[];
  readonly generalComment?: string | undefined;
  readonly reviewId: string;
  /** Epoch milliseconds: when the review is signed. */
  readonly createdAt: number;
}

const filled = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

/**
 * The review to sign, bound to the submission by its id and content hash. Parsed with the format's
 * own schema, so nothing that breaks the published format is ever signed: a query without a
 * comment, two notes on one question, an over-long comment throw a `SchemaParseError` that names
 * each problem (the review screen should have prevented them already).
 */
export async function buildReview(input: ReviewInput): Promise<UnsignedReview> {
  const notes = input.notes.map((note) => {
    const comment = filled(note.comment);
    return { questionId: note.questionId, status: note.status, ...(comment === undefined ? {} : { comment }) };
  });
  const generalComment = filled(input.generalComment);
  const review = {
    format: REVIEW_FORMAT,
    formatVersion: REVIEW_FORMAT_VERSION,
    reviewId: input.reviewId,
    submission: await submissionBindingOf(input.submission),
    reviewer: input.reviewer,
    notes,
    ...(generalComment === undefined ? {} : { generalComment }),
    createdAt: new Date(input.createdAt).toISOString(),
  };
  const parsed = unsignedReviewSchema.safeParse(review);
  if (!parsed.success) throw new SchemaParseError(`The review cannot be signed: ${describeIssues(parsed.error.issues.slice(0, 5))}`);
  return parsed.data;
}
