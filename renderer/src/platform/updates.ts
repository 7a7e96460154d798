/**
 * How a new version of the app reaches people, as the UI sees it. The web build updates through
 * its service worker (web-updates.ts); the desktop app through a new installer, so it has nothing
 * to check here.
 */

/** Where the check for a new version stands. */
export type UpdateStatus =
  /** Not checked yet (the service worker is being registered). */
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  /** The version running is the newest the server has. */
  | { readonly kind: 'current'; readonly checkedAt: number }
  /**
   * A new version is downloaded and waits for the person to switch to it. `id` changes when another
   * new version replaces the waiting one, so a prompt put off with "Later" comes back for it.
   * `takeoverFailed`: "Update now" was chosen but the new version did not take control in time; it
   * is still on offer, and the person is told why nothing happened.
   */
  | { readonly kind: 'ready'; readonly id: number; readonly takeoverFailed?: true }
  /** No network: nothing could be checked (the app keeps working offline). */
  | { readonly kind: 'offline' }
  /**
   * `register`: the service worker could not be registered (no offline copy); `check`: the server
   * could not be asked; `install`: a new version could not be downloaded completely, so it was
   * discarded and the current one stays. `detail` is the browser's technical message, for logs.
   */
  | { readonly kind: 'failed'; readonly reason: 'register' | 'check' | 'install'; readonly detail?: string }
  /** The person chose "Update now": the new version is taking over and the page will reload. */
  | { readonly kind: 'applying' }
  /**
   * This page runs an older version than the one now in use until it is reloaded. `version`: a new
   * version is active (chosen in another tab, or here when the last save before reloading failed).
   * `storage`: a newer version in another tab upgraded the stored data; this tab has written what it
   * had and closed its database, so it can save nothing more until it reloads.
   */
  | { readonly kind: 'reloadNeeded'; readonly cause: 'version' }
  /**
   * Another tab upgraded the stored data and this tab's connection is closed for good. `saved`: this
   * tab's last changes were written first; when not, they are still on screen, and only there.
   */
  | { readonly kind: 'reloadNeeded'; readonly cause: 'storage'; readonly saved: boolean };

export interface ApplyOptions {
  /**
   * Runs just before the page reloads into the new version (the last keystrokes made after the
   * person chose "Update now" are written first). If it rejects, the page does not reload.
   */
  readonly beforeReload: () => Promise<void>;
}

export interface AppUpdates {
  /**
   * `service-worker`: the offline web app, which checks for and applies new versions itself.
   * `installer`: the desktop app, updated by installing a new version.
   * `unavailable`: a browser without service workers, or the development server.
   */
  readonly mode: 'service-worker' | 'installer' | 'unavailable';
  /** Registers the service worker and starts checking (on start, when the tab is shown again, every 30 minutes). Idempotent. */
  start(): void;
  status(): UpdateStatus;
  subscribe(listener: () => void): () => void;
  /** Checks now; the outcome arrives as a status. Never rejects. */
  check(): Promise<void>;
  /**
   * Switches to the waiting version: the caller must have saved everything first. Rejects with
   * NoUpdateWaitingError when there is none.
   */
  apply(options: ApplyOptions): Promise<void>;
  /** The build the offline copy holds (the controlling service worker's build id), when known. */
  buildId(): Promise<string | undefined>;
  /** Reloads the page (status `reloadNeeded`): the caller must have saved everything first. */
  reload(): void;
  /** Another tab upgraded the stored data (see `reloadNeeded`, cause `storage`); `saved`: this tab's changes were written first. */
  storageUpgradedElsewhere(saved: boolean): void;
}

export class NoUpdateWaitingError extends Error {
  constructor() {
    super('No new version is waiting to be installed.');
    this.name = 'NoUpdateWaitingError';
  }
}

/**
 * Updates that never happen in the page: the desktop app (a new installer) or no service worker
 * support. The stored data can still be upgraded by a newer copy in another window or tab, so that
 * one status can change.
 */
export function staticUpdates(mode: 'installer' | 'unavailable', reloadPage: () => void = () => { window.location.reload(); }): AppUpdates {
  let status: UpdateStatus = { kind: 'idle' };
  const listeners = new Set<() => void>();
  return {
    mode,
    start: () => undefined,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    check: () => Promise.resolve(),
    apply: () => Promise.reject(new NoUpdateWaitingError()),
    buildId: () => Promise.resolve(undefined),
    reload: reloadPage,
    storageUpgradedElsewhere(saved) {
      status = { kind: 'reloadNeeded', cause: 'storage', saved };
      for (const listener of listeners) listener();
    },
  };
}
