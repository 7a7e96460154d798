import type { SignerCard } from './document';
import { signerCardSchema } from './document';
import { fromBase64 } from '../crypto/base64';
import { keyIdOf } from '../crypto/key-id';
import { describeIssues } from '../parse';
import { parseJsonSafely } from '../safe-json';

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

/** A signer card file is small: anything bigger is not one. */
export const MAX_SIGNER_CARD_BYTES = 64 * 1024;

export type SignerCardRead = { readonly ok: true; readonly card: SignerCard } | { readonly ok: false; readonly reason: string };

/**
 * Reads a signer card file for a trusted list, the one way for the app and the command line:
 * size, encoding and depth limited; the schema; and the key id recomputed from the public key,
 * because a card whose key id is not its key's fingerprint is forged or broken and must never be
 * trusted. Never throws.
 */
export async function readSignerCard(bytes: Uint8Array): Promise<SignerCardRead> {
  const json = parseJsonSafely(bytes, { maxBytes: MAX_SIGNER_CARD_BYTES, maxDepth: 8 });
  if (!json.ok) return { ok: false, reason: json.reason };
  const parsed = signerCardSchema.safeParse(json.value);
  if (!parsed.success) {
    const format = typeof json.value === 'object' && json.value !== null ? (json.value as { format?: unknown }).format : undefined;
    if (format === 'egov-desk/identity') return { ok: false, reason: 'this is a private identity; trust its public signer card instead (and keep the identity secret)' };
    return { ok: false, reason: `not a signer card: ${describeIssues(parsed.error.issues.slice(0, 3))}` };
  }
  const key = fromBase64(parsed.data.publicKey);
  if (!key || key.byteLength !== 32 || (await keyIdOf(key)) !== parsed.data.keyId) {
    return { ok: false, reason: 'the key id does not match the public key' };
  }
  return { ok: true, card: parsed.data };
}
