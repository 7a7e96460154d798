import { useCallback, useState, useSyncExternalStore } from 'react';
import type { AppUpdates, UpdateStatus } from '../../platform/updates';
import type { UpdateAttempt, UpdateBlocked } from './update-actions';
import { reloadNow, saveEverything, updateNow } from './update-actions';

export function useUpdateStatus(updates: AppUpdates): UpdateStatus {
  return useSyncExternalStore(
    (listener) => updates.subscribe(listener),
    () => updates.status(),
  );
}

export interface UpdateActions {
  readonly status: UpdateStatus;
  /** Why the last "Update now" / "Reload" did not go ahead, until the next attempt. */
  readonly blocked: UpdateBlocked | undefined;
  readonly update: () => void;
  readonly reload: () => void;
}

/** The status and the two actions, each saving pending work first (see update-actions.ts). */
export function useUpdateActions(updates: AppUpdates, flush: () => Promise<void> = saveEverything): UpdateActions {
  const status = useUpdateStatus(updates);
  const [blocked, setBlocked] = useState<UpdateBlocked | undefined>();
  const settle = useCallback((attempt: Promise<UpdateAttempt>) => {
    setBlocked(undefined);
    attempt.then(
      (result) => {
        setBlocked(result.kind === 'blocked' ? result : undefined);
      },
      // An unexpected failure (not a save, not a missing version): said as a failed save, never silently.
      () => {
        setBlocked({ reason: 'unsaved', key: 'update.blockedSaveFailed' });
      },
    );
  }, []);
  const update = useCallback(() => { settle(updateNow(updates, flush)); }, [flush, settle, updates]);
  const reload = useCallback(() => { settle(reloadNow(updates, flush, updates.status())); }, [flush, settle, updates]);
  return { status, blocked, update, reload };
}

/** The i18n key that describes a status on the About screen. */
export function updateStatusKey(mode: AppUpdates['mode'], status: UpdateStatus): string {
  if (status.kind === 'reloadNeeded' && status.cause === 'storage') return 'update.status.storageUpgraded';
  if (mode === 'installer') return 'update.installer';
  if (mode === 'unavailable') return 'update.unavailable';
  switch (status.kind) {
    case 'idle':
      return 'update.status.idle';
    case 'checking':
      return 'update.status.checking';
    case 'current':
      return 'update.status.current';
    case 'ready':
      return status.takeoverFailed ? 'update.status.takeoverFailed' : 'update.status.ready';
    case 'offline':
      return 'update.status.offline';
    case 'applying':
      return 'update.status.applying';
    case 'reloadNeeded':
      return 'update.status.reloadNeeded';
    case 'failed':
      return `update.status.failed.${status.reason}`;
  }
}

/** The i18n key for why an update was blocked, with its interpolation values. */
export function blockedMessage(blocked: UpdateBlocked, t: (key: string) => string): string {
  switch (blocked.reason) {
    case 'unsaved':
      return t(blocked.key);
    case 'noUpdate':
      return t('update.blockedNoUpdate');
    case 'draft':
      return blocked.labels.map((label) => t(label)).join(' ');
  }
}
