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
  /**
   * The SHA-256 (hex) of each precached file whose name carries no content hash (index.html, the web
   * manifest, the licences, icons). Those names stay the same from one deploy to the next, so a server
   * caught mid-deploy (or a stale proxy) could answer with another build's copy; the install checks
   * them and fails rather than store a mix. Hashed asset names cannot mix builds and need none.
   */
  readonly checksums?: readonly { readonly path: string; readonly sha256: string }[];
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
 * The order in which builds took over (activated), one small entry per build (each worker writes only
 * its own, so two workers never overwrite each other's record). Build ids are hashes and say nothing
 * about age: this is how an activating worker knows which build the open tabs were running until now.
 * A sequence number rather than a time: the device clock can jump back, and install times say nothing
 * about which build was actually in use (a build can install, wait and be discarded unused).
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

/**
 * Each recorded build's activation sequence number, by build id (see META_CACHE), and every build
 * with a record of any kind (`all`, so outdated records can be cleared).
 */
async function activationOrder(caches: CacheStore, scope: string): Promise<{ readonly order: Map<string, number>; readonly all: string[] }> {
  const order = new Map<string, number>();
  const all: string[] = [];
  if (!(await caches.has(META_CACHE))) return { order, all };
  const meta = await caches.open(META_CACHE);
  const prefix = new URL('__egov-desk-build/', scope).href;
  for (const url of await meta.urls()) {
    if (!url.startsWith(prefix)) continue;
    all.push(url.slice(prefix.length));
    const hit = await meta.match(url);
    const record: unknown = hit ? await hit.json().catch(() => undefined) : undefined;
    // Older records (`startedAt`, an install time) say nothing about use: counted as no record.
    const activated = typeof record === 'object' && record !== null ? (record as { activated?: unknown }).activated : undefined;
    if (typeof activated === 'number' && Number.isSafeInteger(activated)) order.set(url.slice(prefix.length), activated);
  }
  return { order, all };
}

/** Hex SHA-256 of some bytes (WebCrypto: the worker's and Node's). */
async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Downloads every file of this build into the build's own cache. All or nothing: if any file fails,
 * or a file listed with a checksum has other content (another deploy's index.html), the install
 * rejects, so the browser discards this worker and a half-cached or mixed version never takes over
 * (the next check tries again). The partial cache is deleted only if this install created it: a
 * cache that existed before (the same build, running in some tab) is never deleted.
 */
export async function installBuild(manifest: PrecacheManifest, scope: string, caches: CacheStore, fetcher: Fetcher): Promise<void> {
  const name = cacheName(manifest.buildId);
  const existed = await caches.has(name);
  const cache = await caches.open(name);
  const expected = new Map((manifest.checksums ?? []).map((entry) => [new URL(entry.path, scope).href, entry.sha256.toLowerCase()]));
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
      const sha256 = expected.get(url);
      if (sha256 === undefined) {
        await cache.put(url, storable(response));
        continue;
      }
      const bytes = await response.arrayBuffer();
      const actual = await sha256Hex(bytes);
      if (actual !== sha256) throw new PrecacheError(url, `its content is not this version's (SHA-256 ${actual}, expected ${sha256})`);
      // Read once to check it, so stored from the bytes (a plain response, as storable() would make).
      await cache.put(url, new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers }));
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, download));
    // Something deleted the cache while it was filled: a worker that took over meanwhile.
    if (!(await caches.has(name))) throw new PrecacheError(name, 'the cache was deleted while installing');
  } catch (error) {
    queue.length = 0;
    if (!existed) await caches.delete(name);
    throw error;
  }
}

/**
 * Refills this build's cache when it has gone missing (the browser or the person cleared site data
 * while the worker stayed registered), one refill at a time: a second request while one runs joins
 * it instead of racing it (two at once: the loser's failure would delete the winner's finished
 * cache). Resolves at once when the cache is there.
 */
export function refiller(manifest: PrecacheManifest, scope: string, caches: CacheStore, fetcher: Fetcher): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = async (): Promise<void> => {
    if (await caches.has(cacheName(manifest.buildId))) return;
    await installBuild(manifest, scope, caches, fetcher);
  };
  return () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}

/**
 * Once this build has taken over: records it as the most recently activated build, then keeps only
 * its own cache and the cache of the build activated just before it (tabs not yet reloaded still run
 * that one and load code from it on first use). Every other build cache goes, never-activated ones
 * included (a version that installed, waited and was replaced by a newer one). A newer version
 * downloading right now loses its cache too, notices (installBuild's last check) and is retried at the
 * next check. When no other build has an activation record (caches from before the records), the one
 * created last counts as the previous build: caches.keys() lists caches in creation order.
 * Other caches on the origin are never touched. Returns the deleted names.
 */
export async function activateBuild(manifest: PrecacheManifest, scope: string, caches: CacheStore): Promise<string[]> {
  const own = manifest.buildId;
  const { order, all } = await activationOrder(caches, scope);
  const meta = await caches.open(META_CACHE);
  const latest = Math.max(0, ...[...order].filter(([build]) => build !== own).map(([, seq]) => seq));
  const ownSeq = order.get(own);
  if (ownSeq === undefined || ownSeq <= latest) {
    await meta.put(metaUrl(scope, own), new Response(JSON.stringify({ activated: latest + 1 }), { headers: { 'content-type': 'application/json' } }));
  }
  const others = (await caches.keys()).filter((name) => isBuildCache(name) && name !== cacheName(own));
  const recorded = others.filter((name) => order.has(buildOf(name))).sort((a, b) => (order.get(buildOf(b)) ?? 0) - (order.get(buildOf(a)) ?? 0));
  const previous = recorded[0] ?? others.at(-1);
  const doomed = others.filter((name) => name !== previous);
  for (const name of doomed) await caches.delete(name);
  // Records of builds whose cache is gone are of no more use.
  const kept = new Set([own, ...(previous === undefined ? [] : [buildOf(previous)])]);
  for (const build of all) if (!kept.has(build)) await meta.delete(metaUrl(scope, build));
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

/**
 * The whole answer to a fetch: `undefined` when the browser should fetch as if there were no worker,
 * else the response and, for a page load, work to finish afterwards (the worker's waitUntil): if this
 * build's cache has gone (site data cleared while the worker stayed registered), the page is answered
 * from the network and the offline copy is stored again, so the app opens offline next time without
 * waiting for someone to open the About screen.
 */
export function answer(
  request: RequestFacts,
  manifest: PrecacheManifest,
  scope: string,
  caches: CacheStore,
  network: () => Promise<Response>,
  refill: () => Promise<void>,
): { readonly response: Promise<Response>; readonly afterwards?: Promise<void> } | undefined {
  const target = cachedUrlFor(request, manifest, scope);
  if (target === undefined) return undefined;
  const response = respond(target, caches, manifest, network);
  if (request.mode !== 'navigate') return { response };
  // After the answer, so the download never delays the page; a failed refill (offline, a file
  // missing) is simply tried again at the next page load.
  const afterwards = response.then(refill, refill).catch(() => undefined);
  return { response, afterwards };
}

/** The build id to report to the page: only when this build's cache is really there. */
export async function reportedBuildId(manifest: PrecacheManifest, caches: CacheStore): Promise<string | undefined> {
  return (await caches.has(cacheName(manifest.buildId))) ? manifest.buildId : undefined;
}
