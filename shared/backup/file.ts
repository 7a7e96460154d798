import { canonicalJsonBytes } from '../canonical-json';
import { sha256HexSync } from '../crypto/sha256';
import type { BackupTables } from './rows';

/**
 * The backup file's identity and digest, without the zod schemas (format.ts), so that making a
 * backup (one click on the home screen) does not load the code that reads one.
 */

export const BACKUP_FORMAT = 'egov-desk/backup';
export const BACKUP_FORMAT_VERSION = 1;

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
