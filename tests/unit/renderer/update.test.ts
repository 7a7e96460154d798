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
import { reloadNow, updateNow } from '../../../renderer/src/features/update/update-actions';
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

function setup(options: { controlled?: boolean } = {}) {
  const registration = new FakeRegistration();
  const container = new FakeContainer(options.controlled === false ? null : new FakeWorker('activated'), registration);
  let online = true;
  let visible: (() => void) | undefined;
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
    expect(updates.status()).toStrictEqual({ kind: 'reloadNeeded' });
  });

  it('never reloads by itself: a version taken over by another tab only asks for a reload', async () => {
    const { updates, container, reload } = setup();
    updates.start();
    await settle();
    container.changeController(new FakeWorker('activated'));
    await settle();
    expect(reload).not.toHaveBeenCalled();
    expect(updates.status()).toStrictEqual({ kind: 'reloadNeeded' });
  });

  it('treats the first worker taking control of a first visit as nothing new', async () => {
    const { updates, container } = setup({ controlled: false });
    updates.start();
    await settle();
    container.changeController(new FakeWorker('activated'));
    expect(updates.status()).toStrictEqual({ kind: 'current', checkedAt: 42_000 });
  });

  it('refuses "Update now" when no version waits, and says so when the new one does not take over', async () => {
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
    // The failure is reported and the version is offered again.
    expect(updates.status()).toStrictEqual({ kind: 'ready', id: 1 });
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
    const apply = vi.fn((options: ApplyOptions) => {
      order.push('apply');
      expect(options.beforeReload).toBe(flush);
      return Promise.resolve();
    });
    await expect(updateNow({ apply }, flush)).resolves.toStrictEqual({ kind: 'started' });
    expect(order).toStrictEqual(['flush', 'apply']);
  });

  it('does not update when a save fails, and says why', async () => {
    const apply = vi.fn(() => Promise.resolve());
    const attempt = await updateNow({ apply }, () => Promise.reject(new UnsavedAnswersError()));
    expect(attempt).toStrictEqual({ kind: 'blocked', reason: 'unsaved', detail: 'Some answers are not saved yet: the browser refused to store them.' });
    expect(apply).not.toHaveBeenCalled();
  });

  it('reports a version that is no longer waiting', async () => {
    const attempt = await updateNow({ apply: () => Promise.reject(new NoUpdateWaitingError()) }, () => Promise.resolve());
    expect(attempt).toMatchObject({ kind: 'blocked', reason: 'noUpdate' });
  });

  it('"Reload" also saves first, and does not reload when that fails', async () => {
    const reload = vi.fn();
    expect(await reloadNow({ reload }, () => Promise.reject(new Error('QuotaExceededError')))).toStrictEqual({ kind: 'blocked', reason: 'unsaved', detail: 'QuotaExceededError' });
    expect(reload).not.toHaveBeenCalled();
    expect(await reloadNow({ reload }, () => Promise.resolve())).toStrictEqual({ kind: 'started' });
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
    const failing = new Autosave(() => Promise.reject(new Error('QuotaExceededError')), { onState: () => undefined, retryMs: 60_000 });
    open.push(failing);
    failing.queue('A.1', 'typed');
    await expect(flushAllAutosaves()).rejects.toBeInstanceOf(UnsavedAnswersError);
    expect(failing.hasPending).toBe(true);
  });

  it('forgets an autosave once it is disposed with nothing left to write', async () => {
    const failing = new Autosave(() => Promise.reject(new Error('never called')), { onState: () => undefined });
    failing.dispose();
    await expect(flushAllAutosaves()).resolves.toBeUndefined();
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

  it('says why an update was blocked, and asks for a reload when another tab updated', () => {
    const blocked = render(createElement(UpdatePromptView, props({ kind: 'ready', id: 1 }, { blocked: { reason: 'unsaved', detail: 'QuotaExceededError' } })));
    expect(blocked).toContain('role="alert"');
    expect(blocked).toContain('Not updated: some answers could not be saved yet');
    expect(blocked).toContain('QuotaExceededError');
    const elsewhere = render(createElement(UpdatePromptView, props({ kind: 'reloadNeeded' })));
    expect(elsewhere).toContain('Reload this tab to use it');
    expect(elsewhere).toContain('>Reload</button>');
  });

  it('has a message in both languages for every status', () => {
    const statuses: UpdateStatus[] = [
      { kind: 'idle' },
      { kind: 'checking' },
      { kind: 'current', checkedAt: 0 },
      { kind: 'ready', id: 1 },
      { kind: 'offline' },
      { kind: 'applying' },
      { kind: 'reloadNeeded' },
      ...(['register', 'check', 'install', 'takeover'] as const).map((reason): UpdateStatus => ({ kind: 'failed', reason })),
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
