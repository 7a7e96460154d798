import { MAX_BACKUP_BYTES } from '../../../../shared/backup/file';
import type { BackupProblem } from '../../../../shared/backup/read';
import { AppError } from '../../../../shared/errors';

/**
 * What the home screen's reminder and the backup screen show without making a backup: the last
 * backup, the errors a backup can end in, and the formatting of times and sizes. Kept apart from
 * backup-actions.ts, whose builder and read-back check load only when a backup is made, so the
 * first screen does not carry them (issue 10: first-screen JS under 250 KB gzip).
 */

/** The backup would be larger than a restore reads: nothing was saved. */
export class BackupTooLargeError extends AppError {
  constructor(readonly bytes: number) {
    super('FILE_TOO_LARGE', `The backup would be ${String(bytes)} bytes, more than the ${String(MAX_BACKUP_BYTES)} a restore reads; nothing was saved.`);
  }
}

/**
 * The backup just built does not read back (a value this version cannot restore): nothing was
 * saved, because a backup that cannot be restored is no safety net. `problem` and `where` say why.
 */
export class BackupUnreadableError extends AppError {
  constructor(
    readonly problem: BackupProblem,
    readonly detail: string,
    readonly where: string | undefined,
  ) {
    super('INVALID_PAYLOAD', `The backup would not read back (${problem}: ${detail}); nothing was saved.`);
  }
}

/** What the "last backup" setting holds: when, and whether it was saved or only downloaded. */
export interface LastBackup {
  readonly at: number;
  readonly how: 'saved' | 'downloaded';
}

/**
 * The last backup, or undefined when there was none (or the setting is unreadable). The first
 * version stored the time alone; `plain` says how to read that (the platform's own way: a dialog
 * on the desktop, a download on the web).
 */
export function lastBackup(setting: string | undefined, plain: LastBackup['how']): LastBackup | undefined {
  if (setting === undefined) return undefined;
  const valid = (at: unknown): at is number => typeof at === 'number' && Number.isFinite(at) && at > 0;
  if (setting.startsWith('{')) {
    try {
      const value = JSON.parse(setting) as { at?: unknown; how?: unknown };
      if (valid(value.at) && (value.how === 'saved' || value.how === 'downloaded')) return { at: value.at, how: value.how };
    } catch {
      return undefined;
    }
    return undefined;
  }
  const at = Number(setting);
  return valid(at) ? { at, how: plain } : undefined;
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

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Bytes as people read them, in their language through Intl: "4.2 MB" and "4,2 Mo", "12 bytes" and
 * "12 octets" (whole bytes in words: the short form is "byte" in English). Multiples of 1,024.
 */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: UNITS[unit] ?? 'byte',
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
