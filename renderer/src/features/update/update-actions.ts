import { PendingWriteError, settlePendingWrites, unsavedDrafts } from '../../app/pending-work';
import type { AppUpdates, UpdateStatus } from '../../platform/updates';
import { NoUpdateWaitingError } from '../../platform/updates';
import { UnsavedAnswersError, flushAllAutosaves } from '../answering/autosave';

/** Why "Update now" (or "Reload") did not go ahead; every message is an i18n key, never a raw error text. */
export type UpdateBlocked =
  /** Something could not be written: updating would reload the page and lose it. `key` says what. */
  | { readonly reason: 'unsaved'; readonly key: string }
  /** A form holds typed content that only its own button stores: `labels` are their i18n keys. */
  | { readonly reason: 'draft'; readonly labels: readonly string[] }
  /** The waiting version went away meanwhile (another tab took it). */
  | { readonly reason: 'noUpdate' };

export type UpdateAttempt = { readonly kind: 'started' } | ({ readonly kind: 'blocked' } & UpdateBlocked);

/** What a failed save means for the person, as an `update.*` i18n key. */
export function unsavedKey(error: unknown): string {
  if (error instanceof UnsavedAnswersError) return 'update.blockedUnsaved';
  if (error instanceof PendingWriteError) return 'update.blockedWrite';
  if (error instanceof Error && error.name === 'QuotaExceededError') return 'update.blockedQuota';
  return 'update.blockedSaveFailed';
}

/**
 * Writes everything a reload would lose: every pending answer (autosave), then every other save
 * already under way (review notes and the like, app/pending-work.ts).
 */
export async function saveEverything(): Promise<void> {
  await flushAllAutosaves();
  await settlePendingWrites();
}

/** A draft form was opened between "Update now" and the reload: reloading would lose what it holds. */
export class DraftOpenError extends Error {
  constructor(readonly labels: readonly string[]) {
    super(`A form with unsaved content is open: ${labels.join(', ')}`);
    this.name = 'DraftOpenError';
  }
}

/** Refuses while a draft form is open (nothing can save it on the person's behalf). */
function draftBlock(drafts: () => readonly string[]): UpdateAttempt | undefined {
  const labels = drafts();
  return labels.length > 0 ? { kind: 'blocked', reason: 'draft', labels } : undefined;
}

/**
 * "Update now": refuses while a draft form is open, writes every pending change first, and only
 * then lets the new version take over. If a write fails nothing is updated (the reason is returned
 * for the person); just before the reload the drafts are checked again and the same flush runs, for
 * whatever was opened or typed in between (the new version takes over within moments, but a form can
 * be opened meanwhile). If either stops it, the page stays and says a reload is needed.
 */
export async function updateNow(updates: Pick<AppUpdates, 'apply'>, flush: () => Promise<void>, drafts: () => readonly string[] = unsavedDrafts): Promise<UpdateAttempt> {
  const open = draftBlock(drafts);
  if (open) return open;
  try {
    await flush();
  } catch (error) {
    return { kind: 'blocked', reason: 'unsaved', key: unsavedKey(error) };
  }
  try {
    await updates.apply({
      beforeReload: async () => {
        const labels = drafts();
        if (labels.length > 0) throw new DraftOpenError(labels);
        await flush();
      },
    });
  } catch (error) {
    if (error instanceof NoUpdateWaitingError) return { kind: 'blocked', reason: 'noUpdate' };
    throw error;
  }
  return { kind: 'started' };
}

/**
 * "Reload" once a newer version is in use: the same rules, pending changes are written first. When
 * another tab upgraded the stored data (`storage`), this tab's database is already closed after
 * writing what it had: nothing more can be saved here, so a failed flush does not stop the reload
 * (staying would not save it either), but an open draft form still does.
 */
export async function reloadNow(updates: Pick<AppUpdates, 'reload'>, flush: () => Promise<void>, status?: UpdateStatus, drafts: () => readonly string[] = unsavedDrafts): Promise<UpdateAttempt> {
  const open = draftBlock(drafts);
  if (open) return open;
  const storageClosed = status?.kind === 'reloadNeeded' && status.cause === 'storage';
  try {
    await flush();
  } catch (error) {
    if (!storageClosed) return { kind: 'blocked', reason: 'unsaved', key: unsavedKey(error) };
  }
  updates.reload();
  return { kind: 'started' };
}
