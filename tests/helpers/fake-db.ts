import { EgovDeskDatabase } from '../../renderer/src/db/database';
import type { ResponseRow } from '../../renderer/src/db/records';

let counter = 0;

/** A fresh, real Dexie database over fake-indexeddb, with a unique name per call. */
export function freshDatabase(upToVersion?: number): EgovDeskDatabase {
  counter += 1;
  return new EgovDeskDatabase(`test-${String(process.pid)}-${String(counter)}`, upToVersion);
}

/** A response row as version 1 of the schema wrote it (no content hash), for upgrade tests. */
export function versionOneResponse(id: string, respondent: ResponseRow['respondent']): ResponseRow {
  return { id, questionnaireId: 'test-all-types', questionnaireVersion: '1.0.0', respondent, createdAt: 1, updatedAt: 2, progress: { answered: 1, total: 16 } };
}
