import { describe, expect, it, vi } from 'vitest';
import type { CacheStore, OfflineCache, PrecacheManifest } from '../../../renderer/src/service-worker/offline-cache';
import { PrecacheError, cacheName, cachedUrlFor, deleteOldBuilds, installBuild, precacheUrls, respond } from '../../../renderer/src/service-worker/offline-cache';

const scope = 'http://127.0.0.1:5180/app/';
const manifest: PrecacheManifest = { buildId: '0123456789abcdef', files: ['index.html', 'assets/index-a1.js', 'assets/index-b2.css', 'manifest.webmanifest'] };

/** CacheStorage in memory: cache name → URL → body text. */
function memoryCaches(initial: Record<string, Record<string, string>> = {}) {
  const caches = new Map<string, Map<string, string>>(Object.entries(initial).map(([name, entries]) => [name, new Map(Object.entries(entries))]));
  const store: CacheStore = {
    open(name) {
      let entries = caches.get(name);
      if (!entries) {
        entries = new Map();
        caches.set(name, entries);
      }
      const cache: OfflineCache = {
        match: (url) => Promise.resolve(entries.has(url) ? new Response(entries.get(url)) : undefined),
        put: async (url, response) => {
          entries.set(url, await response.text());
        },
      };
      return Promise.resolve(cache);
    },
    keys: () => Promise.resolve([...caches.keys()]),
    delete: (name) => Promise.resolve(caches.delete(name)),
  };
  return { store, caches };
}

const served = (url: string) => Promise.resolve(new Response(`body of ${url}`));

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
    expect(caches.size).toBe(0);
  });
});

describe('activate: only the running build is kept', () => {
  it('deletes the caches of older builds and leaves the current one and other caches alone', async () => {
    const { store, caches } = memoryCaches({ 'egov-desk-old1': {}, 'egov-desk-old2': {}, [cacheName(manifest.buildId)]: {}, 'someone-else': {} });
    expect((await deleteOldBuilds(manifest, store)).sort()).toStrictEqual(['egov-desk-old1', 'egov-desk-old2']);
    expect([...caches.keys()].sort()).toStrictEqual([cacheName(manifest.buildId), 'someone-else'].sort());
  });
});

describe('fetch: which requests come from the offline copy', () => {
  const get = (url: string, mode = 'cors') => ({ method: 'GET', url, mode });

  it('answers page loads anywhere in the app with the cached index.html (hash routing)', () => {
    expect(cachedUrlFor(get(scope, 'navigate'), manifest, scope)).toBe(`${scope}index.html`);
    expect(cachedUrlFor(get(`${scope}?utm=x#/response/r1`, 'navigate'), manifest, scope)).toBe(`${scope}index.html`);
    expect(cachedUrlFor(get('http://127.0.0.1:5180/elsewhere/', 'navigate'), manifest, scope)).toBeUndefined();
  });

  it('answers precached files from the cache, ignoring a query string', () => {
    expect(cachedUrlFor(get(`${scope}assets/index-a1.js`), manifest, scope)).toBe(`${scope}assets/index-a1.js`);
    expect(cachedUrlFor(get(`${scope}assets/index-b2.css?v=2`), manifest, scope)).toBe(`${scope}assets/index-b2.css`);
  });

  it('leaves everything else to the network: other files, other origins, anything but GET', () => {
    expect(cachedUrlFor(get(`${scope}assets/not-in-this-build.js`), manifest, scope)).toBeUndefined();
    expect(cachedUrlFor(get('https://www.gov.example/assets/index-a1.js'), manifest, scope)).toBeUndefined();
    expect(cachedUrlFor({ method: 'POST', url: `${scope}index.html`, mode: 'cors' }, manifest, scope)).toBeUndefined();
    expect(cachedUrlFor(get(`${scope}sw.js`), manifest, scope)).toBeUndefined();
  });

  it('responds from the cache, and from the network when the cache has lost the file', async () => {
    const { store } = memoryCaches({ [cacheName(manifest.buildId)]: { [`${scope}index.html`]: 'cached page' } });
    const network = vi.fn(() => Promise.resolve(new Response('from the network')));
    await expect((await respond(`${scope}index.html`, store, manifest, network)).text()).resolves.toBe('cached page');
    expect(network).not.toHaveBeenCalled();
    await expect((await respond(`${scope}assets/index-a1.js`, store, manifest, network)).text()).resolves.toBe('from the network');
  });
});
