import { fromBase64 } from '../crypto/base64';
import { keyIdOf } from '../crypto/key-id';
import { describeIssues } from '../parse';
import type { SafeJsonProblem } from '../safe-json';
import { DEFAULT_MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json';
import type { SignerCard } from '../submission/document';
import type { SignatureProblem } from '../submission/verify';
import type { ReviewDocument } from './document';
import { MAX_REVIEW_BYTES, REVIEW_FORMAT, REVIEW_FORMAT_VERSION, reviewDocumentSchema } from './document';
import { reviewSigningBytes } from './sign';

/**
 * Why a file cannot be used as a review. The JSON-level ones come from `parseJsonSafely`; then:
 * - `submissionNotReview` / `responseNotReview`: an EGov Desk file of another kind (the wrong file picked);
 * - `notReview`: JSON that is no EGov Desk file at all;
 * - `unsupportedVersion`: a review in a format version this app does not know;
 * - `badFormat`: a review that breaks the format (each problem named in the reason);
 * - `unknownQuestionnaire`: a review of an answer to a questionnaire this device does not have;
 * - `uncheckable`: anything unexpected while checking (never a thrown error).
 */
export type ReviewUnreadableProblem =
  | SafeJsonProblem
  | 'submissionNotReview'
  | 'responseNotReview'
  | 'notReview'
  | 'unsupportedVersion'
  | 'badFormat'
  | 'unknownQuestionnaire'
  | 'uncheckable';

/**
 * The verdict on a review file: valid (and whether the reviewer's key is on the trusted list); the
 * signature does not verify; or the file cannot be used, with a specific reason. Never throws.
 *
 * There is no "changed" verdict as for submissions: a review carries no per-part digests, and any
 * edit after signing is reported as `signatureInvalid` / `badSignature`.
 */
export type ReviewVerificationReport =
  | { readonly status: 'valid'; readonly trusted: boolean; readonly review: ReviewDocument }
  | { readonly status: 'signatureInvalid'; readonly problem: SignatureProblem; readonly review: ReviewDocument }
  | { readonly status: 'unreadable'; readonly problem: ReviewUnreadableProblem; readonly reason: string };

/** A questionnaire edition available on this device, by id and version. */
export interface QuestionnaireRef {
  readonly id: string;
  readonly version: string;
}

export interface ReviewVerifyOptions {
  /**
   * The questionnaires this device has. When given, a review of an answer to any other one is
   * refused, because its queries could not be shown next to any question.
   */
  readonly questionnaires?: readonly QuestionnaireRef[] | undefined;
}

const unreadable = (problem: ReviewUnreadableProblem, reason: string): ReviewVerificationReport => ({ status: 'unreadable', problem, reason });
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Verifies a review file's bytes (size, encoding and depth first: see `parseJsonSafely`). */
export async function verifyReviewJson(bytes: Uint8Array, trusted: readonly SignerCard[] = [], options: ReviewVerifyOptions = {}): Promise<ReviewVerificationReport> {
  try {
    const parsed = parseJsonSafely(bytes, { maxBytes: MAX_REVIEW_BYTES, maxDepth: DEFAULT_MAX_JSON_DEPTH });
    if (!parsed.ok) return unreadable(parsed.problem, parsed.reason);
    return await verifyReviewDocument(parsed.value, trusted, options);
  } catch (error) {
    return unreadable('uncheckable', `the file could not be checked (${message(error)})`);
  }
}

/** Why a value that fails the review schema fails it, as specifically as its `format` allows. */
function notAReview(value: unknown, issues: string): ReviewVerificationReport {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const { format, formatVersion } = isObject ? (value as { format?: unknown; formatVersion?: unknown }) : {};
  if (format === 'egov-desk/submission') return unreadable('submissionNotReview', 'this is a submission, not a review');
  if (format === 'egov-desk/response') return unreadable('responseNotReview', 'this is an unsigned response, not a review');
  if (format !== REVIEW_FORMAT) return unreadable('notReview', 'this is not an EGov Desk review');
  if (formatVersion !== REVIEW_FORMAT_VERSION) {
    const version = typeof formatVersion === 'number' ? String(formatVersion) : 'unknown';
    return unreadable('unsupportedVersion', `this review is in format version ${version}, which this version of EGov Desk cannot read`);
  }
  return unreadable('badFormat', `the review does not follow the format: ${issues}`);
}

/** Verifies a parsed review document. */
export async function verifyReviewDocument(value: unknown, trusted: readonly SignerCard[] = [], options: ReviewVerifyOptions = {}): Promise<ReviewVerificationReport> {
  try {
    const parsed = reviewDocumentSchema.safeParse(value);
    if (!parsed.success) return notAReview(value, describeIssues(parsed.error.issues.slice(0, 5)));
    const review = parsed.data;

    const { questionnaire } = review.submission;
    const { questionnaires } = options;
    if (questionnaires !== undefined && !questionnaires.some((q) => q.id === questionnaire.id && q.version === questionnaire.version)) {
      return unreadable(
        'unknownQuestionnaire',
        `this review is about questionnaire ${questionnaire.id} ${questionnaire.version}, which is not available on this device`,
      );
    }

    const { signature } = review;
    const publicKey = fromBase64(signature.publicKey);
    const signatureBytes = fromBase64(signature.value);
    if (!publicKey || publicKey.byteLength !== 32 || !signatureBytes || signatureBytes.byteLength !== 64) {
      return { status: 'signatureInvalid', problem: 'malformed', review };
    }
    if ((await keyIdOf(publicKey)) !== signature.keyId) return { status: 'signatureInvalid', problem: 'keyIdMismatch', review };
    if (review.reviewer.keyId !== signature.keyId) return { status: 'signatureInvalid', problem: 'signerKeyMismatch', review };

    // Copies: WebCrypto in the browser wants views over a plain ArrayBuffer.
    const key = await crypto.subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, ['verify']);
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signatureBytes), new Uint8Array(reviewSigningBytes(review)));
    if (!ok) return { status: 'signatureInvalid', problem: 'badSignature', review };
    const isTrusted = trusted.some((card) => card.keyId === signature.keyId && card.publicKey === signature.publicKey);
    return { status: 'valid', trusted: isTrusted, review };
  } catch (error) {
    return unreadable('uncheckable', `the file could not be checked (${message(error)})`);
  }
}
