import { useTranslation } from 'react-i18next';
import { MAX_BACKUP_BYTES } from '../../../../shared/backup/file';
import { AppError } from '../../../../shared/errors';
import { RestoreChangedError } from '../../db';
import { BackupTooLargeError, BackupUnreadableError, formatBytes } from './backup-model';

/**
 * A failed backup or restore in the person's language. Known failures have their own sentence;
 * anything else says what was and was not done, with the technical message (as the browser or the
 * system gave it) folded away under "Technical details" for whoever helps them.
 */
export function ErrorText({ error }: { readonly error: unknown }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const limit = formatBytes(MAX_BACKUP_BYTES, language);
  if (error instanceof BackupTooLargeError) return <p>{t('backup.error.tooLarge', { size: formatBytes(error.bytes, language), limit })}</p>;
  if (error instanceof BackupUnreadableError) {
    return (
      <>
        <p>{t('backup.error.unreadable', { reason: t(`backup.problem.${error.problem}`) })}</p>
        {error.where !== undefined && <p className="meta">{t('backup.where', { where: error.where })}</p>}
      </>
    );
  }
  if (error instanceof RestoreChangedError) return <p>{t('backup.changed')}</p>;
  const code = error instanceof AppError ? error.code : undefined;
  const name = error instanceof Error ? error.name : undefined;
  let text: string;
  if (code === 'FILE_TOO_LARGE') text = t('backup.error.fileTooLarge', { limit });
  else if (code === 'FILE_UNREADABLE') text = t('backup.error.fileUnreadable');
  else if (name === 'QuotaExceededError') text = t('backup.error.quota');
  else text = t('backup.error.unexpected');
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <>
      <p>{text}</p>
      {code !== 'FILE_TOO_LARGE' && detail !== '' && (
        <details>
          <summary>{t('backup.technicalDetails')}</summary>
          <p className="meta">{detail}</p>
        </details>
      )}
    </>
  );
}
