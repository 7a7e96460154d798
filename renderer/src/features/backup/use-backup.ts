import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LAST_BACKUP_SETTING } from '../../../../shared/backup/rows';
import { useSetting } from '../../db';
import { platform } from '../../platform';
import { lastBackup as parseLastBackup } from './backup-model';
import type { LastBackup } from './backup-model';
import { requestPersistenceOnce, storageStatus } from './storage-persistence';
import type { StorageStatus } from './storage-persistence';

export type BackupState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly stage: 'reading' | 'checking' | 'saving' }
  | { readonly kind: 'saved' | 'downloaded'; readonly fileName: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: unknown };

/** The one-click backup, shared by the backup screen and the home screen's reminder. */
export function useBackupNow(): { readonly state: BackupState; readonly run: () => void; readonly lastBackup: LastBackup | undefined; readonly now: number } {
  const { t } = useTranslation();
  const [state, setState] = useState<BackupState>({ kind: 'idle' });
  // "Now" for "3 days ago": read when the screen opens and after each backup, not on every render.
  const [now, setNow] = useState(() => Date.now());
  const last = parseLastBackup(useSetting(LAST_BACKUP_SETTING), platform().kind === 'web' ? 'downloaded' : 'saved');
  const run = () => {
    setState({ kind: 'working', stage: 'reading' });
    // The builder and its read-back check load on the first backup, not with the first screen.
    import('./backup-actions')
      .then(({ makeBackup }) => makeBackup({ title: t('backup.saveTitle'), filterName: t('backup.fileType') }, { onStage: (stage) => { setState({ kind: 'working', stage }); } }))
      .then(
        (outcome) => {
          setNow(Date.now());
          setState(outcome.how === 'cancelled' ? { kind: 'cancelled' } : { kind: outcome.how, fileName: outcome.fileName });
        },
        (error: unknown) => {
          setState({ kind: 'failed', error });
        },
      );
  };
  return { state, run, lastBackup: last, now };
}

/**
 * Whether storage is persistent (after the start-up request has answered) and how much is used.
 * `refresh` asks again, for the button that requests persistence on the person's click.
 */
export function useStorageStatus(): { readonly status: StorageStatus | undefined; readonly refresh: () => void } {
  const [status, setStatus] = useState<StorageStatus | undefined>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void requestPersistenceOnce()
      .then(() => storageStatus())
      .then((next) => {
        if (!cancelled) setStatus(next);
      });
    return () => {
      cancelled = true;
    };
  }, [generation]);
  return { status, refresh: () => { setGeneration((n) => n + 1); } };
}
