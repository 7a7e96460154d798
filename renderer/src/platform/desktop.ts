import { AppError } from '../../../shared/errors';
import type { DesktopApi } from '../../../shared/ipc/contract';
import { decodeIpcError } from '../../../shared/ipc/ipc-error';
import type { Platform } from './types';
import { staticUpdates } from './updates';

/** Turns the preload's errors back into the app's named error with its code. */
async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    const { code, message } = decodeIpcError(error);
    throw new AppError(code, message);
  }
}

/** The desktop implementation: every call goes through the preload's named, validated API. */
export function createDesktopPlatform(api: DesktopApi): Platform {
  return {
    kind: 'desktop',
    getAppInfo: () => call(api.getAppInfo(null)),
    // app:// serves the files installed with the app: they are already offline, and a new version
    // comes with a new installer. No service worker.
    updates: staticUpdates('installer'),
    openExternal: async (url) => {
      await call(api.openExternal({ url }));
    },
    openFiles: async (options) => (await call(api.openFiles(options))).files,
    saveFile: (options) => call(api.saveFile(options)),
    generateSigningKey: (label) => call(api.generateSigningKey({ label })),
    listSigningKeys: async () => (await call(api.listSigningKeys(null))).keys,
    signWithKey: async (keyId, data) => (await call(api.signWithKey({ keyId, data: new Uint8Array(data) }))).signature,
    checkLinks: async (urls) => {
      // The contract wants at least one URL; an empty list has nothing to check, so no round trip.
      if (urls.length === 0) return { kind: 'checked', results: [] };
      const { online, results } = await call(api.checkLinks({ urls: [...urls] }));
      return online ? { kind: 'checked', results } : { kind: 'offline' };
    },
    takeOpenedFiles: () => call(api.takeOpenedFiles(null)),
    pickSubmissions: (options) => call(api.pickSubmissions(options)),
  };
}
