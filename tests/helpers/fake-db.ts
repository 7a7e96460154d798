import { EgovDeskDatabase } from '../../renderer/src/db/database';

let counter = 0;

/** A fresh, real Dexie database over fake-indexeddb, with a unique name per call. */
export function freshDatabase(upToVersion?: number): EgovDeskDatabase {
  counter += 1;
  return new EgovDeskDatabase(`test-${String(process.pid)}-${String(counter)}`, upToVersion);
}
