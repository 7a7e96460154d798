import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { CacheStore, OfflineCache, PrecacheManifest } from '../../../renderer/src/service-worker/offline-cache';
import { META_CACHE, PrecacheError, activateBuild, answer, cacheName, cachedUrlFor, installBuild, precacheUrls, refiller, reportedBuildId, respond, storable } from '../../../renderer/src/service-worker/offline-cache';

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

describe('install: files whose name has no content hash are checked against the manifest', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const checked: PrecacheManifest = { ...manifest, checksums: [{ path: 'index.html', sha256: sha256(`body of ${scope}index.html`) }, { path: 'manifest.webmanifest', sha256: sha256(`body of ${scope}manifest.webmanifest`) }] };

  it('stores the files when their content is this build\'s', async () => {
    const { store, caches } = memoryCaches();
    await installBuild(checked, scope, store, served);
    expect(caches.get(cacheName(manifest.buildId))?.get(`${scope}index.html`)).toBe(`body of ${scope}index.html`);
    expect(caches.get(cacheName(manifest.buildId))?.size).toBe(4);
  });

  it('fails the install and keeps nothing when the server answers with another deploy\'s index.html', async () => {
    const { store, caches } = memoryCaches();
    const fetcher = (url: string) => (url.endsWith('index.html') ? Promise.resolve(new Response('<!doctype html><script src="assets/index-NEXT.js">')) : served(url));
    const install = installBuild(checked, scope, store, fetcher);
    await expect(install).rejects.toBeInstanceOf(PrecacheError);
    await expect(install).rejects.toThrow(`Could not cache ${scope}index.html for offline use: its content is not this version's`);
    expect(buildCaches(caches)).toStrictEqual([]);
  });
});

describe('activate: keeps this build and the one the open tabs were running, nothing else', () => {
  /** Installs each build (as a browser would when it finds a new sw.js); none takes over yet. */
  async function installed(store: CacheStore, ...builds: PrecacheManifest[]) {
    for (const build of builds) await installBuild(build, scope, store, served);
  }
  const x: PrecacheManifest = { buildId: 'cccccccccccccccc', files: ['index.html', 'assets/index-x.js'] };

  it('keeps the running build when a waiting version was replaced by a newer one before anyone updated', async () => {
    const { store, caches } = memoryCaches({ 'someone-else': {} });
    // A runs; X installs and waits ("Later"); Y (newer) is deployed and replaces X as the waiting
    // version (X discarded, its cache stays); then Y takes over.
    await installed(store, older);
    await activateBuild(older, scope, store);
    await installed(store, x, newer);
    expect(await activateBuild(newer, scope, store)).toStrictEqual([cacheName(x.buildId)]);
    // Tabs still on A load its lazily loaded chunks from A's cache.
    expect(buildCaches(caches)).toStrictEqual([cacheName(older.buildId), cacheName(newer.buildId), 'someone-else'].sort());
  });

  it('orders by activation, never by the device clock: keeps the build activated just before, deletes the ones before it', async () => {
    const clock = vi.spyOn(Date, 'now');
    const { store, caches } = memoryCaches();
    const oldest: PrecacheManifest = { buildId: '9999999999999999', files: ['index.html'] };
    clock.mockReturnValue(5000);
    await installed(store, oldest);
    await activateBuild(oldest, scope, store);
    // The clock goes back (a wrong date fixed, a time zone change): it must not matter.
    clock.mockReturnValue(1000);
    await installed(store, older);
    await activateBuild(older, scope, store);
    clock.mockReturnValue(3000);
    await installed(store, manifest);
    expect(await activateBuild(manifest, scope, store)).toStrictEqual([cacheName(oldest.buildId)]);
    expect(buildCaches(caches)).toStrictEqual([cacheName(older.buildId), cacheName(manifest.buildId)].sort());
    clock.mockRestore();
  });

  it('forgets the records of deleted builds, so they never count again', async () => {
    const { store, caches } = memoryCaches();
    for (const build of [older, x, newer]) {
      await installed(store, build);
      await activateBuild(build, scope, store);
    }
    expect(buildCaches(caches)).toStrictEqual([cacheName(x.buildId), cacheName(newer.buildId)].sort());
    expect([...(caches.get(META_CACHE)?.keys() ?? [])].sort()).toStrictEqual([`${scope}__egov-desk-build/${newer.buildId}`, `${scope}__egov-desk-build/${x.buildId}`].sort());
  });

  it('a cache without a record (from before the records) never outranks the build activated before', async () => {
    const { store, caches } = memoryCaches();
    await installed(store, older);
    await activateBuild(older, scope, store);
    // Created after `older`, but never activated with a record.
    caches.set(cacheName('legacy0000000000'), new Map());
    await installed(store, manifest);
    expect(await activateBuild(manifest, scope, store)).toStrictEqual([cacheName('legacy0000000000')]);
    expect(buildCaches(caches)).toStrictEqual([cacheName(older.buildId), cacheName(manifest.buildId)].sort());
  });

  it('with no records at all, keeps the cache created last before its own (creation order)', async () => {
    const { store, caches } = memoryCaches({ [cacheName('legacy1111111111')]: {}, [cacheName('legacy2222222222')]: {} });
    await installed(store, manifest);
    expect(await activateBuild(manifest, scope, store)).toStrictEqual([cacheName('legacy1111111111')]);
    expect(buildCaches(caches)).toStrictEqual([cacheName('legacy2222222222'), cacheName(manifest.buildId)].sort());
  });

  it('counts old install-time records as no record', async () => {
    const { store, caches } = memoryCaches();
    await installed(store, older, x);
    await (await store.open(META_CACHE)).put(`${scope}__egov-desk-build/${x.buildId}`, new Response(JSON.stringify({ startedAt: 9e15 })));
    await activateBuild(older, scope, store);
    await installed(store, manifest);
    expect(await activateBuild(manifest, scope, store)).toStrictEqual([cacheName(x.buildId)]);
    expect(buildCaches(caches)).toStrictEqual([cacheName(older.buildId), cacheName(manifest.buildId)].sort());
  });

  it('a refilled cache is not stamped as newest: the next activation still keeps the build that ran last', async () => {
    const { store, caches } = memoryCaches();
    await installed(store, older);
    await activateBuild(older, scope, store);
    await installed(store, manifest);
    await activateBuild(manifest, scope, store);
    // A tab of `older` never reloaded; the storage of `manifest` is cleared and refilled.
    caches.delete(cacheName(manifest.buildId));
    await refiller(manifest, scope, store, served)();
    await installed(store, newer);
    expect(await activateBuild(newer, scope, store)).toStrictEqual([cacheName(older.buildId)]);
  });

  it('a newer version still installing when an older one takes over notices its cache went, and fails (retried at the next check)', async () => {
    const { store } = memoryCaches();
    await installed(store, older);
    await activateBuild(older, scope, store);
    let activated: Promise<string[]> | undefined;
    const fetcher = (url: string) => {
      activated ??= activateBuild(manifest, scope, store);
      return activated.then(() => served(url));
    };
    await installed(store, manifest);
    await expect(installBuild(newer, scope, store, fetcher)).rejects.toThrow('the cache was deleted while installing');
  });
});

describe('refilling a lost offline copy', () => {
  it('runs one refill at a time: asking again meanwhile joins it, and the finished cache stays', async () => {
    const { store, caches } = memoryCaches();
    let calls = 0;
    const fetcher = async (url: string) => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return served(url);
    };
    const refill = refiller(manifest, scope, store, fetcher);
    await Promise.all([refill(), refill(), refill()]);
    expect(calls).toBe(manifest.files.length);
    expect(caches.get(cacheName(manifest.buildId))?.size).toBe(manifest.files.length);
    // Present: nothing is downloaded again.
    await refill();
    expect(calls).toBe(manifest.files.length);
  });

  it('a page load that finds the cache gone is answered from the network, then the copy is stored again', async () => {
    const { store, caches } = memoryCaches();
    const network = vi.fn(() => Promise.resolve(new Response('page from the network')));
    const handled = answer({ method: 'GET', url: scope, mode: 'navigate' }, manifest, scope, store, network, refiller(manifest, scope, store, served));
    await expect(handled?.response.then((response) => response.text())).resolves.toBe('page from the network');
    await handled?.afterwards;
    expect(caches.get(cacheName(manifest.buildId))?.size).toBe(manifest.files.length);
    // Other requests never start a refill.
    expect(answer({ method: 'GET', url: `${scope}assets/index-a1.js`, mode: 'cors' }, manifest, scope, store, network, () => Promise.reject(new Error('no')))?.afterwards).toBeUndefined();
    expect(answer({ method: 'GET', url: `${scope}sw.js`, mode: 'cors' }, manifest, scope, store, network, () => Promise.resolve())).toBeUndefined();
  });

  it('a failed refill after a page load is dropped quietly (tried again at the next page load)', async () => {
    const { store, caches } = memoryCaches();
    const handled = answer({ method: 'GET', url: scope, mode: 'navigate' }, manifest, scope, store, () => Promise.resolve(new Response('page')), refiller(manifest, scope, store, () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(handled?.afterwards).resolves.toBeUndefined();
    expect(buildCaches(caches)).toStrictEqual([]);
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
