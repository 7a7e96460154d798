import { z } from 'zod';
import { idSchema } from '../schemas/questionnaire';
import { signatureSchema, signerSchema } from '../submission/document';

/**
 * The signed review, format `egov-desk/review` version 1 (issue 6): a reviewer's verdict on one
 * submission, question by question (accepted, or queried with a comment), plus a general comment.
 *
 * It is signed exactly like a submission: Ed25519 over the RFC 8785 canonical UTF-8 form of the
 * document without its top-level `signature` member, with the same signature block, so the README's
 * OpenSSL recipe checks a review file too.
 *
 * `submission` binds the review to one exact submission: its id, and `sha256:` of the bytes the
 * submission's signature covers. Reformatting the submission file (whitespace, key order) keeps the
 * hash; any change to its content, or a later version under the same id, does not. The other
 * members of `submission` repeat what a person needs to recognise the submission without opening
 * it; they are covered by the reviewer's signature, not checked against the submission.
 */

export const REVIEW_FORMAT = 'egov-desk/review';
export const REVIEW_FORMAT_VERSION = 1;
/** Largest review file accepted: 10,000 notes of 5,000 characters would still fit. */
export const MAX_REVIEW_BYTES = 32 * 1024 * 1024;
/** Longest comment on one question, and longest general comment (characters). */
export const MAX_NOTE_COMMENT = 5000;
export const MAX_GENERAL_COMMENT = 20_000;
/** More notes than any questionnaire has questions. */
export const MAX_NOTES = 10_000;

const isoTimestamp = z.iso.datetime({ offset: false });
const sha256Tagged = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
/**
 * A comment with something in it. Not `.trim()`: a transform would change a signed value while
 * parsing it, so a comment with an outer space would no longer verify; `buildReview` trims instead.
 */
const comment = (max: number, missing?: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? missing : undefined) })
    .min(1)
    .max(max)
    .refine((text) => text.trim() !== '', 'must not be blank');

const acceptedNoteSchema = z.strictObject({
  questionId: idSchema,
  status: z.literal('accepted'),
  comment: comment(MAX_NOTE_COMMENT).optional(),
});
const queryNoteSchema = z.strictObject({
  questionId: idSchema,
  status: z.literal('query'),
  /** A query always says what the focal point should look at again. */
  comment: comment(MAX_NOTE_COMMENT, 'a query needs a comment').meta({ description: 'Required: what the focal point should look at again.' }),
});

export const reviewNoteSchema = z.discriminatedUnion('status', [acceptedNoteSchema, queryNoteSchema]);
export type ReviewNote = z.infer<typeof reviewNoteSchema>;
export type ReviewStatus = ReviewNote['status'];

/** One note per question: two verdicts on the same question could only contradict each other. */
const notesSchema = z
  .array(reviewNoteSchema)
  .max(MAX_NOTES)
  .superRefine((notes, context) => {
    const seen = new Set<string>();
    notes.forEach((note, index) => {
      if (seen.has(note.questionId)) {
        context.addIssue({ code: 'custom', path: [index, 'questionId'], message: `question ${note.questionId} has more than one note` });
      }
      seen.add(note.questionId);
    });
  });

export const submissionBindingSchema = z.strictObject({
  submissionId: z.uuid(),
  /** `sha256:` and the hex SHA-256 of the submission's signing bytes. */
  contentHash: sha256Tagged,
  questionnaire: z.strictObject({
    id: idSchema,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0'),
  }),
  /** Copied from the submission, where they are already trimmed. */
  respondent: z.strictObject({
    place: z.string().min(1).max(200),
    organisation: z.string().min(1).max(300),
  }),
  /** The key that signed the submission. */
  signerKeyId: hex64,
});
export type SubmissionBinding = z.infer<typeof submissionBindingSchema>;

export const unsignedReviewSchema = z.strictObject({
  format: z.literal(REVIEW_FORMAT),
  formatVersion: z.literal(REVIEW_FORMAT_VERSION),
  /** Random, so two reviews of the same submission are told apart. */
  reviewId: z.uuid(),
  submission: submissionBindingSchema,
  /** Who reviewed, with the key that signs the review (same shape as a submission's signer). */
  reviewer: signerSchema,
  notes: notesSchema,
  generalComment: comment(MAX_GENERAL_COMMENT).optional(),
  /** When the review was signed (UTC, ISO 8601). */
  createdAt: isoTimestamp,
});
export type UnsignedReview = z.infer<typeof unsignedReviewSchema>;

export const reviewDocumentSchema = unsignedReviewSchema
  .extend({ signature: signatureSchema })
  .meta({ id: 'EGovDeskReview', description: 'A signed EGov Desk review of one submission (format version 1).' });
export type ReviewDocument = z.infer<typeof reviewDocumentSchema>;

/** The review format as JSON Schema, published next to the submission's. */
export function reviewJsonSchema(): unknown {
  return z.toJSONSchema(reviewDocumentSchema, { io: 'input', unrepresentable: 'any' });
}

/** The notes of a review by question id, for showing each next to its question. */
export function notesByQuestion(review: Pick<UnsignedReview, 'notes'>): ReadonlyMap<string, ReviewNote> {
  return new Map(review.notes.map((note) => [note.questionId, note]));
}
