import { useTranslation } from 'react-i18next';
import type { BackupState } from './use-backup';

/** What the last click on "Back up now" did; shared with the home screen's reminder. */
export function BackupStateText({ state }: { readonly state: BackupState }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      {state.kind === 'working' && <p>{t('backup.backingUp')}</p>}
      {state.kind === 'saved' && <p>{t('backup.backupSaved', { file: state.fileName })}</p>}
      {state.kind === 'cancelled' && <p>{t('backup.backupCancelled')}</p>}
      {state.kind === 'failed' && (
        <p className="field-error">
          {t('backup.backupFailed')} {t('backup.detail', { detail: state.detail })}
        </p>
      )}
    </div>
  );
}
