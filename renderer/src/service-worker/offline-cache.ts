/**
 * The service worker's decisions, as plain functions over the few cache and network operations they
 * need, so they can be tested without a browser (tests/unit/renderer/service-worker.test.ts).
 * `sw.ts` wires them to the real events.
 */

/** Written into sw.js by the build (build/vite-plugin-offline.ts). */
export interface PrecacheManifest {
  readonly buildId: string;
  /** Paths relative to the app's folder, e.g. `index.html`, `assets/index-3f9a.js`. */
  readonly files: readonly string[];
}

/** One cache; a subset of the browser's `Cache`. */
export interface OfflineCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}

/** The origin's caches; a subset of the browser's `CacheStorage`. */
export interface CacheStore {
  open(name: string): Promise<OfflineCache>;
  keys(): Promise<string[]>;
  delete(name: string): Promise<boolean>;
}

/** Fetches from the network (the worker's `fetch`). */
export type Fetcher = (url: string) => Promise<Response>;

/** The app's caches are named by this prefix and the build id; other caches on the origin are left alone. */
export const CACHE_PREFIX = 'egov-desk-';
export const cacheName = (buildId: string): string => `${CACHE_PREFIX}${buildId}`;

/** Messages the page sends to the worker. */
export const SKIP_WAITING = 'egov-desk:skip-waiting';
export const GET_BUILD_ID = 'egov-desk:get-build-id';

/** Most files downloaded at once while installing: enough to be quick, few enough not to swamp a slow link. */
const PARALLEL_DOWNLOADS = 6;

/** A file of the new version could not be downloaded: the install fails and the current version stays. */
export class PrecacheError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Could not cache ${url} for offline use: ${reason}`);
    this.name = 'PrecacheError';
  }
}

/** The absolute URL of each precached file, from the worker's scope (the app's folder). */
export function precacheUrls(manifest: PrecacheManifest, scope: string): string[] {
  return manifest.files.map((file) => new URL(file, scope).href);
}

/**
 * Downloads every file of this build into the build's own cache. All or nothing: if any file fails,
 * the partial cache is deleted and the install rejects, so the browser discards this worker and a
 * half-cached version never takes over (the next check tries again).
 */
export async function installBuild(manifest: PrecacheManifest, scope: string, caches: CacheStore, fetcher: Fetcher): Promise<void> {
  const name = cacheName(manifest.buildId);
  const cache = await caches.open(name);
  const queue = precacheUrls(manifest, scope);
  const download = async (): Promise<void> => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      let response: Response;
      try {
        response = await fetcher(url);
      } catch (error) {
        throw new PrecacheError(url, error instanceof Error ? error.message : String(error));
      }
      if (!response.ok) throw new PrecacheError(url, `HTTP ${String(response.status)}`);
      await cache.put(url, response);
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, download));
  } catch (error) {
    queue.length = 0;
    await caches.delete(name);
    throw error;
  }
}

/** Deletes the caches of every other build of the app, once this one has taken over. */
export async function deleteOldBuilds(manifest: PrecacheManifest, caches: CacheStore): Promise<string[]> {
  const current = cacheName(manifest.buildId);
  const old = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
  await Promise.all(old.map((name) => caches.delete(name)));
  return old;
}

/** What the worker needs to know about a request. */
export interface RequestFacts {
  readonly method: string;
  readonly url: string;
  readonly mode: string;
}

/**
 * How to answer a request: from the cache (with the cached URL, and the network as a fallback when
 * the cache has lost it), or not at all (`undefined`: the browser fetches it as if there were no
 * worker). Precached same-origin GETs come from this build's cache; a page load anywhere in the app
 * gets the cached index.html (hash routing: there is only one page); everything else, other
 * origins included, goes to the network untouched.
 */
export function cachedUrlFor(request: RequestFacts, manifest: PrecacheManifest, scope: string): string | undefined {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  const base = new URL(scope);
  if (url.origin !== base.origin) return undefined;
  if (request.mode === 'navigate') {
    return url.pathname.startsWith(base.pathname) ? new URL('index.html', scope).href : undefined;
  }
  url.hash = '';
  url.search = '';
  return precacheUrls(manifest, scope).includes(url.href) ? url.href : undefined;
}

/** Answers a request this worker handles: the cached copy, else the network (`network`). */
export async function respond(cachedUrl: string, caches: CacheStore, manifest: PrecacheManifest, network: () => Promise<Response>): Promise<Response> {
  const cache = await caches.open(cacheName(manifest.buildId));
  const hit = await cache.match(cachedUrl);
  return hit ?? network();
}
