import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { AnswersRepository } from '../../../renderer/src/db/repositories/answers';
import { ResponsesRepository } from '../../../renderer/src/db/repositories/responses';
import { AnswerStore } from '../../../renderer/src/features/answering/answer-store';
import { Autosave, AUTOSAVE_WINDOW_MS } from '../../../renderer/src/features/answering/autosave';
import type { SaveState } from '../../../renderer/src/features/answering/autosave';
import { freshDatabase } from '../../helpers/fake-db';

const respondent = { kind: 'country' as const, place: 'Kenya', organisation: 'ICT Authority', focalPointName: 'Wanjiru', focalPointEmail: 'w@example.ke' };

let db: EgovDeskDatabase;
let responseId: string;
let answers: AnswersRepository;

beforeEach(async () => {
  db = freshDatabase();
  answers = new AnswersRepository(db);
  responseId = (await new ResponsesRepository(db).create({ questionnaireId: 'q', questionnaireVersion: '1', questionnaireHash: 'sha256:test', respondent, totalQuestions: 3 })).id;
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

function autosave(states: SaveState[], write = (changes: ReadonlyMap<string, AnswerValue | undefined>) => answers.save(responseId, changes, { answered: changes.size, total: 3 })) {
  return new Autosave(write, { onState: (s) => states.push(s), retryMs: 50 });
}

describe('Autosave', () => {
  it('writes within the window of a change, coalescing the keystrokes made meanwhile into one write', async () => {
    expect(AUTOSAVE_WINDOW_MS).toBeLessThanOrEqual(25);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const states: SaveState[] = [];
    const write = vi.fn((changes: ReadonlyMap<string, AnswerValue | undefined>) => answers.save(responseId, changes, { answered: 1, total: 3 }));
    const saver = autosave(states, write);
    const step = Math.floor((AUTOSAVE_WINDOW_MS - 1) / 3);
    for (const text of ['h', 'he', 'hel']) {
      saver.queue('A.1', text);
      await vi.advanceTimersByTimeAsync(step);
    }
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_WINDOW_MS - 3 * step);
    expect(write).toHaveBeenCalledTimes(1);
    expect(write.mock.calls[0]?.[0]).toEqual(new Map([['A.1', 'hel']]));
    vi.useRealTimers();
    await saver.flush();
    expect((await answers.load(responseId)).get('A.1')).toBe('hel');
    expect(states.at(-1)?.kind).toBe('saved');
  });

  it('never holds a change back while someone keeps typing: each write starts within the window of its first change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const write = vi.fn((changes: ReadonlyMap<string, AnswerValue | undefined>) => answers.save(responseId, changes, { answered: 1, total: 3 }));
    const saver = autosave([], write);
    // A key every 4 ms for 80 ms: a debounce would write nothing until the typing stops.
    let text = '';
    for (let key = 0; key < 20; key++) {
      text += 'x';
      saver.queue('A.1', text);
      await vi.advanceTimersByTimeAsync(4);
    }
    // A debounce would have written nothing yet; each window plus its write gives several.
    expect(write.mock.calls.length).toBeGreaterThanOrEqual(4);
    vi.useRealTimers();
    await saver.flush();
    expect((await answers.load(responseId)).get('A.1')).toBe('x'.repeat(20));
  });

  it('flush writes at once, without waiting for the debounce', async () => {
    const states: SaveState[] = [];
    const saver = autosave(states);
    saver.queue('A.1', 'yes');
    saver.queue('A.2', 2024);
    await saver.flush();
    expect(await answers.load(responseId)).toEqual(new Map<string, AnswerValue>([['A.1', 'yes'], ['A.2', 2024]]));
    expect(saver.hasPending).toBe(false);
    saver.dispose();
  });

  it('keeps a failed batch and retries it, without overwriting a newer value', async () => {
    const states: SaveState[] = [];
    let fail = true;
    const saver = autosave(states, (changes) => {
      if (fail) return Promise.reject(new Error('disk full'));
      return answers.save(responseId, changes, { answered: 2, total: 3 });
    });
    saver.queue('A.1', 'first');
    saver.queue('A.2', 'kept');
    await saver.flush();
    expect(states.at(-1)).toEqual({ kind: 'error', message: 'disk full' });
    saver.queue('A.1', 'newer');
    fail = false;
    await saver.flush();
    expect(await answers.load(responseId)).toEqual(new Map<string, AnswerValue>([['A.1', 'newer'], ['A.2', 'kept']]));
    expect(states.at(-1)?.kind).toBe('saved');
    saver.dispose();
  });

  it('serialises writes: a flush during a write waits for it, and nothing is written twice out of order', async () => {
    const order: string[] = [];
    const saver = autosave([], async (changes) => {
      order.push([...changes.values()].map((v) => JSON.stringify(v)).join(','));
      await new Promise((resolve) => setTimeout(resolve, 20));
      return answers.save(responseId, changes, { answered: 1, total: 3 });
    });
    saver.queue('A.1', 'one');
    const first = saver.flush();
    saver.queue('A.1', 'two');
    await Promise.all([first, saver.flush()]);
    expect(order).toEqual(['"one"', '"two"']);
    expect((await answers.load(responseId)).get('A.1')).toBe('two');
    saver.dispose();
  });
});

describe('AnswerStore', () => {
  it('notifies the listeners of the changed question only, and every-change listeners', () => {
    const store = new AnswerStore(new Map([['A.1', 'yes']]));
    const a1 = vi.fn();
    const a2 = vi.fn();
    const all = vi.fn();
    store.subscribe('A.1', a1);
    store.subscribe('A.2', a2);
    store.subscribeAll(all);
    const before = store.snapshot();
    store.set('A.1', 'no');
    expect(a1).toHaveBeenCalledTimes(1);
    expect(a2).not.toHaveBeenCalled();
    expect(all).toHaveBeenCalledTimes(1);
    expect(before.get('A.1')).toBe('yes');
    expect(store.snapshot().get('A.1')).toBe('no');
  });

  it('treats blank text and empty selections as no answer', () => {
    const store = new AnswerStore(new Map<string, AnswerValue>([['A.1', 'text'], ['B.1', ['web']]]));
    expect(store.set('A.1', '  ')).toBeUndefined();
    expect(store.set('B.1', [])).toBeUndefined();
    expect(store.snapshot().size).toBe(0);
  });
});

describe('abandonAllAutosaves (a backup was restored in another window)', () => {
  it('drops what is not yet written, writes nothing more, and never retries a batch that fails afterwards', async () => {
    vi.resetModules();
    const { Autosave: FreshAutosave, abandonAllAutosaves, flushAllAutosaves } = await import('../../../renderer/src/features/answering/autosave');
    let failNext = true;
    let releaseFailing: () => void = () => undefined;
    const written: string[] = [];
    const write = vi.fn((changes: ReadonlyMap<string, AnswerValue | undefined>) => {
      if (failNext) {
        failNext = false;
        // A write under way when the restore is heard, which then fails.
        return new Promise<number>((_resolve, reject) => {
          releaseFailing = () => { reject(new Error('disk full')); };
        });
      }
      written.push(...changes.keys());
      return Promise.resolve(Date.now());
    });
    const states: SaveState[] = [];
    const saver = new FreshAutosave(write, { onState: (s) => states.push(s), retryMs: 5 });
    saver.queue('A.1', 'under way');
    const underWay = saver.flush();
    saver.queue('A.2', 'typed before the restore');
    abandonAllAutosaves();
    // Never "saved": the indicator says the change was not kept.
    expect(states.at(-1)).toEqual({ kind: 'discarded' });
    releaseFailing();
    await underWay;
    saver.queue('A.3', 'typed while the page reloads');
    expect(states.at(-1)).toEqual({ kind: 'discarded' });
    await saver.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Only the first, failed write was ever attempted: nothing retried, nothing written after.
    expect(write).toHaveBeenCalledTimes(1);
    expect(written).toEqual([]);
    expect(saver.hasPending).toBe(false);
    await expect(flushAllAutosaves()).resolves.toBeUndefined();
  });
});
