import { describe, expect, it, vi } from 'vitest';
import { loadBundledQuestionnaires } from '../../../questionnaires';
import { contentHash } from '../../../shared/crypto/hash';
import { announceRestore, listenFromStart, reloadOnRestoreElsewhere, restoreHeardFromStart } from '../../../renderer/src/app/data-broadcast';
import { realChannels } from '../../helpers/broadcast-channels';
import { storage } from '../../../renderer/src/db';
import { discardPrefetchedResponse, prefetchResponse, takePrefetchedResponse } from '../../../renderer/src/features/answering/response-load';
import type { LoadedResponse } from '../../../renderer/src/features/answering/response-load';

/**
 * Issue 10 review, items 2 and 3, and the start-up race: the response read while the app starts is
 * for the first answer screen only (a copy left in memory goes stale), a slow read is handed over
 * while still under way, and a restore announced by another tab during start-up is not missed.
 */

async function newResponse(): Promise<string> {
  const bundled = (await loadBundledQuestionnaires()).definitions.find((d) => d.definition.id === 'test-all-types');
  if (!bundled) throw new Error('test-all-types is not bundled');
  const row = await storage().responses.create({
    questionnaireId: 'test-all-types',
    questionnaireVersion: bundled.definition.version,
    questionnaireHash: await contentHash(bundled.json),
    respondent: { kind: 'country', place: 'Estonia', organisation: 'RIA', focalPointName: 'Kai', focalPointEmail: 'kai@example.ee' },
    totalQuestions: 16,
  });
  return row.id;
}

const answerOf = (loaded: LoadedResponse | undefined, id: string) => (loaded?.kind === 'ready' ? loaded.store.get(id) : 'not ready');
const progress = { answered: 1, total: 16 };

describe('the response read at start-up', () => {
  it('goes to the first answer screen that asks for it, once', async () => {
    const id = await newResponse();
    await storage().answers.save(id, new Map([['A.1', 'https://old.example']]), progress);
    await prefetchResponse(id);
    const taken = takePrefetchedResponse(id);
    expect(taken?.kind).toBe('done');
    expect(answerOf(taken?.kind === 'done' ? taken.result : undefined, 'A.1')).toBe('https://old.example');
    expect(takePrefetchedResponse(id)).toBeUndefined();
  });

  it('is dropped by the first take, whatever response that screen shows: a later visit never gets the old copy', async () => {
    const id = await newResponse();
    await storage().answers.save(id, new Map([['A.1', 'https://old.example']]), progress);
    await prefetchResponse(id);
    // The person opened another response first ...
    expect(takePrefetchedResponse('another-response')).toBeUndefined();
    // ... meanwhile another tab (or a restore) changed this one ...
    await storage().answers.save(id, new Map([['A.1', 'https://new.example']]), progress);
    // ... so coming back must read it again, not show (and autosave over) the start-up copy.
    expect(takePrefetchedResponse(id)).toBeUndefined();
  });

  it('is dropped when main.tsx discards it (the first render is on screen, the address changed, a restore was heard)', async () => {
    const id = await newResponse();
    await prefetchResponse(id);
    discardPrefetchedResponse();
    expect(takePrefetchedResponse(id)).toBeUndefined();
  });

  it('is handed over while still under way when the screen asks before it finished', async () => {
    const id = await newResponse();
    await storage().answers.save(id, new Map([['A.1', 'https://slow.example']]), progress);
    const done = prefetchResponse(id);
    const taken = takePrefetchedResponse(id);
    expect(taken?.kind).toBe('pending');
    const result = taken?.kind === 'pending' ? await taken.pending : undefined;
    expect(answerOf(result, 'A.1')).toBe('https://slow.example');
    await done;
    expect(takePrefetchedResponse(id)).toBeUndefined();
  });
});

describe('a restore in another tab during start-up', () => {
  const { factory: realChannel, closeAll, settle } = realChannels();

  it('heard before App listens still shows the notice and reloads once App starts listening', async () => {
    const discarded = vi.fn();
    // main.tsx, before reading anything.
    listenFromStart(discarded, realChannel, 'this-page');
    expect(restoreHeardFromStart()).toBe(false);
    listenFromStart(discarded, realChannel, 'this-page');
    announceRestore(realChannel, 'other-page');
    await settle();
    expect(discarded).toHaveBeenCalledTimes(1);

    // App mounts after the first render: its listener reloads at once for what was heard before.
    const notify = vi.fn();
    const reload = vi.fn();
    const stop = reloadOnRestoreElsewhere({ factory: realChannel, notify, reload, delayMs: 10 });
    expect(notify).toHaveBeenCalledTimes(1);
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
    stop();
    // React's StrictMode runs the effect twice: the second listener reloads too (the flag stays set).
    const again = reloadOnRestoreElsewhere({ factory: realChannel, notify, reload, delayMs: 10 });
    await settle();
    expect(reload).toHaveBeenCalledTimes(2);
    again();
    closeAll();
  });

  it('nothing heard: App\'s listener does not reload', async () => {
    const reload = vi.fn();
    const stop = reloadOnRestoreElsewhere({ factory: realChannel, notify: vi.fn(), reload, delayMs: 10, heardBefore: () => false });
    await settle();
    expect(reload).not.toHaveBeenCalled();
    stop();
    closeAll();
  });
});
