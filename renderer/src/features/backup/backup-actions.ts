import { backupFileName, backupFileText, buildBackup } from '../../../../shared/backup/build';
import { LAST_BACKUP_SETTING } from '../../../../shared/backup/rows';
import { LATEST_SCHEMA_VERSION, storage } from '../../db';
import { platform } from '../../platform';

export interface BackupOutcome {
  readonly saved: boolean;
  readonly fileName?: string;
}

/**
 * Backs up everything local in one file: every table read in one transaction, saved through the
 * platform (a save dialog on the desktop, a download on the web). The time is recorded only when
 * the file was saved, so "Last backup" never claims a backup the person cancelled.
 */
export async function makeBackup(now: () => Date = () => new Date()): Promise<BackupOutcome> {
  const tables = await storage().backup.snapshot();
  const at = now();
  const backup = buildBackup(tables, { appVersion: __APP_VERSION__, databaseVersion: LATEST_SCHEMA_VERSION, now: at });
  const result = await platform().saveFile({
    title: 'EGov Desk backup',
    suggestedName: backupFileName(at),
    filters: [{ name: 'EGov Desk backup', extensions: ['json'] }],
    data: new TextEncoder().encode(backupFileText(backup)),
  });
  if (!result.saved) return { saved: false };
  await storage().settings.set(LAST_BACKUP_SETTING, String(at.getTime()));
  return { saved: true, ...(result.fileName === undefined ? {} : { fileName: result.fileName }) };
}

/** When the last backup was saved, or undefined when there was none (or the setting is unreadable). */
export function lastBackupTime(setting: string | undefined): number | undefined {
  if (setting === undefined) return undefined;
  const time = Number(setting);
  return Number.isFinite(time) && time > 0 ? time : undefined;
}

/** A backup older than this, or none, makes the web build's reminder prominent. */
export const BACKUP_REMINDER_DAYS = 7;

const DAY = 24 * 60 * 60 * 1000;

/** "3 days ago", "yesterday", "2 hours ago": the largest whole unit, in the person's language. */
export function formatAgo(time: number, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const elapsed = Math.max(0, now - time);
  if (elapsed >= DAY) return format.format(-Math.floor(elapsed / DAY), 'day');
  if (elapsed >= 60 * 60 * 1000) return format.format(-Math.floor(elapsed / (60 * 60 * 1000)), 'hour');
  return format.format(-Math.floor(elapsed / 60_000), 'minute');
}

export function isBackupOverdue(time: number | undefined, now: number): boolean {
  return time === undefined || now - time > BACKUP_REMINDER_DAYS * DAY;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes as people read them ("4.2 MB"), in the person's language. */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${UNITS[unit] ?? 'B'}`;
}
