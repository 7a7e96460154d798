/**
 * The offline web app's service worker. Compiled by build/vite-plugin-offline.ts into `sw.js` at the
 * end of each build, with that build's precache list and id in `__PRECACHE_MANIFEST__`.
 *
 * Lifecycle: install downloads every file of the build into its own cache (all or nothing); the new
 * worker then WAITS while an older version controls any page, until the person chooses "Update now"
 * (the page flushes its unsaved answers first, then sends SKIP_WAITING). Activate deletes the older
 * builds' caches and takes control of open pages. There is no skipWaiting on install: a version
 * never changes under someone's feet.
 *
 * Typed with the small interfaces below rather than the WebWorker library, which the renderer's
 * TypeScript project (DOM) cannot include alongside DOM.
 */
import type { CacheStore, PrecacheManifest } from './offline-cache';
import { GET_BUILD_ID, SKIP_WAITING, cachedUrlFor, deleteOldBuilds, installBuild, respond } from './offline-cache';

declare const __PRECACHE_MANIFEST__: PrecacheManifest;

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
const manifest = __PRECACHE_MANIFEST__;
const scope = worker.registration.scope;
const store: CacheStore = {
  open: async (name) => {
    const cache = await worker.caches.open(name);
    return { match: (url) => cache.match(url), put: (url, response) => cache.put(url, response) };
  },
  keys: () => worker.caches.keys(),
  delete: (name) => worker.caches.delete(name),
};

worker.addEventListener('install', (event) => {
  // `no-cache`: revalidate with the server, so an HTTP cache never slips an older file into a new build.
  event.waitUntil(installBuild(manifest, scope, store, (url) => worker.fetch(url, { cache: 'no-cache', credentials: 'same-origin' })));
});

worker.addEventListener('activate', (event) => {
  // Claiming matters on the first visit (the page that installed the worker is then offline-ready
  // without a reload); on an update the pages reload into this version right after.
  event.waitUntil(deleteOldBuilds(manifest, store).then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const cachedUrl = cachedUrlFor({ method: request.method, url: request.url, mode: request.mode }, manifest, scope);
  if (cachedUrl === undefined) return;
  event.respondWith(respond(cachedUrl, store, manifest, () => worker.fetch(request)));
});

worker.addEventListener('message', (event) => {
  const { data } = event;
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  if (type === SKIP_WAITING) {
    event.waitUntil(worker.skipWaiting());
  } else if (type === GET_BUILD_ID) {
    event.ports[0]?.postMessage({ buildId: manifest.buildId });
  }
});
