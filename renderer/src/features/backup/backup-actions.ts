import { backupFileName, backupFileText, buildBackup } from '../../../../shared/backup/build';
import { MAX_BACKUP_BYTES } from '../../../../shared/backup/file';
import { LAST_BACKUP_SETTING } from '../../../../shared/backup/rows';
import { LATEST_SCHEMA_VERSION, storage } from '../../db';
import { platform } from '../../platform';
import { BackupTooLargeError, BackupUnreadableError } from './backup-model';
import type { LastBackup } from './backup-model';
import { checkBackupOffPage } from './read-backup';
import type { ReadWorkerFactory } from './read-backup';

/**
 * How a backup ended. `saved`: the desktop's save dialog wrote the file. `downloaded`: the web build
 * handed it to the browser as a download, which the page cannot follow (the person may still
 * cancel it, or the browser may block it), so it is never called "saved".
 */
export type BackupOutcome = { readonly how: 'saved' | 'downloaded'; readonly fileName: string } | { readonly how: 'cancelled' };

export interface BackupLabels {
  /** The save dialog's title and its file type's name, in the person's language. */
  readonly title: string;
  readonly filterName: string;
}

export interface MakeBackupOptions {
  readonly now?: () => Date;
  readonly createWorker?: ReadWorkerFactory;
  readonly onStage?: (stage: 'checking' | 'saving') => void;
  /** The size limit; only tests lower it (a 256 MiB backup is slow to build in a unit test). */
  readonly limitBytes?: number;
}


/**
 * Backs up everything local in one file: every table read in one transaction, the bytes checked
 * against the restore's size limit and read back exactly as a restore would read them (in a
 * worker), and only then saved through the platform (a save dialog on the desktop, a download on
 * the web). The time is recorded only after that: on the desktop when the dialog saved the file,
 * on the web as "downloaded".
 */
export async function makeBackup(labels: BackupLabels, options: MakeBackupOptions = {}): Promise<BackupOutcome> {
  const tables = await storage().backup.snapshot();
  const at = (options.now ?? (() => new Date()))();
  const backup = buildBackup(tables, { appVersion: __APP_VERSION__, databaseVersion: LATEST_SCHEMA_VERSION, now: at });
  const data = new TextEncoder().encode(backupFileText(backup));
  // Before anything is saved: a restore refuses files over this limit.
  if (data.byteLength > (options.limitBytes ?? MAX_BACKUP_BYTES)) throw new BackupTooLargeError(data.byteLength);
  options.onStage?.('checking');
  const { result } = await checkBackupOffPage(data, { knownDatabaseVersion: LATEST_SCHEMA_VERSION, ...(options.createWorker ? { createWorker: options.createWorker } : {}) });
  if (!result.ok) throw new BackupUnreadableError(result.problem, result.detail, result.where);
  options.onStage?.('saving');
  const saved = await platform().saveFile({ title: labels.title, suggestedName: backupFileName(at), filters: [{ name: labels.filterName, extensions: ['json'] }], data });
  if (!saved.saved) return { how: 'cancelled' };
  const how = platform().kind === 'web' ? 'downloaded' : 'saved';
  await storage().settings.set(LAST_BACKUP_SETTING, JSON.stringify({ at: at.getTime(), how } satisfies LastBackup));
  return { how, fileName: saved.fileName ?? backupFileName(at) };
}

export { BackupTooLargeError, BackupUnreadableError, BACKUP_REMINDER_DAYS, formatAgo, formatBytes, isBackupOverdue, lastBackup } from './backup-model';
export type { LastBackup } from './backup-model';
