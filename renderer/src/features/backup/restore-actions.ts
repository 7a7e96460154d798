import type { BackupRead, ReadStage } from '../../../../shared/backup/read';
import { loadCatalog } from '../../app/catalog';
import { LATEST_SCHEMA_VERSION } from '../../db';
import { readBackupOffPage } from './read-backup';
import type { ReadWorkerFactory } from './read-backup';

/** Reads a picked file as a backup this app can restore, off the page (nothing is stored). */
export async function readBackupFile(data: Uint8Array, onStage?: (stage: ReadStage) => void, createWorker?: ReadWorkerFactory): Promise<BackupRead> {
  const { result } = await readBackupOffPage(data, { knownDatabaseVersion: LATEST_SCHEMA_VERSION, ...(onStage ? { onStage } : {}), ...(createWorker ? { createWorker } : {}) });
  return result;
}

/** `id@version` → content hash of the built-in definitions: a backup's copy of one is never stored. */
export async function bundledDefinitionHashes(): Promise<ReadonlyMap<string, string>> {
  const catalog = await loadCatalog();
  return new Map(catalog.entries.filter((entry) => entry.origin === 'bundled').map((entry) => [entry.key, entry.contentHash]));
}
