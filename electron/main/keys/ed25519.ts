import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * Plain Ed25519 (RFC 8032), because a third party verifies the signatures with stock OpenSSL: no
 * pre-hashing, no context string, raw 32-byte public keys and 64-byte signatures.
 */

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

/**
 * The fixed DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID
 * 1.3.101.112 }, BIT STRING of 33 bytes with 0 unused bits }. The raw key follows it, so the raw key
 * and the SPKI form convert into each other without an ASN.1 parser.
 */
export const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NotEd25519KeyError extends Error {
  constructor(what: string) {
    super(`${what} is not an Ed25519 key.`);
    this.name = new.target.name;
  }
}

export function generateEd25519KeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** The raw 32-byte public key of an Ed25519 public (or private) key object, as a fresh array. */
export function rawPublicKeyOf(key: KeyObject): Uint8Array<ArrayBuffer> {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new NotEd25519KeyError('The key');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const prefix = der.subarray(0, ED25519_SPKI_PREFIX.byteLength);
  if (der.byteLength !== ED25519_SPKI_PREFIX.byteLength + ED25519_PUBLIC_KEY_BYTES || !prefix.equals(ED25519_SPKI_PREFIX)) {
    throw new NotEd25519KeyError('The exported public key');
  }
  // A copy, not a view: a view would carry the whole DER buffer along when structured-cloned over IPC.
  return new Uint8Array(der.subarray(ED25519_SPKI_PREFIX.byteLength));
}

/** A public key object from a raw 32-byte key, e.g. to verify a signature. */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.byteLength !== ED25519_PUBLIC_KEY_BYTES) throw new NotEd25519KeyError('A key that is not 32 bytes long');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}
