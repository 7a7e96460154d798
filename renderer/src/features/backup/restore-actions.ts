import { readBackup } from '../../../../shared/backup/read';
import type { BackupRead } from '../../../../shared/backup/read';
import { loadCatalog } from '../../app/catalog';
import { LATEST_SCHEMA_VERSION } from '../../db';

/** Reads a picked file as a backup this app can restore (nothing is stored). */
export function readBackupFile(data: Uint8Array): BackupRead {
  return readBackup(data, { knownDatabaseVersion: LATEST_SCHEMA_VERSION });
}

/** `id@version` → content hash of the built-in definitions: a backup's copy of one is never stored. */
export async function bundledDefinitionHashes(): Promise<ReadonlyMap<string, string>> {
  const catalog = await loadCatalog();
  return new Map(catalog.entries.filter((entry) => entry.origin === 'bundled').map((entry) => [entry.key, entry.contentHash]));
}
