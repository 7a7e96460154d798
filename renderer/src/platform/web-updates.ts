import { GET_BUILD_ID, SKIP_WAITING } from '../service-worker/offline-cache';
import type { AppUpdates, ApplyOptions, UpdateStatus } from './updates';
import { NoUpdateWaitingError } from './updates';

/**
 * The offline web app's updates, through its service worker (renderer/src/service-worker/sw.ts).
 * Written against the few browser objects it uses (below), so tests drive it with fakes.
 *
 * A new build is noticed when the browser fetches sw.js again (our checks, or its own on a page
 * load) and finds different bytes: the new worker downloads the whole new version into its own
 * cache and then waits. Only `apply` (the person's "Update now") lets it take over, and the page
 * reloads once control has passed to it. Nothing here ever reloads on its own.
 */

/** A service worker; a subset of the browser's `ServiceWorker`. */
export interface WorkerHandle {
  readonly state: string;
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'statechange', listener: () => void): void;
  removeEventListener(type: 'statechange', listener: () => void): void;
}

/** A subset of the browser's `ServiceWorkerRegistration`. */
export interface RegistrationHandle {
  readonly installing: WorkerHandle | null;
  readonly waiting: WorkerHandle | null;
  /** The version in use; null on a first visit until the first worker activates. */
  readonly active: WorkerHandle | null;
  update(): Promise<unknown>;
  addEventListener(type: 'updatefound', listener: () => void): void;
}

/** A subset of the browser's `ServiceWorkerContainer` (`navigator.serviceWorker`). */
export interface ContainerHandle {
  readonly controller: WorkerHandle | null;
  register(url: string, options: RegistrationOptions): Promise<RegistrationHandle>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

export interface UpdateEnvironment {
  readonly container: ContainerHandle;
  isOnline(): boolean;
  reload(): void;
  now(): number;
  /** Calls `listener` whenever the tab becomes visible again. */
  onVisible(listener: () => void): void;
  /** Calls `listener` whenever the browser comes back online. */
  onOnline(listener: () => void): void;
  every(ms: number, task: () => void): void;
  later(ms: number, task: () => void): void;
  /** Asks a worker for its build id (undefined when it does not answer). */
  askBuildId(worker: WorkerHandle): Promise<string | undefined>;
}

/** How often an open tab looks for a new version. */
export const CHECK_INTERVAL_MS = 30 * 60 * 1000;
/** How long "Update now" waits for the new version to take control before saying it did not. */
export const TAKEOVER_TIMEOUT_MS = 15_000;

/** Resolves once a worker is past installing: installed (waiting), activating/activated, or redundant. */
function installed(worker: WorkerHandle): Promise<void> {
  if (worker.state !== 'installing') return Promise.resolve();
  return new Promise((resolve) => {
    const onChange = () => {
      if (worker.state === 'installing') return;
      worker.removeEventListener('statechange', onChange);
      resolve();
    };
    worker.addEventListener('statechange', onChange);
  });
}

const installingNow = (reg: RegistrationHandle): WorkerHandle | null => reg.installing;

export function serviceWorkerUpdates(env: UpdateEnvironment): AppUpdates {
  let status: UpdateStatus = { kind: 'idle' };
  const listeners = new Set<() => void>();
  let registration: Promise<RegistrationHandle | undefined> | undefined;
  let registered: RegistrationHandle | undefined;
  let readyWorker: WorkerHandle | undefined;
  let readyCount = 0;
  let applying: ApplyOptions | undefined;
  let reloading = false;
  // Whether this page runs a version that a new controller would replace. A page that starts without
  // a controller is usually a first visit (the first worker claiming it is not a new version), but a
  // hard reload also bypasses the worker: then the registration already has an active version, and
  // one taking control later is another tab's update (decided once the registration is known).
  let hadController = env.container.controller !== null;
  let running: Promise<void> | undefined;

  const set = (next: UpdateStatus): void => {
    status = next;
    for (const listener of listeners) listener();
  };

  /** The waiting worker that is a NEW version: only when an older one is active (not a first install). */
  const newVersionWaiting = (): WorkerHandle | null => {
    const reg = registered;
    return reg && reg.active !== null && reg.waiting !== null ? reg.waiting : null;
  };

  /**
   * Shows a waiting new version as ready (once per waiting worker); false when none waits. Follows
   * the waiting worker: once it is activated (by another tab) or redundant (replaced, or discarded),
   * the offer is withdrawn or moved to its successor.
   */
  const offerWaiting = (): boolean => {
    const waiting = newVersionWaiting();
    if (waiting === null || applying !== undefined || status.kind === 'reloadNeeded') return waiting !== null;
    if (waiting !== readyWorker) {
      readyWorker = waiting;
      readyCount += 1;
      const onChange = (): void => {
        if (waiting.state !== 'activating' && waiting.state !== 'activated' && waiting.state !== 'redundant') return;
        waiting.removeEventListener('statechange', onChange);
        if (readyWorker !== waiting) return;
        readyWorker = undefined;
        if (status.kind === 'ready' && !offerWaiting()) set({ kind: 'current', checkedAt: env.now() });
      };
      waiting.addEventListener('statechange', onChange);
    }
    if (status.kind !== 'ready' || status.id !== readyCount) set({ kind: 'ready', id: readyCount });
    return true;
  };

  const runCheck = async (): Promise<void> => {
    const reg = await registration;
    if (!reg || applying !== undefined || status.kind === 'reloadNeeded') return;
    // An install under way (the first visit, or an update the browser found itself) is the answer.
    const underway = reg.installing;
    if (underway) {
      await installed(underway);
      if (!offerWaiting()) set(underway.state === 'redundant' ? { kind: 'failed', reason: 'install' } : { kind: 'current', checkedAt: env.now() });
      return;
    }
    if (!env.isOnline()) {
      if (!offerWaiting()) set({ kind: 'offline' });
      return;
    }
    // With a version already waiting, look quietly for a newer one: the prompt stays as it is.
    if (!offerWaiting()) set({ kind: 'checking' });
    try {
      await reg.update();
    } catch (error) {
      if (!offerWaiting()) set(env.isOnline() ? { kind: 'failed', reason: 'check', detail: error instanceof Error ? error.message : String(error) } : { kind: 'offline' });
      return;
    }
    // Read again: update() may have started an install (TypeScript would keep the earlier null).
    const found = installingNow(reg);
    if (found) await installed(found);
    if (offerWaiting()) return;
    // A new version that could not be downloaded completely was discarded; the current one stays.
    set(found?.state === 'redundant' ? { kind: 'failed', reason: 'install' } : { kind: 'current', checkedAt: env.now() });
  };

  const check = (): Promise<void> => {
    // One check at a time; asking again meanwhile joins the running one.
    running ??= runCheck().finally(() => {
      running = undefined;
    });
    return running;
  };

  const onControllerChange = (): void => {
    if (applying !== undefined) {
      if (reloading) return;
      reloading = true;
      // Anything typed since "Update now" is written before the reload; if that fails, stay.
      applying.beforeReload().then(
        () => {
          env.reload();
        },
        () => {
          reloading = false;
          applying = undefined;
          set({ kind: 'reloadNeeded', cause: 'version' });
        },
      );
      return;
    }
    // Another tab chose "Update now": this page runs the old version until it is reloaded, which
    // is the person's choice (their work here may not be saved yet).
    if (hadController) {
      if (status.kind !== 'reloadNeeded') set({ kind: 'reloadNeeded', cause: 'version' });
    } else if (status.kind === 'current') {
      // The first visit's offline copy is now in place: said again (as of now), so whatever shows
      // the offline copy's build (the About screen) asks for it again.
      set({ kind: 'current', checkedAt: env.now() });
    }
    hadController = true;
  };

  return {
    mode: 'service-worker',
    start() {
      if (registration) return;
      registration = env.container.register('./sw.js', { scope: './', updateViaCache: 'none' }).then(
        (reg) => {
          registered = reg;
          // A hard reload (no controller) while a version is already active: see hadController.
          if (reg.active !== null) hadController = true;
          // The browser also checks by itself (on page loads): follow whatever it installs.
          reg.addEventListener('updatefound', () => {
            const worker = reg.installing;
            if (worker) void installed(worker).then(() => { offerWaiting(); });
          });
          return reg;
        },
        (error: unknown) => {
          set({ kind: 'failed', reason: 'register', detail: error instanceof Error ? error.message : String(error) });
          return undefined;
        },
      );
      env.container.addEventListener('controllerchange', onControllerChange);
      env.onVisible(() => void check());
      env.onOnline(() => void check());
      env.every(CHECK_INTERVAL_MS, () => void check());
      void check();
    },
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    check,
    apply(options) {
      const waiting = registered?.waiting ?? null;
      if (waiting === null) return Promise.reject(new NoUpdateWaitingError());
      applying = options;
      set({ kind: 'applying' });
      waiting.postMessage({ type: SKIP_WAITING }, []);
      env.later(TAKEOVER_TIMEOUT_MS, () => {
        if (applying !== options || reloading) return;
        applying = undefined;
        // Still on offer, with the reason the last attempt did nothing.
        if (offerWaiting() && status.kind === 'ready') set({ kind: 'ready', id: status.id, takeoverFailed: true });
        else if (status.kind === 'applying') set({ kind: 'current', checkedAt: env.now() });
      });
      return Promise.resolve();
    },
    buildId() {
      const controller = env.container.controller;
      return controller ? env.askBuildId(controller) : Promise.resolve(undefined);
    },
    reload() {
      env.reload();
    },
    storageUpgradedElsewhere(saved) {
      applying = undefined;
      set({ kind: 'reloadNeeded', cause: 'storage', saved });
    },
  };
}

/** The real browser objects. */
export function browserUpdateEnvironment(container: ServiceWorkerContainer): UpdateEnvironment {
  return {
    container,
    isOnline: () => navigator.onLine,
    reload: () => {
      window.location.reload();
    },
    now: () => Date.now(),
    onVisible(listener) {
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') listener();
      });
    },
    onOnline(listener) {
      window.addEventListener('online', listener);
    },
    every(ms, task) {
      setInterval(task, ms);
    },
    later(ms, task) {
      setTimeout(task, ms);
    },
    askBuildId(worker) {
      return new Promise((resolve) => {
        const channel = new MessageChannel();
        const timer = setTimeout(() => {
          channel.port1.close();
          resolve(undefined);
        }, 2000);
        channel.port1.onmessage = (event: MessageEvent<unknown>) => {
          clearTimeout(timer);
          channel.port1.close();
          const id: unknown = typeof event.data === 'object' && event.data !== null ? (event.data as { buildId?: unknown }).buildId : undefined;
          resolve(typeof id === 'string' ? id : undefined);
        };
        worker.postMessage({ type: GET_BUILD_ID }, [channel.port2]);
      });
    },
  };
}
