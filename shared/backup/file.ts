import { canonicalJsonBytes } from '../canonical-json';
import { sha256HexSync } from '../crypto/sha256';
import type { BackupTables } from './rows';

/**
 * The backup file's identity and digest, without the zod schemas (format.ts), so that making a
 * backup (one click on the home screen) does not load the code that reads one.
 */

export const BACKUP_FORMAT = 'egov-desk/backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * Largest backup file made or read: 256 MiB, what a save dialog may write (`MAX_SAVE_FILE_BYTES`)
 * and what a restore asks the open dialog for (`MAX_OPEN_FILE_BYTES_CAP`). One limit for both
 * sides, checked when the backup is made, so the app never saves a backup it would refuse to read.
 * A backup of 50 responses with 300 answers each is about 2 MB.
 */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

export interface BackupFile {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: typeof BACKUP_FORMAT_VERSION;
  /** When the backup was made (UTC, ISO 8601). */
  readonly createdAt: string;
  readonly app: { readonly version: string };
  readonly databaseVersion: number;
  readonly digest: string;
  readonly tables: BackupTables;
}

/** `sha256:` and the hex SHA-256 of the canonical form of the tables, as read from the file. */
export function tablesDigest(tables: unknown): string {
  return `sha256:${sha256HexSync(canonicalJsonBytes(tables))}`;
}
