import { z } from 'zod';
import { answerValueSchema } from '../schemas/answers';
import { evidenceItemSchema } from '../schemas/evidence';
import { idSchema } from '../schemas/questionnaire';
import { respondentSchema } from '../schemas/response';
import { scoreSummarySchema } from '../scoring/summary';

/**
 * The signed submission, format `egov-desk/submission` version 1. It is a plain JSON document;
 * the signature covers the RFC 8785 canonical UTF-8 form of the whole document without its
 * top-level `signature` member, so anyone can check it with standard tools (README: OpenSSL).
 *
 * `digests` holds a SHA-256 of each part (and of each answer), inside the signed content. They let
 * a verifier say *what* changed when a file was edited after signing, rather than only "invalid".
 */

export const SUBMISSION_FORMAT = 'egov-desk/submission';
export const SUBMISSION_FORMAT_VERSION = 1;
/** Largest submission file accepted for verification (JSON). */
export const MAX_SUBMISSION_BYTES = 32 * 1024 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const isoTimestamp = z.iso.datetime({ offset: false });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const signatureSchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  /** SHA-256 of the raw public key, lower-case hex. */
  keyId: hex64,
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: base64.length(44),
  /** Base64 of the 64-byte signature. */
  value: base64.length(88),
});
export type SubmissionSignature = z.infer<typeof signatureSchema>;

export const signerSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().min(1).max(300),
  email: z.email().max(320),
  keyId: hex64,
});
export type Signer = z.infer<typeof signerSchema>;

export const submissionFindingSchema = z.strictObject({
  key: z.string().max(500),
  severity: z.enum(['error', 'warning']),
  sectionId: idSchema,
  questionId: idSchema,
  code: z.string().max(64),
  /** The message a definition rule carries, in the definition's default language. */
  detail: z.string().max(20_000).optional(),
  acknowledged: z.boolean(),
});
export type SubmissionFinding = z.infer<typeof submissionFindingSchema>;

const sha256Tagged = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits');

export const digestsSchema = z.strictObject({
  questionnaire: sha256Tagged,
  respondent: sha256Tagged,
  signer: sha256Tagged,
  validation: sha256Tagged,
  /** Present exactly when the document has `scores`; `changedParts` reports any mismatch as `scores`. */
  scores: sha256Tagged.optional(),
  timestamps: sha256Tagged,
  answers: z.record(idSchema, sha256Tagged),
  evidence: z.record(idSchema, sha256Tagged),
});
export type Digests = z.infer<typeof digestsSchema>;

export const unsignedSubmissionSchema = z.strictObject({
  format: z.literal(SUBMISSION_FORMAT),
  formatVersion: z.literal(SUBMISSION_FORMAT_VERSION),
  /** Random, so two submissions of the same answers are still told apart. */
  submissionId: z.uuid(),
  /** The submission this one revises, when it is a new version of an earlier one. */
  revises: z.uuid().optional(),
  /**
   * The signed review this version answers (issue 6): its id, and `sha256:` of its signing bytes,
   * so the answer names one exact review file, not just "a review with that id".
   */
  answersReview: z
    .strictObject({
      reviewId: z.uuid(),
      reviewHash: sha256Tagged,
    })
    .optional(),
  questionnaire: z.strictObject({
    id: idSchema,
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    edition: z.string().min(1).max(32),
    title: z.string().min(1).max(20_000),
    /** Content hash of the exact definition answered (shared/crypto/hash.ts). */
    contentHash: sha256Tagged,
  }),
  respondent: respondentSchema,
  signer: signerSchema,
  /** Answers of shown questions, keyed by question id; hidden questions are left out. */
  answers: z.record(idSchema, answerValueSchema),
  /** Evidence of shown questions, with the last link-check result of each item. */
  evidence: z.record(idSchema, z.array(evidenceItemSchema)),
  validation: z.strictObject({
    status: z.enum(['ready', 'needsAcknowledgement', 'notReady']),
    answered: z.int().nonnegative(),
    total: z.int().nonnegative(),
    errors: z.int().nonnegative(),
    warnings: z.int().nonnegative(),
    findings: z.array(submissionFindingSchema),
  }),
  /**
   * The self-assessment score summary (issue 8), for instruments with a scoring method (OSI, LOSI),
   * computed from exactly the answers and evidence above; absent for other questionnaires. Optional,
   * so files signed before scores existed keep format version 1 and stay valid.
   *
   * Verification does not recompute it: like the validation summary, it is the signer's statement
   * of what their answers gave with the method named in it, covered by the signature and its own
   * digest (an edit is reported as `scores`). Anyone can recompute it from the signed answers and
   * evidence; refusing a file because a later method would score it differently would make valid
   * signatures expire. For the same reason the format reads it without the summary's own
   * "counts add up" check (`buildSubmission` applies that one before signing): a count edited after
   * signing is reported as a change to `scores`, like any other edit, rather than making the whole
   * file unreadable (which would also keep a coordinator from including it in a merge).
   */
  scores: z.strictObject(scoreSummarySchema.shape).optional(),
  timestamps: z.strictObject({
    /** When the response was started, last changed, and signed (UTC, ISO 8601). */
    started: isoTimestamp,
    lastChanged: isoTimestamp,
    signed: isoTimestamp,
  }),
  digests: digestsSchema,
});
export type UnsignedSubmission = z.infer<typeof unsignedSubmissionSchema>;

export const submissionDocumentSchema = unsignedSubmissionSchema
  .extend({ signature: signatureSchema })
  .meta({ id: 'EGovDeskSubmission', description: 'A signed EGov Desk submission (format version 1).' });
export type SubmissionDocument = z.infer<typeof submissionDocumentSchema>;

/** A public signer card: who holds a key, for a coordinator's trusted list. */
export const signerCardSchema = z.strictObject({
  format: z.literal('egov-desk/signer-card'),
  formatVersion: z.literal(1),
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().min(1).max(300),
  email: z.email().max(320),
  algorithm: z.literal('Ed25519'),
  keyId: hex64,
  publicKey: base64.length(44),
  createdAt: isoTimestamp,
});
export type SignerCard = z.infer<typeof signerCardSchema>;

/** The submission format as JSON Schema, published for anyone who reads these files. */
export function submissionJsonSchema(): unknown {
  return z.toJSONSchema(submissionDocumentSchema, { io: 'input', unrepresentable: 'any' });
}
