/**
 * The offline web app's service worker. Compiled by build/vite-plugin-offline.ts into `sw.js` at the
 * end of each build; sw.js first sets `self.__EGOV_DESK_PRECACHE__` to that build's precache list and
 * id (the plugin's MANIFEST_GLOBAL), so this code can be hashed into the id.
 *
 * Lifecycle: install downloads every file of the build into its own cache (all or nothing); the new
 * worker then WAITS while an older version controls any page, until the person chooses "Update now"
 * (the page flushes its unsaved work first, then sends SKIP_WAITING). Activate deletes the caches of
 * every build but itself and the one activated before it, and takes control of open pages. There is
 * no skipWaiting on install: a version never changes under someone's feet. A page load that finds
 * this build's cache gone (site data cleared) refills it.
 *
 * Typed with the small interfaces below rather than the WebWorker library, which the renderer's
 * TypeScript project (DOM) cannot include alongside DOM.
 */
import type { CacheStore, PrecacheManifest } from './offline-cache';
import { GET_BUILD_ID, SKIP_WAITING, activateBuild, answer, installBuild, refiller, reportedBuildId } from './offline-cache';


interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEventLike {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  readonly caches: CacheStorage;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

// In a service worker, `self` is its global scope (typed here as the page's window, hence the cast).
const worker = self as unknown as ServiceWorkerScope;
const manifest = (self as unknown as { readonly __EGOV_DESK_PRECACHE__: PrecacheManifest }).__EGOV_DESK_PRECACHE__;
const scope = worker.registration.scope;
const store: CacheStore = {
  open: async (name) => {
    const cache = await worker.caches.open(name);
    return {
      match: (url) => cache.match(url),
      put: (url, response) => cache.put(url, response),
      delete: (url) => cache.delete(url),
      urls: async () => (await cache.keys()).map((request) => request.url),
    };
  },
  has: (name) => worker.caches.has(name),
  keys: () => worker.caches.keys(),
  delete: (name) => worker.caches.delete(name),
};
// `no-cache`: revalidate with the server, so an HTTP cache never slips an older file into a new build.
const download = (url: string) => worker.fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
// Storing the offline copy again when it went missing: one refill at a time, whoever asks.
const refill = refiller(manifest, scope, store, download);

worker.addEventListener('install', (event) => {
  event.waitUntil(installBuild(manifest, scope, store, download));
});

worker.addEventListener('activate', (event) => {
  // Claiming matters on the first visit (the page that installed the worker is then offline-ready
  // without a reload); on an update the pages reload into this version right after.
  event.waitUntil(activateBuild(manifest, scope, store).then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const handled = answer({ method: request.method, url: request.url, mode: request.mode }, manifest, scope, store, () => worker.fetch(request), refill);
  if (handled === undefined) return;
  event.respondWith(handled.response);
  if (handled.afterwards) event.waitUntil(handled.afterwards);
});

worker.addEventListener('message', (event) => {
  const { data } = event;
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  if (type === SKIP_WAITING) {
    event.waitUntil(worker.skipWaiting());
  } else if (type === GET_BUILD_ID) {
    const port = event.ports[0];
    event.waitUntil(
      reportedBuildId(manifest, store).then(async (buildId) => {
        port?.postMessage({ buildId });
        // The browser (or the person) cleared the offline copy while this version runs: store it again.
        if (buildId === undefined) await refill();
      }),
    );
  }
});
