import type Dexie from 'dexie';

/**
 * Version 2:
 * - `signingKeys`: the web build's signing keys. The private key is a non-extractable WebCrypto
 *   `CryptoKey`: IndexedDB stores it by structured clone, and no script (ours included) can read
 *   its bytes, only ask the browser to sign with it. The desktop build keeps its keys in the main
 *   process instead (electron/main/keys), encrypted with the OS key store.
 * - `definitions`: questionnaire editions imported at run time, keyed by `id@version`, so a second
 *   edition never replaces the first and responses stay bound to the exact one they started with.
 * Responses gain an optional `questionnaireHash` (set for every response created from now on).
 */
export const VERSION = 2;

export function apply(db: Dexie): void {
  db.version(VERSION).stores({
    signingKeys: 'keyId, createdAt',
    definitions: 'key, id, importedAt',
  });
}
