import { canonicalJsonBytes } from '../canonical-json';
import { toBase64 } from '../crypto/base64';
import { sha256Hex } from '../crypto/hash';
import { keyIdOf } from '../crypto/key-id';
import { AppError } from '../errors';
import type { SubmissionSigner } from '../submission/sign';
import type { ReviewDocument, UnsignedReview } from './document';
import { reviewDocumentSchema } from './document';

/** The bytes a review's signature covers: RFC 8785 canonical UTF-8 of the review without `signature`. */
export function reviewSigningBytes(review: UnsignedReview | ReviewDocument): Uint8Array {
  const unsigned: Partial<ReviewDocument> = { ...review };
  delete unsigned.signature;
  return canonicalJsonBytes(unsigned);
}

/**
 * `sha256:` and the hex SHA-256 of the review's signing bytes: what a submission that answers the
 * review records as `answersReview.reviewHash`. Like the signature, it ignores the file's layout.
 */
export async function reviewHashOf(review: UnsignedReview | ReviewDocument): Promise<string> {
  return `sha256:${await sha256Hex(reviewSigningBytes(review))}`;
}

/** The reference a new submission version carries to say which review it answers (`buildSubmission`'s `answersReview`). */
export async function reviewReference(review: ReviewDocument): Promise<{ reviewId: string; reviewHash: string }> {
  return { reviewId: review.reviewId, reviewHash: await reviewHashOf(review) };
}

/** Signs a review with the reviewer's key; the same signer as for submissions (OS key store, WebCrypto, CLI file). */
export async function signReview(review: UnsignedReview, signer: SubmissionSigner): Promise<ReviewDocument> {
  const keyId = await keyIdOf(signer.publicKey);
  if (keyId !== review.reviewer.keyId) throw new AppError('INVALID_PAYLOAD', 'The signing key is not the key named in the review.');
  const signature = await signer.sign(reviewSigningBytes(review));
  if (signature.byteLength !== 64) throw new AppError('INTERNAL', 'The key store returned a signature that is not 64 bytes.');
  return reviewDocumentSchema.parse({
    ...review,
    signature: { algorithm: 'Ed25519', keyId, publicKey: toBase64(signer.publicKey), value: toBase64(signature) },
  });
}

/** The file form: pretty-printed for people; the signature does not depend on layout. */
export function reviewFileText(review: ReviewDocument): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
