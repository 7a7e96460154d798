import { useEffect, useState } from 'react';
import { LAST_BACKUP_SETTING } from '../../../../shared/backup/rows';
import { useSetting } from '../../db';
import { lastBackupTime, makeBackup } from './backup-actions';
import { requestPersistenceOnce, storageStatus } from './storage-persistence';
import type { StorageStatus } from './storage-persistence';

export type BackupState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'saved'; readonly fileName: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly detail: string };

/** The one-click backup, shared by the backup screen and the home screen's reminder. */
export function useBackupNow(): { readonly state: BackupState; readonly run: () => void; readonly lastBackup: number | undefined; readonly now: number } {
  const [state, setState] = useState<BackupState>({ kind: 'idle' });
  // "Now" for "3 days ago": read when the screen opens and after each backup, not on every render.
  const [now, setNow] = useState(() => Date.now());
  const lastBackup = lastBackupTime(useSetting(LAST_BACKUP_SETTING));
  const run = () => {
    setState({ kind: 'working' });
    makeBackup().then(
      (outcome) => {
        setNow(Date.now());
        setState(outcome.saved ? { kind: 'saved', fileName: outcome.fileName ?? '' } : { kind: 'cancelled' });
      },
      (error: unknown) => {
        setState({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) });
      },
    );
  };
  return { state, run, lastBackup, now };
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
