import type { BackupFile } from './file';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, tablesDigest } from './file';
import type { BackupTables } from './rows';
import { DEVICE_SETTINGS } from './rows';

export interface BackupMeta {
  readonly appVersion: string;
  /** The IndexedDB schema version the rows were read from (`LATEST_SCHEMA_VERSION`). */
  readonly databaseVersion: number;
  readonly now: Date;
}

/**
 * The backup document for these rows. The rows go through a JSON round trip first, so the digest
 * covers exactly what the file will hold (a member set to `undefined` in IndexedDB is absent in
 * JSON) and nothing that is not JSON (a typed array, a CryptoKey) can slip into a file.
 * Device settings (the time of the last backup) are left out.
 */
export function buildBackup(tables: BackupTables, meta: BackupMeta): BackupFile {
  const plain = JSON.parse(JSON.stringify({ ...tables, settings: tables.settings.filter((row) => !DEVICE_SETTINGS.has(row.key)) })) as BackupTables;
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: meta.now.toISOString(),
    app: { version: meta.appVersion },
    databaseVersion: meta.databaseVersion,
    digest: tablesDigest(plain),
    tables: plain,
  };
}

/**
 * The file's text: compact JSON (a large archive is several megabytes; indentation would add a
 * third). The digest is over the canonical form, so a file pretty-printed later still restores.
 */
export function backupFileText(backup: BackupFile): string {
  return JSON.stringify(backup);
}

/** `egov-desk-backup-YYYY-MM-DD.json`, the day in UTC like every date the app writes in files. */
export function backupFileName(now: Date): string {
  return `egov-desk-backup-${now.toISOString().slice(0, 10)}.json`;
}
