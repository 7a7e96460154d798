/**
 * Reviews (issue 6): a reviewer's signed verdict on one submission, and what a focal point needs to
 * open it and answer. See document.ts for the format.
 */

export type { ReviewDocument, ReviewNote, ReviewStatus, SubmissionBinding, UnsignedReview } from './document';
export {
  MAX_GENERAL_COMMENT,
  MAX_NOTE_COMMENT,
  MAX_NOTES,
  MAX_REVIEW_BYTES,
  REVIEW_FORMAT,
  REVIEW_FORMAT_VERSION,
  notesByQuestion,
  reviewDocumentSchema,
  reviewJsonSchema,
  unsignedReviewSchema,
} from './document';
export type { ReviewInput, ReviewNoteInput } from './build';
export { buildReview } from './build';
export { reviewFileText, reviewHashOf, reviewReference, reviewSigningBytes, signReview } from './sign';
export type { ReviewBinding } from './bind';
export { bindReviewToSubmission, submissionBindingOf, submissionContentHash } from './bind';
export type { QuestionnaireRef, ReviewUnreadableProblem, ReviewVerificationReport, ReviewVerifyOptions } from './verify';
export { verifyReviewDocument, verifyReviewJson } from './verify';
export { QUERIES_SHEET, QUERY_COLUMNS, REVIEW_COVER_SHEET, REVIEW_WORKBOOK_NOTICE, renderReviewWorkbook, reviewWorkbookModel } from './workbook';
