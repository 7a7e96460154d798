import { canonicalJsonBytes } from '../canonical-json';
import { toBase64 } from '../crypto/base64';
import { keyIdOf } from '../crypto/key-id';
import { AppError } from '../errors';
import type { SubmissionDocument, UnsignedSubmission } from './document';
import { submissionDocumentSchema } from './document';

/** The bytes a signature covers: RFC 8785 canonical UTF-8 of the document without `signature`. */
export function signingBytes(document: UnsignedSubmission | SubmissionDocument): Uint8Array {
  const unsigned: Partial<SubmissionDocument> = { ...document };
  delete unsigned.signature;
  return canonicalJsonBytes(unsigned);
}

/** Signs with whatever holds the private key (OS key store, WebCrypto, a CLI identity file). */
export interface SubmissionSigner {
  readonly publicKey: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export async function signSubmission(document: UnsignedSubmission, signer: SubmissionSigner): Promise<SubmissionDocument> {
  const keyId = await keyIdOf(signer.publicKey);
  if (keyId !== document.signer.keyId) throw new AppError('INVALID_PAYLOAD', 'The signing key is not the key named in the document.');
  const signature = await signer.sign(signingBytes(document));
  if (signature.byteLength !== 64) throw new AppError('INTERNAL', 'The key store returned a signature that is not 64 bytes.');
  return submissionDocumentSchema.parse({
    ...document,
    signature: { algorithm: 'Ed25519', keyId, publicKey: toBase64(signer.publicKey), value: toBase64(signature) },
  });
}

/** The file form: pretty-printed for people; the signature does not depend on layout. */
export function submissionFileText(document: SubmissionDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
