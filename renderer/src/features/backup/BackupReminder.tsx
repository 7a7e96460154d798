import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { platform } from '../../platform';
import { isBackupOverdue } from './backup-model';
import { BackupStateText } from './BackupStateText';
import { lastBackupText } from './last-backup-text';
import { useBackupNow, useStorageStatus } from './use-backup';

/**
 * The web build's note on the home screen: the answers live in this browser, which may clear them.
 * Prominent (the full explanation) when the last backup is older than a week or there is none;
 * one compact line otherwise. Always visible: it is the one place a person learns the risk, and it
 * makes the backup in one click. The desktop app keeps its data under its own origin and needs no note.
 */
export function BackupReminder() {
  if (platform().kind !== 'web') return null;
  return <WebBackupReminder />;
}

function WebBackupReminder() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { state, run, lastBackup, now } = useBackupNow();
  const { status } = useStorageStatus();
  const overdue = isBackupOverdue(lastBackup?.at, now);
  const last = lastBackupText(t, lastBackup, now, language);
  const persistence =
    status?.persisted === true ? t('backup.reminderPersistent') : status?.persisted === false ? t('backup.reminderNotPersistent') : '';
  return (
    <section aria-label={t('backup.reminderRegion')} className={overdue ? 'notice block provenance-notice' : 'meta'} data-testid="backup-reminder">
      <p>
        {overdue ? t('backup.reminder') : t('backup.reminderCompact')} {persistence} {last}
      </p>
      <p>
        <button type="button" onClick={run} disabled={state.kind === 'working'}>
          {t('backup.backupNow')}
        </button>{' '}
        <a href={routeHref({ name: 'backup' })}>{t('backup.manage')}</a>
      </p>
      <BackupStateText state={state} />
    </section>
  );
}
