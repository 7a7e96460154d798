import { useCallback, useState, useSyncExternalStore } from 'react';
import { flushAllAutosaves } from '../answering/autosave';
import type { AppUpdates, UpdateStatus } from '../../platform/updates';
import type { UpdateBlocked } from './update-actions';
import { reloadNow, updateNow } from './update-actions';

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

/** The status and the two actions, each saving pending answers first (see update-actions.ts). */
export function useUpdateActions(updates: AppUpdates, flush: () => Promise<void> = flushAllAutosaves): UpdateActions {
  const status = useUpdateStatus(updates);
  const [blocked, setBlocked] = useState<UpdateBlocked | undefined>();
  const settle = useCallback((attempt: Promise<Awaited<ReturnType<typeof updateNow>>>) => {
    setBlocked(undefined);
    void attempt.then((result) => {
      setBlocked(result.kind === 'blocked' ? result : undefined);
    });
  }, []);
  const update = useCallback(() => { settle(updateNow(updates, flush)); }, [flush, settle, updates]);
  const reload = useCallback(() => { settle(reloadNow(updates, flush)); }, [flush, settle, updates]);
  return { status, blocked, update, reload };
}

/** The i18n key that describes a status on the About screen. */
export function updateStatusKey(mode: AppUpdates['mode'], status: UpdateStatus): string {
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
      return 'update.status.ready';
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
