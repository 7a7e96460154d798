// First: before any module below builds a zod schema (see shared/zod-setup.ts).
import '../../../../shared/zod-setup';
import { readBackup } from '../../../../shared/backup/read';
import type { FromReadWorker, ReadRequest } from './read-protocol';

/**
 * Reads a backup off the page (a module worker started by read-backup.ts): parsing, the digest and
 * the checks of every row take seconds for a large file, and on the page they would freeze it.
 * `readBackup` never throws, so every request gets an answer.
 */

/** The part of the worker's global scope used here (the DOM library types `self` as a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: FromReadWorker): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const request = event.data;
  const result = readBackup(request.bytes, {
    knownDatabaseVersion: request.knownDatabaseVersion,
    onStage: (stage) => { scope.postMessage({ type: 'stage', stage }); },
  });
  if (request.type === 'read') scope.postMessage({ type: 'read', result });
  else scope.postMessage({ type: 'checked', result: result.ok ? { ok: true } : result });
};
