/**
 * Persistent storage (the Storage standard's `navigator.storage`), in both builds. A site's data
 * is "best effort" by default: the browser may delete it when the disk runs low. `persist()` asks
 * for it to be kept until the person clears it; browsers decide on their own (Chromium grants it
 * to sites people use often or installed; Firefox asks the person; Electron routes it through the
 * session's permission handler, which allows it for the app's own origin only,
 * electron/main/security.ts).
 */

/** What of `navigator.storage` this uses; a parameter so tests can give a fake. */
export interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

export interface StorageStatus {
  /** undefined: this browser cannot tell (no StorageManager, or the call failed). */
  readonly persisted: boolean | undefined;
  /** Bytes used and available to this origin, when the browser says. */
  readonly usage?: number;
  readonly quota?: number;
}

function defaultManager(): StorageManagerLike | undefined {
  // Optional at run time: older browsers and insecure contexts have no StorageManager.
  const manager: StorageManagerLike | undefined = typeof navigator === 'undefined' ? undefined : navigator.storage;
  return manager;
}

/**
 * Asks for persistent storage unless it is already granted, and returns whether storage is
 * persistent now. Never throws (a refusal or a missing API is an answer, not an error).
 */
export async function requestPersistence(manager: StorageManagerLike | undefined = defaultManager()): Promise<boolean | undefined> {
  if (!manager?.persisted) return undefined;
  try {
    if (await manager.persisted()) return true;
    if (!manager.persist) return false;
    return await manager.persist();
  } catch {
    return undefined;
  }
}

/** Whether storage is persistent, and how much is used; never asks, never throws. */
export async function storageStatus(manager: StorageManagerLike | undefined = defaultManager()): Promise<StorageStatus> {
  let persisted: boolean | undefined;
  try {
    persisted = manager?.persisted ? await manager.persisted() : undefined;
  } catch {
    persisted = undefined;
  }
  try {
    const estimate = manager?.estimate ? await manager.estimate() : undefined;
    return {
      persisted,
      ...(estimate?.usage === undefined ? {} : { usage: estimate.usage }),
      ...(estimate?.quota === undefined ? {} : { quota: estimate.quota }),
    };
  } catch {
    return { persisted };
  }
}

let startup: Promise<boolean | undefined> | undefined;

/**
 * The one request made at start-up (main.tsx calls it after the first render, so it never delays
 * it); later callers get the same answer instead of asking again.
 */
export function requestPersistenceOnce(manager?: StorageManagerLike): Promise<boolean | undefined> {
  startup ??= requestPersistence(manager ?? defaultManager());
  return startup;
}

/** For tests: forget the start-up answer. */
export function resetPersistenceRequest(): void {
  startup = undefined;
}
