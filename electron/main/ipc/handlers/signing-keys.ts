import { app, safeStorage } from 'electron';
import path from 'node:path';
import { KeyStore } from '../../keys/key-store';
import type { IpcHandlers } from '../register';

type SigningKeyHandlers = Pick<IpcHandlers, 'generateSigningKey' | 'listSigningKeys' | 'signWithKey'>;

/** The three key-store channels over whatever store `store()` returns (a temp-dir store in tests). */
export function signingKeyHandlers(store: () => KeyStore): SigningKeyHandlers {
  return {
    generateSigningKey: ({ label }) => store().generate(label),
    listSigningKeys: async () => ({ keys: await store().list() }),
    signWithKey: async ({ keyId, data }) => ({ signature: await store().sign(keyId, data) }),
  };
}

let desktopStore: KeyStore | undefined;

/**
 * Created on the first call, not at import: `app.getPath('userData')` and `safeStorage` are only
 * meaningful once the app is ready (before that, Linux reports the backend as "unknown"), and IPC
 * calls can only arrive after the window exists.
 *
 * `safeStorage` is passed as is. Its synchronous methods are deprecated in Electron 45 and removed
 * in 46; moving to `encryptStringAsync`/`decryptStringAsync` is a change to `KeyEncryption` only.
 */
function desktopKeyStore(): KeyStore {
  desktopStore ??= new KeyStore({ folder: path.join(app.getPath('userData'), 'signing-keys'), encryption: safeStorage });
  return desktopStore;
}

export const { generateSigningKey, listSigningKeys, signWithKey } = signingKeyHandlers(desktopKeyStore);
