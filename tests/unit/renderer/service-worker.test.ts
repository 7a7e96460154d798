import { describe, expect, it, vi } from 'vitest';
import type { CacheStore, OfflineCache, PrecacheManifest } from '../../../renderer/src/service-worker/offline-cache';
import { META_CACHE, PrecacheError, cacheName, cachedUrlFor, deleteOldBuilds, installBuild, precacheUrls, reportedBuildId, respond, storable } from '../../../renderer/src/service-worker/offline-cache';

const scope = 'http://127.0.0.1:5180/app/';
const manifest: PrecacheManifest = { buildId: '0123456789abcdef', files: ['index.html', 'assets/index-a1.js', 'assets/index-b2.css', 'manifest.webmanifest'] };
const older: PrecacheManifest = { buildId: 'aaaaaaaaaaaaaaaa', files: ['index.html', 'assets/index-old.js'] };
const newer: PrecacheManifest = { buildId: 'bbbbbbbbbbbbbbbb', files: ['index.html', 'assets/index-new.js'] };

/** CacheStorage in memory: cache name → URL → body text. */
function memoryCaches(initial: Record<string, Record<string, string>> = {}) {
  const caches = new Map<string, Map<string, string>>(Object.entries(initial).map(([name, entries]) => [name, new Map(Object.entries(entries))]));
  const stored: Response[] = [];
  const store: CacheStore = {
    open(name) {
      let entries = caches.get(name);
      if (!entries) {
        entries = new Map();
        caches.set(name, entries);
      }
      const current = entries;
      const cache: OfflineCache = {
        match: (url) => Promise.resolve(current.has(url) ? new Response(current.get(url)) : undefined),
        put: async (url, response) => {
          stored.push(response);
          current.set(url, await response.text());
        },
        delete: (url) => Promise.resolve(current.delete(url)),
        urls: () => Promise.resolve([...current.keys()]),
      };
      return Promise.resolve(cache);
    },
    has: (name) => Promise.resolve(caches.has(name)),
    keys: () => Promise.resolve([...caches.keys()]),
    delete: (name) => Promise.resolve(caches.delete(name)),
  };
  return { store, caches, stored };
}

const served = (url: string) => Promise.resolve(new Response(`body of ${url}`));
const buildCaches = (caches: Map<string, unknown>) => [...caches.keys()].filter((name) => name !== META_CACHE).sort();

describe('install: every file of the build, or nothing', () => {
  it('downloads each precached file into the cache named by the build id', async () => {
    const { store, caches } = memoryCaches();
    const fetcher = vi.fn(served);
    await installBuild(manifest, scope, store, fetcher);
    expect(fetcher).toHaveBeenCalledTimes(4);
    const cached = caches.get(cacheName(manifest.buildId));
    expect([...(cached?.keys() ?? [])].sort()).toStrictEqual(precacheUrls(manifest, scope).sort());
    expect(cached?.get('http://127.0.0.1:5180/app/assets/index-a1.js')).toBe('body of http://127.0.0.1:5180/app/assets/index-a1.js');
  });

  it('fails the install and leaves no partial cache when one file answers 404', async () => {
    const { store, caches } = memoryCaches();
    const fetcher = (url: string) => Promise.resolve(url.endsWith('.css') ? new Response('gone', { status: 404 }) : new Response('ok'));
    const install = installBuild(manifest, scope, store, fetcher);
    await expect(install).rejects.toBeInstanceOf(PrecacheError);
    await expect(install).rejects.toThrow('Could not cache http://127.0.0.1:5180/app/assets/index-b2.css for offline use: HTTP 404');
    expect(caches.has(cacheName(manifest.buildId))).toBe(false);
  });

  it('fails the install when the network fails for one file, naming it', async () => {
    const { store, caches } = memoryCaches();
    const fetcher = (url: string) => (url.endsWith('manifest.webmanifest') ? Promise.reject(new TypeError('Failed to fetch')) : served(url));
    await expect(installBuild(manifest, scope, store, fetcher)).rejects.toThrow('manifest.webmanifest for offline use: Failed to fetch');
    expect(buildCaches(caches)).toStrictEqual([]);
  });

  it('never deletes a cache that existed before the install began (the running version may be using it)', async () => {
    const running = { [`${scope}index.html`]: 'the running copy' };
    const { store, caches } = memoryCaches({ [cacheName(manifest.buildId)]: running });
    const fetcher = (url: string) => (url.endsWith('.css') ? Promise.reject(new TypeError('Failed to fetch')) : served(url));
    await expect(installBuild(manifest, scope, store, fetcher)).rejects.toBeInstanceOf(PrecacheError);
    expect(caches.get(cacheName(manifest.buildId))?.has(`${scope}index.html`)).toBe(true);
  });

  it('fails when its cache was deleted while it was being filled', async () => {
    const { store, caches } = memoryCaches();
    const fetcher = (url: string) => {
      if (url.endsWith('manifest.webmanifest')) caches.delete(cacheName(manifest.buildId));
      return served(url);
    };
    await expect(installBuild(manifest, scope, store, fetcher)).rejects.toThrow('the cache was deleted while installing');
  });

  it('stores a redirected response as a plain one (Chromium refuses redirected responses for page loads)', async () => {
    const redirected = new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'content-type': 'text/html' } });
    Object.defineProperty(redirected, 'redirected', { value: true });
    const copy = storable(redirected);
    expect(copy).not.toBe(redirected);
    expect(copy.redirected).toBe(false);
    expect(copy.status).toBe(200);
    expect(copy.headers.get('content-type')).toBe('text/html');
    await expect(copy.text()).resolves.toBe('<!doctype html>');
    const plain = new Response('x');
    expect(storable(plain)).toBe(plain);

    const { store, stored } = memoryCaches();
    await installBuild({ buildId: manifest.buildId, files: ['index.html'] }, scope, store, () => {
      const response = new Response('page');
      Object.defineProperty(response, 'redirected', { value: true });
      return Promise.resolve(response);
    });
    expect(stored.filter((response) => response.headers.get('content-type') !== 'application/json').map((response) => response.redirected)).toStrictEqual([false]);
  });
});

describe('activate: only caches of OLDER builds go, the previous one last', () => {
  /** Installs builds in this order (one millisecond apart), as a browser would over time. */
  async function installed(store: CacheStore, ...builds: PrecacheManifest[]) {
    let at = 1000;
    for (const build of builds) {
      at += 1;
      const time = at;
      await installBuild(build, scope, store, served, { now: () => time });
    }
  }

  it('keeps the previous build (tabs still running it load code from it) and deletes the ones before', async () => {
    const { store, caches } = memoryCaches({ 'someone-else': {} });
    const oldest: PrecacheManifest = { buildId: '9999999999999999', files: ['index.html'] };
    await installed(store, oldest, older, manifest);
    expect(await deleteOldBuilds(manifest, scope, store)).toStrictEqual([cacheName(oldest.buildId)]);
    expect(buildCaches(caches)).toStrictEqual([cacheName(older.buildId), cacheName(manifest.buildId), 'someone-else'].sort());
  });

  it('never deletes a newer build that is still installing when an older one activates', async () => {
    const { store, caches } = memoryCaches();
    await installed(store, older, manifest, newer);
    // `manifest` activates late (say the person chose "Update now" in a tab while `newer` downloads).
    expect(await deleteOldBuilds(manifest, scope, store)).toStrictEqual([]);
    expect(buildCaches(caches)).toContain(cacheName(newer.buildId));
  });

  it('counts a cache without an install record (from before the records) as the oldest', async () => {
    const { store, caches } = memoryCaches({ [cacheName('legacy0000000000')]: {} });
    await installed(store, older, manifest);
    expect(await deleteOldBuilds(manifest, scope, store)).toStrictEqual([cacheName('legacy0000000000')]);
    expect(buildCaches(caches)).toStrictEqual([cacheName(older.buildId), cacheName(manifest.buildId)].sort());
  });

  it('deletes nothing when its own age is unknown', async () => {
    const { store, caches } = memoryCaches({ [cacheName(older.buildId)]: {}, [cacheName(manifest.buildId)]: {}, [cacheName(newer.buildId)]: {} });
    expect(await deleteOldBuilds(manifest, scope, store)).toStrictEqual([]);
    expect(buildCaches(caches)).toHaveLength(3);
  });

  it('refilling a lost cache keeps the build its original age', async () => {
    const { store, caches } = memoryCaches();
    await installed(store, manifest, newer);
    caches.delete(cacheName(manifest.buildId));
    await installBuild(manifest, scope, store, served, { refill: true, now: () => 5000 });
    // `newer` is still newer: its activation may delete `manifest` later, never the other way round.
    expect(await deleteOldBuilds(manifest, scope, store)).toStrictEqual([]);
  });
});

describe('fetch: which requests come from the offline copy', () => {
  const get = (url: string, mode = 'cors') => ({ method: 'GET', url, mode });

  it('answers page loads anywhere in the app with the cached index.html (hash routing)', () => {
    expect(cachedUrlFor(get(scope, 'navigate'), manifest, scope)).toStrictEqual({ url: `${scope}index.html`, from: 'own' });
    expect(cachedUrlFor(get(`${scope}?utm=x#/response/r1`, 'navigate'), manifest, scope)?.url).toBe(`${scope}index.html`);
    expect(cachedUrlFor(get('http://127.0.0.1:5180/elsewhere/', 'navigate'), manifest, scope)).toBeUndefined();
  });

  it('answers precached files from this build, ignoring a query string', () => {
    expect(cachedUrlFor(get(`${scope}assets/index-a1.js`), manifest, scope)).toStrictEqual({ url: `${scope}assets/index-a1.js`, from: 'own' });
    expect(cachedUrlFor(get(`${scope}assets/index-b2.css?v=2`), manifest, scope)).toStrictEqual({ url: `${scope}assets/index-b2.css`, from: 'own' });
  });

  it('looks for other same-origin files in any of the app caches; other origins, non-GET and sw.js go to the network untouched', () => {
    expect(cachedUrlFor(get(`${scope}assets/not-in-this-build.js`), manifest, scope)).toStrictEqual({ url: `${scope}assets/not-in-this-build.js`, from: 'any' });
    expect(cachedUrlFor(get('https://www.gov.example/assets/index-a1.js'), manifest, scope)).toBeUndefined();
    expect(cachedUrlFor({ method: 'POST', url: `${scope}index.html`, mode: 'cors' }, manifest, scope)).toBeUndefined();
    expect(cachedUrlFor(get(`${scope}sw.js`), manifest, scope)).toBeUndefined();
  });

  it('responds from the cache, and from the network when the cache has lost the file', async () => {
    const { store } = memoryCaches({ [cacheName(manifest.buildId)]: { [`${scope}index.html`]: 'cached page' } });
    const network = vi.fn(() => Promise.resolve(new Response('from the network')));
    await expect((await respond({ url: `${scope}index.html`, from: 'own' }, store, manifest, network)).text()).resolves.toBe('cached page');
    expect(network).not.toHaveBeenCalled();
    await expect((await respond({ url: `${scope}assets/index-a1.js`, from: 'own' }, store, manifest, network)).text()).resolves.toBe('from the network');
  });

  it('serves an older build chunk to a tab still running it from that build cache, before the network', async () => {
    const chunk = `${scope}assets/AboutScreen-old.js`;
    const { store } = memoryCaches({ [cacheName(manifest.buildId)]: {}, [cacheName(older.buildId)]: { [chunk]: 'old about screen' }, 'someone-else': { [chunk]: 'not ours' } });
    const network = vi.fn(() => Promise.resolve(new Response('gone', { status: 404 })));
    await expect((await respond({ url: chunk, from: 'any' }, store, manifest, network)).text()).resolves.toBe('old about screen');
    expect(network).not.toHaveBeenCalled();
  });
});

describe('the build id reported to the page', () => {
  it('is reported only while its cache exists', async () => {
    const { store, caches } = memoryCaches({ [cacheName(manifest.buildId)]: {} });
    await expect(reportedBuildId(manifest, store)).resolves.toBe(manifest.buildId);
    caches.delete(cacheName(manifest.buildId));
    await expect(reportedBuildId(manifest, store)).resolves.toBeUndefined();
  });
});
