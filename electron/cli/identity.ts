import { signerCardOf as cardOf } from '../../shared/submission/signer-card';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { fromBase64, toBase64 } from '../../shared/crypto/base64';
import { keyIdOf } from '../../shared/crypto/key-id';
import { describeIssues } from '../../shared/parse';
import type { SignerCard } from '../../shared/submission/document';
import { signerCardSchema } from '../../shared/submission/document';
import type { SubmissionSigner } from '../../shared/submission/sign';
import { rawPublicKeyOf } from '../main/keys/ed25519';
import { UsageError } from './errors';

/**
 * A signing identity for the command line, format `egov-desk/identity` version 1: the signer's
 * details, the key id and public key, and the Ed25519 private key as PKCS#8 PEM (what OpenSSL and
 * every crypto library read). The file is the secret: it is written with mode 0600 and never
 * leaves the machine; the matching public `signer-card.json` is what others receive.
 */
export const IDENTITY_FORMAT = 'egov-desk/identity';
export const MAX_IDENTITY_BYTES = 64 * 1024;

export const identitySchema = signerCardSchema.omit({ format: true }).extend({
  format: z.literal(IDENTITY_FORMAT),
  privateKey: z
    .string()
    .max(4096)
    .regex(/^-----BEGIN PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PRIVATE KEY-----\r?\n?$/, 'must be a PKCS#8 PEM private key'),
});
export type Identity = z.infer<typeof identitySchema>;

/** What the person gives `keygen`, checked with the signer card's own rules. */
export const signerDetailsSchema = signerCardSchema.pick({ name: true, organisation: true, email: true });

export async function createIdentity(details: { name: string; organisation: string; email: string }, createdAt: Date): Promise<Identity> {
  const checked = signerDetailsSchema.safeParse(details);
  if (!checked.success) throw new UsageError(describeIssues(checked.error.issues).replace(/^organisation:/, 'org:'));
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKeyOf(privateKey);
  return {
    format: IDENTITY_FORMAT,
    formatVersion: 1,
    ...checked.data,
    algorithm: 'Ed25519',
    keyId: await keyIdOf(publicKey),
    publicKey: toBase64(publicKey),
    createdAt: createdAt.toISOString(),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/** The public card of an identity file, made by the same code as the app's. */
export function signerCardOf(identity: Identity): SignerCard {
  return cardOf({ ...identity, createdAt: Date.parse(identity.createdAt) });
}

/** A loaded identity, checked for consistency: the private key, public key and key id belong together. */
export interface LoadedIdentity {
  readonly identity: Identity;
  readonly signer: SubmissionSigner;
}

export async function parseIdentity(bytes: Uint8Array, file: string): Promise<LoadedIdentity> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new UsageError(`${file} is not an identity file (not JSON); make one with 'egov-desk keygen'`);
  }
  const parsed = identitySchema.safeParse(value);
  if (!parsed.success) {
    const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
    if (format === 'egov-desk/signer-card') throw new UsageError(`${file} is a public signer card; signing needs the private identity.json from the same folder`);
    throw new UsageError(`${file} is not a valid identity file: ${describeIssues(parsed.error.issues.slice(0, 3))}`);
  }
  const identity = parsed.data;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: identity.privateKey, format: 'pem' });
  } catch {
    throw new UsageError(`${file}: the private key cannot be read`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${file}: the private key is not an Ed25519 key`);
  const publicKey = rawPublicKeyOf(createPublicKey(key));
  if (toBase64(publicKey) !== identity.publicKey || (await keyIdOf(publicKey)) !== identity.keyId || !fromBase64(identity.publicKey)) {
    throw new UsageError(`${file}: the private key does not match the public key and key id in the file`);
  }
  return {
    identity,
    signer: { publicKey, sign: (data) => Promise.resolve(new Uint8Array(sign(null, data, key))) },
  };
}
