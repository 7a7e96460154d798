import type { TFunction } from 'i18next';
import { formatAgo } from './backup-model';
import type { LastBackup } from './backup-model';

/** "Never backed up.", "Last backup saved 3 days ago." or "Last backup downloaded 3 days ago." */
export function lastBackupText(t: TFunction, last: LastBackup | undefined, now: number, language: string): string {
  if (last === undefined) return t('backup.neverBackedUp');
  const ago = formatAgo(last.at, now, language);
  return last.how === 'saved' ? t('backup.lastBackup', { ago }) : t('backup.lastDownloaded', { ago });
}
