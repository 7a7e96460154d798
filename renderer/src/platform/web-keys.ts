import { AppError } from '../../../shared/errors';
import { keyIdOf } from '../../../shared/crypto/key-id';
import type { SigningKey } from '../../../shared/ipc/contract';
import type { SigningKeysRepository } from '../db/repositories/signing-keys';

const ED25519 = { name: 'Ed25519' } as const;

function unavailable(error: unknown): AppError {
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError(
    'KEYSTORE_UNAVAILABLE',
    `This browser cannot create or use Ed25519 signing keys (${detail}). Use a current Chromium, Chrome or Edge, or the desktop app.`,
  );
}

export interface WebKeyStore {
  generate(label: string): Promise<SigningKey>;
  list(): Promise<SigningKey[]>;
  sign(keyId: string, data: Uint8Array): Promise<Uint8Array>;
}

/**
 * Signing keys in the web build: WebCrypto Ed25519 with a non-extractable private key kept in
 * IndexedDB. Nothing, not even this app, can export it; the browser signs on our behalf.
 */
export function createWebKeyStore(repository: SigningKeysRepository, now: () => number = Date.now): WebKeyStore {
  const info = (row: SigningKey): SigningKey => ({ keyId: row.keyId, publicKey: row.publicKey, label: row.label, createdAt: row.createdAt });
  return {
    async generate(label) {
      let pair: CryptoKeyPair;
      try {
        // extractable = false applies to the private key; a public key is always exportable.
        const generated = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
        if (!('privateKey' in generated)) throw new Error('no key pair');
        pair = generated;
      } catch (error) {
        throw unavailable(error);
      }
      const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
      const row = { keyId: await keyIdOf(publicKey), publicKey, label: label.trim(), createdAt: now(), privateKey: pair.privateKey };
      await repository.add(row);
      return info(row);
    },
    async list() {
      return (await repository.list()).map(info);
    },
    async sign(keyId, data) {
      const row = await repository.get(keyId);
      if (!row) throw new AppError('NOT_FOUND', `No signing key ${keyId} on this device.`);
      try {
        return new Uint8Array(await crypto.subtle.sign(ED25519, row.privateKey, new Uint8Array(data)));
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}
