import { fromBase64 } from '../crypto/base64';
import { keyIdOf } from '../crypto/key-id';
import { describeIssues } from '../parse';
import { DEFAULT_MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json';
import { changedParts } from './digests';
import type { SignerCard, SubmissionDocument } from './document';
import { MAX_SUBMISSION_BYTES, submissionDocumentSchema } from './document';
import { signingBytes } from './sign';

/** One difference between what a file shows and what was signed. */
export interface Change {
  /** Where: `answers.A.1` in JSON; `Sheet!C7` (with the question id) in a workbook. */
  readonly where: string;
  readonly signed?: string;
  readonly found?: string;
}

export type SignatureProblem = 'keyIdMismatch' | 'signerKeyMismatch' | 'malformed' | 'badSignature';

/**
 * The verdict on one file. Exactly one of: valid (and whether the signer's key is on the trusted
 * list); the signature does not verify; the content was changed after signing (with each change);
 * or the file cannot be read at all (with the reason). Verification never throws.
 */
export type VerificationReport =
  | { readonly status: 'valid'; readonly trusted: boolean; readonly document: SubmissionDocument }
  | { readonly status: 'signatureInvalid'; readonly problem: SignatureProblem; readonly document: SubmissionDocument }
  | { readonly status: 'changed'; readonly changes: readonly Change[]; readonly document: SubmissionDocument }
  | { readonly status: 'unreadable'; readonly reason: string };

function unreadable(reason: string): VerificationReport {
  return { status: 'unreadable', reason };
}

/** Verifies a JSON submission file's bytes. */
export async function verifySubmissionJson(bytes: Uint8Array, trusted: readonly SignerCard[] = []): Promise<VerificationReport> {
  try {
    const parsed = parseJsonSafely(bytes, { maxBytes: MAX_SUBMISSION_BYTES, maxDepth: DEFAULT_MAX_JSON_DEPTH });
    if (!parsed.ok) return unreadable(parsed.reason);
    return await verifySubmissionDocument(parsed.value, trusted);
  } catch (error) {
    return unreadable(`the file could not be checked (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Verifies a parsed submission document (from a JSON file or a workbook's embedded copy). */
export async function verifySubmissionDocument(value: unknown, trusted: readonly SignerCard[] = []): Promise<VerificationReport> {
  try {
    const parsed = submissionDocumentSchema.safeParse(value);
    if (!parsed.success) {
      const isObject = typeof value === 'object' && value !== null;
      const format = isObject ? (value as { format?: unknown }).format : undefined;
      // A wrong EGov Desk file is named, so the person knows which file they should have picked.
      if (format === 'egov-desk/review') return unreadable('this is a review of a submission, not a submission; open it as a review');
      if (format === 'egov-desk/response') return unreadable('this is an unsigned response file, not a signed submission; sign and export it first');
      if (format === 'egov-desk/signer-card') return unreadable('this is a signer card, not a submission; add it to the trusted signers');
      if (format !== 'egov-desk/submission') return unreadable('this is not an EGov Desk submission');
      return unreadable(`the submission does not follow the format: ${describeIssues(parsed.error.issues.slice(0, 5))}`);
    }
    const document = parsed.data;
    const { signature } = document;
    const publicKey = fromBase64(signature.publicKey);
    const signatureBytes = fromBase64(signature.value);
    if (!publicKey || publicKey.byteLength !== 32 || !signatureBytes || signatureBytes.byteLength !== 64) {
      return { status: 'signatureInvalid', problem: 'malformed', document };
    }
    if ((await keyIdOf(publicKey)) !== signature.keyId) return { status: 'signatureInvalid', problem: 'keyIdMismatch', document };
    if (document.signer.keyId !== signature.keyId) return { status: 'signatureInvalid', problem: 'signerKeyMismatch', document };

    // Digests and signature are checked on the file's own values, not on the parsed ones: the schema
    // trims some strings, and " Kai" must not verify as a signature over "Kai".
    const raw = value as SubmissionDocument;
    const changed = await changedParts(raw);
    if (changed.length > 0) return { status: 'changed', changes: changed.map((where) => ({ where })), document };

    // Copies: WebCrypto in the browser wants views over a plain ArrayBuffer.
    const key = await crypto.subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, ['verify']);
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signatureBytes), new Uint8Array(signingBytes(raw)));
    if (!ok) return { status: 'signatureInvalid', problem: 'badSignature', document };
    const isTrusted = trusted.some((card) => card.keyId === signature.keyId && card.publicKey === signature.publicKey);
    return { status: 'valid', trusted: isTrusted, document };
  } catch (error) {
    return unreadable(`the file could not be checked (${error instanceof Error ? error.message : String(error)})`);
  }
}
