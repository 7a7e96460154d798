import { afterEach, describe, expect, it, vi } from 'vitest';
import { PendingWriteError, registerDraft, settlePendingWrites, trackWrite, unsavedDrafts } from '../../../renderer/src/app/pending-work';
import type { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { freshDatabase } from '../../helpers/fake-db';

/** A promise settled from outside. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('pending writes', () => {
  it('waits for every tracked write, including one started while waiting', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const returned = trackWrite(first.promise);
    expect(returned).toBe(first.promise);
    let settled = false;
    const waiting = settlePendingWrites().then(() => {
      settled = true;
    });
    void trackWrite(second.promise);
    first.resolve('note saved');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    second.resolve('comment saved');
    await waiting;
    expect(settled).toBe(true);
  });

  it('rejects with PendingWriteError when a write it waited for failed, and forgets it afterwards', async () => {
    const failing = deferred<undefined>();
    trackWrite(failing.promise).catch(() => undefined);
    const waiting = settlePendingWrites();
    failing.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(waiting).rejects.toBeInstanceOf(PendingWriteError);
    await expect(settlePendingWrites()).resolves.toBeUndefined();
  });

  it('resolves at once when nothing is pending', async () => {
    await expect(settlePendingWrites()).resolves.toBeUndefined();
  });
});

describe('dirty draft forms', () => {
  it('lists each open kind once while registered, and nothing once unregistered', () => {
    const evidence = registerDraft('update.draft.evidence');
    const anotherEvidence = registerDraft('update.draft.evidence');
    const identity = registerDraft('update.draft.identity');
    expect(unsavedDrafts()).toStrictEqual(['update.draft.evidence', 'update.draft.identity']);
    evidence();
    expect(unsavedDrafts()).toStrictEqual(['update.draft.evidence', 'update.draft.identity']);
    anotherEvidence();
    identity();
    expect(unsavedDrafts()).toStrictEqual([]);
  });
});

describe('a newer version upgrades the database from another tab (versionchange)', () => {
  let db: EgovDeskDatabase | undefined;
  afterEach(async () => {
    await db?.delete().catch(() => undefined);
  });

  it('writes what this tab holds, closes for good, then asks for a reload; the upgrade then proceeds', async () => {
    db = freshDatabase();
    const open = db;
    await open.open();
    const order: string[] = [];
    const stop = open.onUpgradedElsewhere(
      async () => {
        // Still open while saving: the last pending write goes through.
        await open.settings.put({ key: 'last-write', value: 'saved before closing' });
        order.push('saved');
      },
      (saved) => {
        order.push(saved ? 'reload needed, all saved' : 'reload needed, not saved');
      },
    );
    const upgraded = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(open.name, open.verno * 10 + 10);
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('open failed'));
      };
    });
    const newer = await upgraded;
    expect(order).toStrictEqual(['saved', 'reload needed, all saved']);
    expect(open.isOpen()).toBe(false);
    // Never reopened behind the person's back (it would fail against the newer schema forever).
    await expect(open.settings.get('last-write')).rejects.toThrow();
    // The write made before closing is in the upgraded database.
    const stored = await new Promise<unknown>((resolve, reject) => {
      const request = newer.transaction('settings').objectStore('settings').get('last-write');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('read failed'));
      };
    });
    expect(stored).toMatchObject({ value: 'saved before closing' });
    newer.close();
    stop();
  });

  it('closes even when the last save fails, so the other tab never waits forever, and says the save failed', async () => {
    db = freshDatabase();
    const open = db;
    await open.open();
    const afterClose = vi.fn();
    open.onUpgradedElsewhere(() => Promise.reject(new Error('QuotaExceededError')), afterClose);
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(open.name, open.verno * 10 + 10);
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('open failed'));
      };
    });
    expect(afterClose).toHaveBeenCalledExactlyOnceWith(false);
    expect(open.isOpen()).toBe(false);
    newer.close();
  });
});
