import type { SignerCard } from './document';
import { signerCardSchema } from './document';
import { parseUnknown } from '../parse';

export interface IdentityDetails {
  readonly name: string;
  readonly organisation: string;
  readonly email: string;
  readonly keyId: string;
  /** Base64 of the raw 32-byte public key. */
  readonly publicKey: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** The public card of an identity: what a coordinator adds to a trusted list. */
export function signerCardOf(identity: IdentityDetails): SignerCard {
  return signerCardSchema.parse({
    format: 'egov-desk/signer-card',
    formatVersion: 1,
    name: identity.name,
    organisation: identity.organisation,
    email: identity.email,
    algorithm: 'Ed25519',
    keyId: identity.keyId,
    publicKey: identity.publicKey,
    createdAt: new Date(identity.createdAt).toISOString(),
  });
}

/** Reads a signer card file; throws SchemaParseError with every problem when it is not one. */
export function parseSignerCardText(text: string, fileName: string): SignerCard {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseUnknown(signerCardSchema, undefined, `${fileName} is not JSON`);
  }
  return parseUnknown(signerCardSchema, value, fileName);
}

/** True when the card's key id really is the SHA-256 of its public key. */
export { keyIdOf } from '../crypto/key-id';
