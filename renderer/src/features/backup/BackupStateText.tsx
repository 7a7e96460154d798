import { useTranslation } from 'react-i18next';
import { ErrorText } from './backup-errors';
import type { BackupState } from './use-backup';

/** What the last click on "Back up now" did; shared with the home screen's reminder. */
export function BackupStateText({ state }: { readonly state: BackupState }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status">
        {state.kind === 'working' && <p>{t(`backup.backingUp.${state.stage}`)}</p>}
        {state.kind === 'saved' && <p>{t('backup.backupSaved', { file: state.fileName })}</p>}
        {state.kind === 'downloaded' && <p>{t('backup.backupDownloaded', { file: state.fileName })}</p>}
        {state.kind === 'cancelled' && <p>{t('backup.backupCancelled')}</p>}
      </div>
      {state.kind === 'failed' && (
        <div role="alert" className="field-error">
          <p>{t('backup.backupFailed')}</p>
          <ErrorText error={state.error} />
        </div>
      )}
    </>
  );
}
