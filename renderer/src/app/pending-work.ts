import { useEffect } from 'react';

/**
 * Work that a reload would lose, in one place, so that an app update (features/update) can wait
 * for it or refuse to go ahead:
 *   - pending WRITES: a save already started (a review note written on blur, …). `trackWrite`
 *     registers its promise until it settles; `settlePendingWrites` waits for all of them.
 *   - dirty DRAFTS: a form with typed content that is not stored until the person submits it (an
 *     evidence link being added, a new identity, …). Nothing can save those on the person's behalf,
 *     so while one is open the update is refused with its name ("You have an unsaved evidence link").
 * Answers have their own autosave (features/answering/autosave.ts, flushAllAutosaves).
 */

const writes = new Set<Promise<unknown>>();
/** Each open dirty draft, by a token per form instance, with the i18n key that names it. */
const drafts = new Map<symbol, string>();

/** A save that was started before the update could not be completed. */
export class PendingWriteError extends Error {
  constructor(readonly causes: readonly unknown[]) {
    super(`${String(causes.length)} pending save(s) failed before the update.`);
    this.name = 'PendingWriteError';
  }
}

/**
 * Registers a write until it settles, and returns it (so `await trackWrite(save())` reads as usual;
 * the caller still reports its failure to the person).
 */
export function trackWrite<T>(write: Promise<T>): Promise<T> {
  writes.add(write);
  const forget = () => {
    writes.delete(write);
  };
  write.then(forget, forget);
  return write;
}

/**
 * Waits until every write pending now, and any registered while waiting, has settled. Rejects with
 * PendingWriteError when one of them failed (what it was saving may not be stored).
 */
export async function settlePendingWrites(): Promise<void> {
  const causes: unknown[] = [];
  while (writes.size > 0) {
    const results = await Promise.allSettled([...writes]);
    for (const result of results) if (result.status === 'rejected') causes.push(result.reason);
  }
  if (causes.length > 0) throw new PendingWriteError(causes);
}

/** The i18n keys naming every dirty draft form open now (each kind once, in the order opened). */
export function unsavedDrafts(): string[] {
  return [...new Set(drafts.values())];
}

/** Registers a draft form as dirty; returns the function that unregisters it. */
export function registerDraft(labelKey: string): () => void {
  const token = Symbol(labelKey);
  drafts.set(token, labelKey);
  return () => {
    drafts.delete(token);
  };
}

/**
 * For a form whose content is stored only when submitted: registered while `isDirty`, so an update
 * or reload is refused, naming `labelKey` (an `update.draft.*` key), until it is submitted or discarded.
 */
export function useUnsavedDraft(isDirty: boolean, labelKey: string): void {
  useEffect(() => (isDirty ? registerDraft(labelKey) : undefined), [isDirty, labelKey]);
}
