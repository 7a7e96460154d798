import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, serveWeb } from '../../../build/scripts/serve-web.mjs';
import { hasContentHash } from '../../../build/vite-plugin-offline';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the static server’s caching (issue 10)', () => {
  it('keeps a file for a year exactly when the offline build calls its name content-hashed', () => {
    const names = [
      'assets/app-B5DWaT9B.js',
      'assets/index-4jUbgAsH.css',
      'assets/en-C6XcLYQd.js',
      'assets/app-B5DWaT9B.js.map',
      'assets/app.js',
      'assets/app-short.js',
      'index.html',
      'sw.js',
      'manifest.webmanifest',
      'icons/icon-32.png',
      'third-party-licenses.json',
    ];
    for (const name of names) expect(cacheControlFor(name) === IMMUTABLE, name).toBe(hasContentHash(name));
    expect(names.filter((name) => cacheControlFor(name) === IMMUTABLE)).toEqual(['assets/app-B5DWaT9B.js', 'assets/index-4jUbgAsH.css', 'assets/en-C6XcLYQd.js']);
  });

  describe('served', () => {
    let folder = '';
    let server: Awaited<ReturnType<typeof serveWeb>> | undefined;
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'egov-serve-'));
      await mkdir(join(folder, 'assets'));
      await writeFile(join(folder, 'index.html'), '<!doctype html>');
      await writeFile(join(folder, 'assets', 'app-B5DWaT9B.js'), 'export {};');
      server = await serveWeb({ root: folder });
    });
    afterAll(async () => {
      await server?.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('sends the page to be checked on every load, and a hashed chunk to be kept', async () => {
      const base = server?.url ?? '';
      const page = await fetch(base);
      const chunk = await fetch(new URL('assets/app-B5DWaT9B.js', base));
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(chunk.headers.get('cache-control')).toBe(IMMUTABLE);
      expect(await chunk.text()).toBe('export {};');
    });
  });
});
