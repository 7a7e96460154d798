import { useSyncExternalStore } from 'react';
import { AppError } from '../../../shared/errors';

/** A message for the person at the top of the screen (an error they must know about). */
export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  /** i18n key and values; `detail` is the technical reason, shown as-is. */
  readonly key: string;
  readonly detail?: string;
}

let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  listeners.forEach((listener) => { listener(); });
}

export function addNotice(notice: Omit<Notice, 'id'>): void {
  notices = [...notices, { ...notice, id: nextId++ }];
  emit();
}

export function dismissNotice(id: number): void {
  notices = notices.filter((notice) => notice.id !== id);
  emit();
}

/** Reports a failed operation: the app keeps running, and the person learns what went wrong. */
export function reportError(key: string, error: unknown): void {
  const detail = error instanceof AppError || error instanceof Error ? error.message : String(error);
  addNotice({ kind: 'error', key, detail });
}

export function useNotices(): readonly Notice[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notices,
  );
}
