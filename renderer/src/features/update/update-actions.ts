import type { AppUpdates } from '../../platform/updates';

/** Why "Update now" (or "Reload") did not go ahead. */
export type UpdateBlocked =
  /** An answer could not be written: updating would reload the page and lose it. */
  | { readonly reason: 'unsaved'; readonly detail: string }
  /** The waiting version went away meanwhile (another tab took it). */
  | { readonly reason: 'noUpdate'; readonly detail: string };

export type UpdateAttempt = { readonly kind: 'started' } | ({ readonly kind: 'blocked' } & UpdateBlocked);

const detailOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * "Update now": writes every pending answer first and only then lets the new version take over.
 * If the write fails nothing is updated (the reason is returned for the person); the same flush
 * runs again just before the reload, for whatever was typed in between.
 */
export async function updateNow(updates: Pick<AppUpdates, 'apply'>, flush: () => Promise<void>): Promise<UpdateAttempt> {
  try {
    await flush();
  } catch (error) {
    return { kind: 'blocked', reason: 'unsaved', detail: detailOf(error) };
  }
  try {
    await updates.apply({ beforeReload: flush });
  } catch (error) {
    return { kind: 'blocked', reason: 'noUpdate', detail: detailOf(error) };
  }
  return { kind: 'started' };
}

/** "Reload" once a new version is active: the same rule, pending answers are written first. */
export async function reloadNow(updates: Pick<AppUpdates, 'reload'>, flush: () => Promise<void>): Promise<UpdateAttempt> {
  try {
    await flush();
  } catch (error) {
    return { kind: 'blocked', reason: 'unsaved', detail: detailOf(error) };
  }
  updates.reload();
  return { kind: 'started' };
}
