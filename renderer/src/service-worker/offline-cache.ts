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
  delete(url: string): Promise<boolean>;
  /** The URLs it holds. */
  urls(): Promise<string[]>;
}

/** The origin's caches; a subset of the browser's `CacheStorage`. */
export interface CacheStore {
  open(name: string): Promise<OfflineCache>;
  has(name: string): Promise<boolean>;
  keys(): Promise<string[]>;
  delete(name: string): Promise<boolean>;
}

/** Fetches from the network (the worker's `fetch`). */
export type Fetcher = (url: string) => Promise<Response>;

/** The app's caches are named by this prefix and the build id; other caches on the origin are left alone. */
export const CACHE_PREFIX = 'egov-desk-';
export const cacheName = (buildId: string): string => `${CACHE_PREFIX}${buildId}`;
/**
 * Which build was installed when, one small entry per build (each worker writes only its own, so two
 * workers never overwrite each other's record). Build ids are hashes and say nothing about age: this
 * is how a worker knows which caches belong to OLDER builds.
 */
export const META_CACHE = `${CACHE_PREFIX}builds`;
const metaUrl = (scope: string, buildId: string): string => new URL(`__egov-desk-build/${buildId}`, scope).href;
const isBuildCache = (name: string): boolean => name.startsWith(CACHE_PREFIX) && name !== META_CACHE;
const buildOf = (name: string): string => name.slice(CACHE_PREFIX.length);

/** Messages the page sends to the worker. */
export const SKIP_WAITING = 'egov-desk:skip-waiting';
export const GET_BUILD_ID = 'egov-desk:get-build-id';

/** Most files downloaded at once while installing: enough to be quick, few enough not to swamp a slow link. */
const PARALLEL_DOWNLOADS = 6;

/** A file of the new version could not be downloaded (or its cache vanished): the install fails and the current version stays. */
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
 * What goes into the cache for a downloaded file. A response that followed a redirect (a host that
 * sends /index.html to /) is copied into a plain one: Chromium refuses a redirected response as the
 * answer to a page load, which would break opening the app offline.
 */
export function storable(response: Response): Response {
  if (!response.redirected) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** When each build's install began, by build id (see META_CACHE). */
async function installTimes(caches: CacheStore, scope: string): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  if (!(await caches.has(META_CACHE))) return times;
  const meta = await caches.open(META_CACHE);
  const prefix = new URL('__egov-desk-build/', scope).href;
  for (const url of await meta.urls()) {
    if (!url.startsWith(prefix)) continue;
    const hit = await meta.match(url);
    const record: unknown = hit ? await hit.json().catch(() => undefined) : undefined;
    const startedAt = typeof record === 'object' && record !== null ? (record as { startedAt?: unknown }).startedAt : undefined;
    if (typeof startedAt === 'number') times.set(url.slice(prefix.length), startedAt);
  }
  return times;
}

export interface InstallOptions {
  /** Refilling the running build's lost cache: its install record, if any, keeps its original time. */
  readonly refill?: boolean;
  readonly now?: () => number;
}

/**
 * Downloads every file of this build into the build's own cache. All or nothing: if any file fails,
 * the install rejects, so the browser discards this worker and a half-cached version never takes
 * over (the next check tries again). The partial cache is deleted only if this install created it:
 * a cache that existed before (the same build, running in some tab) is never deleted.
 */
export async function installBuild(manifest: PrecacheManifest, scope: string, caches: CacheStore, fetcher: Fetcher, options: InstallOptions = {}): Promise<void> {
  const name = cacheName(manifest.buildId);
  const existed = await caches.has(name);
  // Recorded first, so an older worker activating meanwhile knows this cache is newer than itself.
  const meta = await caches.open(META_CACHE);
  const record = metaUrl(scope, manifest.buildId);
  if (!options.refill || !(await meta.match(record))) {
    await meta.put(record, new Response(JSON.stringify({ startedAt: (options.now ?? Date.now)() }), { headers: { 'content-type': 'application/json' } }));
  }
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
      await cache.put(url, storable(response));
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, download));
    // Something deleted the cache while it was filled: a worker that took it for an old build's.
    if (!(await caches.has(name))) throw new PrecacheError(name, 'the cache was deleted while installing');
  } catch (error) {
    queue.length = 0;
    if (!existed) await caches.delete(name);
    throw error;
  }
}

/**
 * Once this build has taken over: deletes the caches of builds known to be OLDER than it, except
 * the newest of them (the previous version), which tabs still running it may need for code they
 * load on first use; that one goes at the next activation. A build whose install began after this
 * one's (a newer version downloading right now) is never touched. A cache with no install record
 * predates the records and counts as the oldest. When this build's own record is missing nothing
 * is deleted (its age is unknown, so it cannot tell older from newer). Returns the deleted names.
 */
export async function deleteOldBuilds(manifest: PrecacheManifest, scope: string, caches: CacheStore): Promise<string[]> {
  const times = await installTimes(caches, scope);
  const own = times.get(manifest.buildId);
  if (own === undefined) return [];
  const names = (await caches.keys()).filter((name) => isBuildCache(name) && name !== cacheName(manifest.buildId));
  // Older builds, newest first; a cache without a record predates the records, so it is the oldest.
  const older = names
    .map((name) => ({ name, at: times.get(buildOf(name)) ?? Number.NEGATIVE_INFINITY }))
    .filter((entry) => entry.at < own)
    .sort((a, b) => b.at - a.at);
  const doomed = older.slice(1).map((entry) => entry.name);
  const meta = await caches.open(META_CACHE);
  for (const name of doomed) {
    await caches.delete(name);
    await meta.delete(metaUrl(scope, buildOf(name)));
  }
  return doomed;
}

/** What the worker needs to know about a request. */
export interface RequestFacts {
  readonly method: string;
  readonly url: string;
  readonly mode: string;
}

/**
 * How to answer a request: `own` (a file of this build, from its cache), `any` (a same-origin file
 * that is not in this build, such as an older build's chunk wanted by a tab still running it: from
 * whichever of the app's caches has it, else the network), or `undefined` (the browser fetches it as
 * if there were no worker: other origins, anything but GET, the worker script itself). A page load
 * anywhere in the app gets this build's cached index.html (hash routing: there is only one page).
 */
export function cachedUrlFor(request: RequestFacts, manifest: PrecacheManifest, scope: string): { readonly url: string; readonly from: 'own' | 'any' } | undefined {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return undefined;
  if (request.mode === 'navigate') return { url: new URL('index.html', scope).href, from: 'own' };
  url.hash = '';
  url.search = '';
  if (url.href === new URL('sw.js', scope).href) return undefined;
  return precacheUrls(manifest, scope).includes(url.href) ? { url: url.href, from: 'own' } : { url: url.href, from: 'any' };
}

/** Answers a request this worker handles: the cached copy, else the network (`network`). */
export async function respond(target: { readonly url: string; readonly from: 'own' | 'any' }, caches: CacheStore, manifest: PrecacheManifest, network: () => Promise<Response>): Promise<Response> {
  const own = cacheName(manifest.buildId);
  if (await caches.has(own)) {
    const hit = await (await caches.open(own)).match(target.url);
    if (hit) return hit;
  }
  if (target.from === 'any') {
    for (const name of (await caches.keys()).filter((key) => isBuildCache(key) && key !== own)) {
      const hit = await (await caches.open(name)).match(target.url);
      if (hit) return hit;
    }
  }
  return network();
}

/** The build id to report to the page: only when this build's cache is really there. */
export async function reportedBuildId(manifest: PrecacheManifest, caches: CacheStore): Promise<string | undefined> {
  return (await caches.has(cacheName(manifest.buildId))) ? manifest.buildId : undefined;
}
