import i18next from 'i18next';
import type { i18n } from 'i18next';
import { createElement } from 'react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { AnswersRepository } from '../../../renderer/src/db/repositories/answers';
import { ResponsesRepository } from '../../../renderer/src/db/repositories/responses';
import { Autosave, UnsavedAnswersError, flushAllAutosaves } from '../../../renderer/src/features/answering/autosave';
import { UpdatePromptView } from '../../../renderer/src/features/update/UpdatePrompt';
import type { UpdatePromptViewProps } from '../../../renderer/src/features/update/UpdatePrompt';
import { PendingWriteError } from '../../../renderer/src/app/pending-work';
import { DraftOpenError, reloadNow, updateNow } from '../../../renderer/src/features/update/update-actions';
import { updateStatusKey } from '../../../renderer/src/features/update/use-updates';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fr } from '../../../renderer/src/i18n/locales/fr';
import { NoUpdateWaitingError, staticUpdates } from '../../../renderer/src/platform/updates';
import type { ApplyOptions, UpdateStatus } from '../../../renderer/src/platform/updates';
import { CHECK_INTERVAL_MS, serviceWorkerUpdates } from '../../../renderer/src/platform/web-updates';
import type { ContainerHandle, RegistrationHandle, UpdateEnvironment, WorkerHandle } from '../../../renderer/src/platform/web-updates';
import { SKIP_WAITING } from '../../../renderer/src/service-worker/offline-cache';
import { freshDatabase } from '../../helpers/fake-db';

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

class FakeWorker implements WorkerHandle {
  readonly messages: unknown[] = [];
  private readonly listeners = new Set<() => void>();
  constructor(public state: string) {}
  postMessage(message: unknown): void {
    this.messages.push(message);
  }
  addEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.delete(listener);
  }
  become(state: string): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}

class FakeRegistration implements RegistrationHandle {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
  /** What the server has: `same` (no new version), `new` (a new worker starts installing), or an error. */
  server: 'same' | 'new' | Error = 'same';
  readonly updateFound = new Set<() => void>();
  update(): Promise<unknown> {
    if (this.server instanceof Error) return Promise.reject(this.server);
    if (this.server === 'new') {
      this.installing = new FakeWorker('installing');
      for (const listener of this.updateFound) listener();
    }
    return Promise.resolve(this);
  }
  addEventListener(_type: 'updatefound', listener: () => void): void {
    this.updateFound.add(listener);
  }
  /** The installing worker finished: waiting (`installed`) or discarded (`redundant`). */
  finishInstall(state: 'installed' | 'redundant'): FakeWorker {
    const worker = this.installing;
    if (!worker) throw new Error('nothing is installing');
    this.installing = null;
    if (state === 'installed') this.waiting = worker;
    worker.become(state);
    return worker;
  }
  /** The waiting worker takes over (first install, or "Update now" in some tab). */
  activateWaiting(): FakeWorker {
    const worker = this.waiting;
    if (!worker) throw new Error('nothing is waiting');
    this.waiting = null;
    this.active = worker;
    worker.become('activating');
    worker.become('activated');
    return worker;
  }
}

class FakeContainer implements ContainerHandle {
  readonly registrations: [string, RegistrationOptions][] = [];
  readonly changeListeners = new Set<() => void>();
  constructor(
    public controller: FakeWorker | null,
    readonly registration: FakeRegistration,
  ) {}
  register(url: string, options: RegistrationOptions): Promise<RegistrationHandle> {
    this.registrations.push([url, options]);
    return Promise.resolve(this.registration);
  }
  addEventListener(_type: 'controllerchange', listener: () => void): void {
    this.changeListeners.add(listener);
  }
  changeController(worker: FakeWorker): void {
    this.controller = worker;
    for (const listener of this.changeListeners) listener();
  }
}

function setup(options: { controlled?: boolean; active?: boolean } = {}) {
  const registration = new FakeRegistration();
  const controller = options.controlled === false ? null : new FakeWorker('activated');
  const container = new FakeContainer(controller, registration);
  registration.active = controller ?? (options.active ? new FakeWorker('activated') : null);
  let online = true;
  let visible: (() => void) | undefined;
  let cameOnline: (() => void) | undefined;
  const intervals: number[] = [];
  const timers: (() => void)[] = [];
  const reload = vi.fn();
  const env: UpdateEnvironment = {
    container,
    isOnline: () => online,
    reload,
    now: () => 42_000,
    onVisible: (listener) => {
      visible = listener;
    },
    onOnline: (listener) => {
      cameOnline = listener;
    },
    every: (ms) => {
      intervals.push(ms);
    },
    later: (_ms, task) => {
      timers.push(task);
    },
    askBuildId: () => Promise.resolve('0123456789abcdef'),
  };
  const updates = serviceWorkerUpdates(env);
  return {
    updates,
    registration,
    container,
    reload,
    intervals,
    timers,
    setOnline: (value: boolean) => {
      online = value;
    },
    showTab: () => visible?.(),
    comeOnline: () => cameOnline?.(),
  };
}

describe('the web app update controller (service worker)', () => {
  it('registers sw.js for the app folder, never from the HTTP cache, and checks on start, when shown and every 30 minutes', async () => {
    const { updates, container, intervals, registration, showTab } = setup();
    const update = vi.spyOn(registration, 'update');
    updates.start();
    updates.start();
    await settle();
    expect(container.registrations).toStrictEqual([['./sw.js', { scope: './', updateViaCache: 'none' }]]);
    expect(intervals).toStrictEqual([CHECK_INTERVAL_MS]);
    expect(update).toHaveBeenCalledTimes(1);
    expect(updates.status()).toStrictEqual({ kind: 'current', checkedAt: 42_000 });
    showTab();
    await settle();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('offers a new version once it is downloaded and waiting, and not before', async () => {
    const { updates, registration } = setup();
    updates.start();
    await settle();
    registration.server = 'new';
    const seen: UpdateStatus[] = [];
    updates.subscribe(() => seen.push(updates.status()));
    const check = updates.check();
    await settle();
    expect(updates.status().kind).toBe('checking');
    registration.finishInstall('installed');
    await check;
    expect(updates.status()).toStrictEqual({ kind: 'ready', id: 1 });
    expect(seen.map((s) => s.kind)).toStrictEqual(['checking', 'ready']);
  });

  it('says offline rather than failing when there is no network, and keeps a waiting version on offer', async () => {
    const { updates, registration, setOnline } = setup();
    updates.start();
    await settle();
    setOnline(false);
    await updates.check();
    expect(updates.status()).toStrictEqual({ kind: 'offline' });
    setOnline(true);
    registration.server = 'new';
    const check = updates.check();
    await settle();
    registration.finishInstall('installed');
    await check;
    setOnline(false);
    await updates.check();
    expect(updates.status()).toStrictEqual({ kind: 'ready', id: 1 });
  });

  it('reports a failed check and a new version that could not be downloaded completely', async () => {
    const { updates, registration } = setup();
    updates.start();
    await settle();
    registration.server = new TypeError('Failed to update a ServiceWorker: bad HTTP response code (500)');
    await updates.check();
    expect(updates.status()).toStrictEqual({ kind: 'failed', reason: 'check', detail: 'Failed to update a ServiceWorker: bad HTTP response code (500)' });
    registration.server = 'new';
    const check = updates.check();
    await settle();
    registration.finishInstall('redundant');
    await check;
    expect(updates.status()).toStrictEqual({ kind: 'failed', reason: 'install' });
  });

  it('"Update now" asks the waiting worker to take over and reloads once, after the last save, when it has', async () => {
    const { updates, registration, container, reload } = setup();
    updates.start();
    await settle();
    registration.server = 'new';
    const check = updates.check();
    await settle();
    const worker = registration.finishInstall('installed');
    await check;
    const order: string[] = [];
    const beforeReload = vi.fn(() => {
      order.push('saved');
      return Promise.resolve();
    });
    reload.mockImplementation(() => order.push('reload'));
    await updates.apply({ beforeReload });
    expect(worker.messages).toStrictEqual([{ type: SKIP_WAITING }]);
    expect(updates.status()).toStrictEqual({ kind: 'applying' });
    // Nothing reloads until the new version controls the page.
    await settle();
    expect(reload).not.toHaveBeenCalled();
    container.changeController(worker);
    container.changeController(worker);
    await settle();
    expect(order).toStrictEqual(['saved', 'reload']);
  });

  it('does not reload when the last save before reloading fails: the tab is told to reload later', async () => {
    const { updates, registration, container, reload } = setup();
    updates.start();
    await settle();
    registration.server = 'new';
    const check = updates.check();
    await settle();
    const worker = registration.finishInstall('installed');
    await check;
    await updates.apply({ beforeReload: () => Promise.reject(new UnsavedAnswersError()) });
    container.changeController(worker);
    await settle();
    expect(reload).not.toHaveBeenCalled();
    expect(updates.status()).toStrictEqual({ kind: 'reloadNeeded', cause: 'version' });
  });

  it('never reloads by itself: a version taken over by another tab only asks for a reload', async () => {
    const { updates, container, reload } = setup();
    updates.start();
    await settle();
    container.changeController(new FakeWorker('activated'));
    await settle();
    expect(reload).not.toHaveBeenCalled();
    expect(updates.status()).toStrictEqual({ kind: 'reloadNeeded', cause: 'version' });
  });

  it('after a hard reload (no controller, a version already active) another tab updating still asks for a reload', async () => {
    const { updates, container } = setup({ controlled: false, active: true });
    updates.start();
    await settle();
    container.changeController(new FakeWorker('activated'));
    expect(updates.status()).toStrictEqual({ kind: 'reloadNeeded', cause: 'version' });
  });

  it('offers no new version on a first visit, while the first worker briefly waits before activating', async () => {
    const { updates, registration, container } = setup({ controlled: false });
    registration.installing = new FakeWorker('installing');
    const seen: string[] = [];
    updates.subscribe(() => seen.push(updates.status().kind));
    updates.start();
    await settle();
    registration.finishInstall('installed');
    for (const listener of registration.updateFound) listener();
    await settle();
    expect(updates.status().kind).not.toBe('ready');
    const first = registration.activateWaiting();
    container.changeController(first);
    await updates.check();
    expect(seen).not.toContain('ready');
    expect(updates.status()).toStrictEqual({ kind: 'current', checkedAt: 42_000 });
  });

  it('withdraws the offer when the waiting version is activated elsewhere, and moves it to a newer waiting one', async () => {
    const { updates, registration, container } = setup();
    updates.start();
    await settle();
    registration.server = 'new';
    let check = updates.check();
    await settle();
    const first = registration.finishInstall('installed');
    await check;
    expect(updates.status()).toStrictEqual({ kind: 'ready', id: 1 });
    // A newer build replaces the waiting one: the old one turns redundant, the offer follows.
    check = updates.check();
    await settle();
    registration.waiting = null;
    first.become('redundant');
    registration.finishInstall('installed');
    await check;
    expect(updates.status()).toStrictEqual({ kind: 'ready', id: 2 });
    // Another tab chose "Update now": no stale offer is left, and this tab is asked to reload.
    const second = registration.activateWaiting();
    expect(updates.status().kind).not.toBe('ready');
    container.changeController(second);
    expect(updates.status()).toStrictEqual({ kind: 'reloadNeeded', cause: 'version' });
  });

  it('checks again when the browser comes back online', async () => {
    const { updates, registration, comeOnline } = setup();
    const update = vi.spyOn(registration, 'update');
    updates.start();
    await settle();
    expect(update).toHaveBeenCalledTimes(1);
    comeOnline();
    await settle();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('asks for a reload, saying why, when another tab upgraded the stored data', () => {
    const { updates } = setup();
    updates.start();
    updates.storageUpgradedElsewhere(true);
    expect(updates.status()).toStrictEqual({ kind: 'reloadNeeded', cause: 'storage', saved: true });
    const desktop = staticUpdates('installer', () => undefined);
    const seen = vi.fn();
    desktop.subscribe(seen);
    desktop.storageUpgradedElsewhere(false);
    expect(desktop.status()).toStrictEqual({ kind: 'reloadNeeded', cause: 'storage', saved: false });
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('treats the first worker taking control of a first visit as nothing new', async () => {
    const { updates, container } = setup({ controlled: false });
    updates.start();
    await settle();
    container.changeController(new FakeWorker('activated'));
    expect(updates.status()).toStrictEqual({ kind: 'current', checkedAt: 42_000 });
  });

  it('refuses "Update now" when no version waits; when the new one does not take over it says so and keeps it on offer', async () => {
    const { updates, registration, timers } = setup();
    updates.start();
    await settle();
    await expect(updates.apply({ beforeReload: () => Promise.resolve() })).rejects.toBeInstanceOf(NoUpdateWaitingError);
    registration.server = 'new';
    const check = updates.check();
    await settle();
    registration.finishInstall('installed');
    await check;
    await updates.apply({ beforeReload: () => Promise.resolve() });
    for (const timer of timers) timer();
    // The failure stays visible (not overwritten by the offer), and the version is still on offer.
    expect(updates.status()).toStrictEqual({ kind: 'ready', id: 1, takeoverFailed: true });
    expect(updateStatusKey('service-worker', updates.status())).toBe('update.status.takeoverFailed');
    registration.server = 'same';
    await updates.check();
    expect(updates.status()).toStrictEqual({ kind: 'ready', id: 1, takeoverFailed: true });
  });

  it('asks the controlling worker for the offline copy build id', async () => {
    const { updates } = setup();
    await expect(updates.buildId()).resolves.toBe('0123456789abcdef');
    await expect(setup({ controlled: false }).updates.buildId()).resolves.toBeUndefined();
  });
});

describe('"Update now" saves first', () => {
  it('flushes every pending answer before the new version may take over, and again before the reload', async () => {
    const order: string[] = [];
    const flush = vi.fn(() => {
      order.push('flush');
      return Promise.resolve();
    });
    let beforeReload: (() => Promise<void>) | undefined;
    const apply = vi.fn((options: ApplyOptions) => {
      order.push('apply');
      beforeReload = options.beforeReload;
      return Promise.resolve();
    });
    await expect(updateNow({ apply }, flush, () => [])).resolves.toStrictEqual({ kind: 'started' });
    expect(order).toStrictEqual(['flush', 'apply']);
    await beforeReload?.();
    expect(order).toStrictEqual(['flush', 'apply', 'flush']);
  });

  it('does not reload when a draft form was opened after "Update now": the page stays and says a reload is needed', async () => {
    let open: string[] = [];
    let beforeReload: (() => Promise<void>) | undefined;
    const flush = vi.fn(() => Promise.resolve());
    const apply = vi.fn((options: ApplyOptions) => {
      beforeReload = options.beforeReload;
      return Promise.resolve();
    });
    await expect(updateNow({ apply }, flush, () => open)).resolves.toStrictEqual({ kind: 'started' });
    open = ['update.draft.identity'];
    await expect(beforeReload?.()).rejects.toBeInstanceOf(DraftOpenError);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('does not update when a save fails, and says why with a translated message, never the raw error text', async () => {
    const apply = vi.fn(() => Promise.resolve());
    expect(await updateNow({ apply }, () => Promise.reject(new UnsavedAnswersError()), () => [])).toStrictEqual({ kind: 'blocked', reason: 'unsaved', key: 'update.blockedUnsaved' });
    expect(await updateNow({ apply }, () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')), () => [])).toStrictEqual({ kind: 'blocked', reason: 'unsaved', key: 'update.blockedQuota' });
    expect(await updateNow({ apply }, () => Promise.reject(new PendingWriteError([new Error('x')])), () => [])).toStrictEqual({ kind: 'blocked', reason: 'unsaved', key: 'update.blockedWrite' });
    expect(await updateNow({ apply }, () => Promise.reject(new Error('Database closed')), () => [])).toStrictEqual({ kind: 'blocked', reason: 'unsaved', key: 'update.blockedSaveFailed' });
    expect(apply).not.toHaveBeenCalled();
  });

  it('is refused while a draft form is open, naming it, and nothing is flushed or applied', async () => {
    const apply = vi.fn(() => Promise.resolve());
    const flush = vi.fn(() => Promise.resolve());
    const attempt = await updateNow({ apply }, flush, () => ['update.draft.evidence']);
    expect(attempt).toStrictEqual({ kind: 'blocked', reason: 'draft', labels: ['update.draft.evidence'] });
    expect(flush).not.toHaveBeenCalled();
    expect(apply).not.toHaveBeenCalled();
  });

  it('reports a version that is no longer waiting', async () => {
    const attempt = await updateNow({ apply: () => Promise.reject(new NoUpdateWaitingError()) }, () => Promise.resolve(), () => []);
    expect(attempt).toStrictEqual({ kind: 'blocked', reason: 'noUpdate' });
  });

  it('"Reload" also saves first, and does not reload when that fails or a draft is open', async () => {
    const reload = vi.fn();
    expect(await reloadNow({ reload }, () => Promise.reject(new UnsavedAnswersError()), { kind: 'reloadNeeded', cause: 'version' }, () => [])).toStrictEqual({ kind: 'blocked', reason: 'unsaved', key: 'update.blockedUnsaved' });
    expect(await reloadNow({ reload }, () => Promise.resolve(), { kind: 'reloadNeeded', cause: 'version' }, () => ['update.draft.identity'])).toMatchObject({ kind: 'blocked', reason: 'draft' });
    expect(reload).not.toHaveBeenCalled();
    expect(await reloadNow({ reload }, () => Promise.resolve(), { kind: 'reloadNeeded', cause: 'version' }, () => [])).toStrictEqual({ kind: 'started' });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('"Reload" after another tab upgraded the data goes ahead even if the flush fails (this tab can save nothing more)', async () => {
    const reload = vi.fn();
    expect(await reloadNow({ reload }, () => Promise.reject(new Error('DatabaseClosedError')), { kind: 'reloadNeeded', cause: 'storage', saved: false }, () => [])).toStrictEqual({ kind: 'started' });
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('flushAllAutosaves', () => {
  const respondent = { kind: 'country' as const, place: 'Kenya', organisation: 'ICT Authority', focalPointName: 'Wanjiru', focalPointEmail: 'w@example.ke' };
  let db: EgovDeskDatabase;
  let responseId: string;
  const open: Autosave[] = [];
  beforeEach(async () => {
    db = freshDatabase();
    responseId = (await new ResponsesRepository(db).create({ questionnaireId: 'q', questionnaireVersion: '1', questionnaireHash: 'sha256:test', respondent, totalQuestions: 3 })).id;
  });
  afterEach(async () => {
    for (const autosave of open.splice(0)) autosave.dispose();
    await db.delete();
  });

  it('resolves once every open autosave has committed its pending changes to IndexedDB', async () => {
    const answers = new AnswersRepository(db);
    const write = (changes: ReadonlyMap<string, AnswerValue | undefined>) => answers.save(responseId, changes, { answered: changes.size, total: 3 });
    const first = new Autosave(write, { onState: () => undefined, delayMs: 300 });
    const second = new Autosave(write, { onState: () => undefined, delayMs: 300 });
    open.push(first, second);
    first.queue('A.1', 'typed');
    second.queue('A.2', 'also typed');
    await flushAllAutosaves();
    const stored = await answers.load(responseId);
    expect(stored.get('A.1')).toBe('typed');
    expect(stored.get('A.2')).toBe('also typed');
  });

  it('rejects with UnsavedAnswersError when a write fails (the change is kept for the retry)', async () => {
    let broken = true;
    const failing = new Autosave(() => (broken ? Promise.reject(new Error('QuotaExceededError')) : Promise.resolve(1)), { onState: () => undefined, retryMs: 60_000 });
    open.push(failing);
    failing.queue('A.1', 'typed');
    await expect(flushAllAutosaves()).rejects.toBeInstanceOf(UnsavedAnswersError);
    expect(failing.hasPending).toBe(true);
    // Storage works again: the kept change is written and nothing is left for the next test.
    broken = false;
    await flushAllAutosaves();
    expect(failing.hasPending).toBe(false);
  });

  it('forgets an autosave once it is disposed with nothing left to write', async () => {
    const failing = new Autosave(() => Promise.reject(new Error('never called')), { onState: () => undefined });
    failing.dispose();
    await expect(flushAllAutosaves()).resolves.toBeUndefined();
  });

  it('tracks an autosave used again after dispose (StrictMode remounts a screen with the same one)', async () => {
    const answers = new AnswersRepository(db);
    const reused = new Autosave((changes) => answers.save(responseId, changes, { answered: changes.size, total: 3 }), { onState: () => undefined, delayMs: 300 });
    open.push(reused);
    reused.dispose();
    reused.queue('A.3', 'typed after the remount');
    await flushAllAutosaves();
    expect((await answers.load(responseId)).get('A.3')).toBe('typed after the remount');
  });

  it('keeps waiting for a disposed autosave whose write failed until a retry stores it (failing, then succeeding storage)', async () => {
    const answers = new AnswersRepository(db);
    let broken = true;
    const write = (changes: ReadonlyMap<string, AnswerValue | undefined>) =>
      broken ? Promise.reject(new DOMException('The transaction was aborted.', 'AbortError')) : answers.save(responseId, changes, { answered: changes.size, total: 3 });
    const closing = new Autosave(write, { onState: () => undefined, retryMs: 5 });
    closing.queue('A.1', 'typed just before the screen closed');
    // The screen closes as it does (AnswerScreen): a flush, then dispose, while the write fails.
    void closing.flush();
    closing.dispose();
    await settle();
    // Not forgotten: an update now is refused rather than reloading over the unstored answer.
    await expect(flushAllAutosaves()).rejects.toBeInstanceOf(UnsavedAnswersError);
    expect(closing.hasPending).toBe(true);
    // Storage recovers; the retry (every 5 ms here) stores the answer, and only then may an update go ahead.
    broken = false;
    await vi.waitFor(async () => {
      expect((await answers.load(responseId)).get('A.1')).toBe('typed just before the screen closed');
    });
    await expect(flushAllAutosaves()).resolves.toBeUndefined();
    expect(closing.hasPending).toBe(false);
  });
});

describe('the update prompt', () => {
  let instance: i18n;
  beforeAll(async () => {
    instance = i18next.createInstance();
    await instance.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  });
  const render = (element: ReactElement) => renderToStaticMarkup(createElement(I18nextProvider, { i18n: instance }, element));
  const props = (status: UpdateStatus, extra: Partial<UpdatePromptViewProps> = {}): UpdatePromptViewProps => ({
    status,
    dismissedId: undefined,
    blocked: undefined,
    onUpdate: () => undefined,
    onLater: () => undefined,
    onReload: () => undefined,
    ...extra,
  });

  it('offers the waiting version in a polite, labelled region with two buttons, and takes no room otherwise', () => {
    const html = render(createElement(UpdatePromptView, props({ kind: 'ready', id: 1 })));
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('aria-label="New version"');
    expect(html).toContain('A new version of EGov Desk is ready.');
    expect(html).toContain('>Update now</button>');
    expect(html).toContain('>Later</button>');
    expect(html).not.toContain('role="dialog"');
    const idle = render(createElement(UpdatePromptView, props({ kind: 'current', checkedAt: 0 })));
    expect(idle).toBe('<section aria-label="New version" aria-live="polite"></section>');
  });

  it('stays away after "Later" for that version, and comes back for a newer one', () => {
    expect(render(createElement(UpdatePromptView, props({ kind: 'ready', id: 1 }, { dismissedId: 1 })))).not.toContain('Update now');
    expect(render(createElement(UpdatePromptView, props({ kind: 'ready', id: 2 }, { dismissedId: 1 })))).toContain('Update now');
  });

  it('says why an update was blocked inside its one polite live region (no alert nested in it), and asks for a reload when another tab updated', () => {
    const blocked = render(createElement(UpdatePromptView, props({ kind: 'ready', id: 1 }, { blocked: { reason: 'unsaved', key: 'update.blockedQuota' } })));
    expect(blocked).not.toContain('role="alert"');
    expect(blocked.match(/aria-live/g)).toHaveLength(1);
    expect(blocked).toContain('Not updated: the browser has no room left to save your changes');
    const draft = render(createElement(UpdatePromptView, props({ kind: 'ready', id: 1 }, { blocked: { reason: 'draft', labels: ['update.draft.evidence'] } })));
    expect(draft).toContain('You have an unsaved evidence link: add or discard it, then update.');
    const elsewhere = render(createElement(UpdatePromptView, props({ kind: 'reloadNeeded', cause: 'version' })));
    expect(elsewhere).toContain('Reload this tab to use it');
    expect(elsewhere).toContain('>Reload</button>');
    const upgraded = render(createElement(UpdatePromptView, props({ kind: 'reloadNeeded', cause: 'storage', saved: true })));
    expect(upgraded).toContain('has upgraded your stored data');
    expect(upgraded).toContain('Everything this tab had was saved');
    // Never "everything was saved" when the last save failed: the person must know what is only on screen.
    const unsaved = render(createElement(UpdatePromptView, props({ kind: 'reloadNeeded', cause: 'storage', saved: false })));
    expect(unsaved).not.toContain('was saved');
    expect(unsaved).toContain('could not save its last changes first');
    expect(unsaved).toContain('>Reload</button>');
    const stalled = render(createElement(UpdatePromptView, props({ kind: 'ready', id: 1, takeoverFailed: true })));
    expect(stalled).toContain('The new version did not start.');
    expect(stalled).toContain('>Update now</button>');
  });

  it('has every draft label and blocked message in both languages', () => {
    for (const key of ['update.draft.evidence', 'update.draft.decision', 'update.draft.identity', 'update.draft.newResponse', 'update.blockedUnsaved', 'update.blockedWrite', 'update.blockedQuota', 'update.blockedSaveFailed', 'update.blockedNoUpdate', 'update.storageUpgraded', 'update.storageUpgradedUnsaved']) {
      expect(instance.exists(key, { lng: 'en' }), key).toBe(true);
      expect(instance.getFixedT('fr')(key), key).not.toBe(instance.getFixedT('en')(key));
    }
  });

  it('has a message in both languages for every status', () => {
    const statuses: UpdateStatus[] = [
      { kind: 'idle' },
      { kind: 'checking' },
      { kind: 'current', checkedAt: 0 },
      { kind: 'ready', id: 1 },
      { kind: 'offline' },
      { kind: 'applying' },
      { kind: 'ready', id: 1, takeoverFailed: true },
      { kind: 'reloadNeeded', cause: 'version' },
      { kind: 'reloadNeeded', cause: 'storage', saved: true },
      { kind: 'reloadNeeded', cause: 'storage', saved: false },
      ...(['register', 'check', 'install'] as const).map((reason): UpdateStatus => ({ kind: 'failed', reason })),
    ];
    for (const status of statuses) {
      const key = updateStatusKey('service-worker', status);
      expect(instance.exists(key, { lng: 'en' }), key).toBe(true);
      expect(instance.getFixedT('fr')(key)).not.toBe(instance.getFixedT('en')(key));
    }
    expect(updateStatusKey('installer', { kind: 'idle' })).toBe('update.installer');
    expect(updateStatusKey('unavailable', { kind: 'idle' })).toBe('update.unavailable');
  });

  it('the desktop app has no update machinery: "updates come with a new installer"', async () => {
    const desktop = staticUpdates('installer');
    expect(desktop.mode).toBe('installer');
    await expect(desktop.apply({ beforeReload: () => Promise.resolve() })).rejects.toBeInstanceOf(NoUpdateWaitingError);
  });
});
