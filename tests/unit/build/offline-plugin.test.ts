import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltFile } from '../../../build/vite-plugin-offline';
import { bundledPackages, isPrecached, packageOfModule, pickIcons, precacheManifest, readBuiltFiles, webManifest } from '../../../build/vite-plugin-offline';

const file = (path: string, text: string): BuiltFile => ({ path, bytes: new TextEncoder().encode(text) });

const build = [
  file('index.html', '<!doctype html>'),
  file('assets/index-abc.js', 'console.log(1)'),
  file('assets/index-abc.js.map', '{}'),
  file('assets/index-def.css', 'body{}'),
  file('assets/verify-worker-123.js', 'onmessage=()=>{}'),
  file('manifest.webmanifest', '{}'),
  file('sw.js', 'old worker'),
];

describe('the precache list and build id', () => {
  it('lists every built file but source maps and the worker itself, sorted', () => {
    expect(precacheManifest(build).files).toStrictEqual(['assets/index-abc.js', 'assets/index-def.css', 'assets/verify-worker-123.js', 'index.html', 'manifest.webmanifest']);
    expect(isPrecached('assets/a.js.map')).toBe(false);
    expect(isPrecached('sw.js')).toBe(false);
    expect(isPrecached('third-party-licenses.json')).toBe(true);
  });

  it('gives the same id for the same files in any order, and a 16-hex-digit id', () => {
    const id = precacheManifest(build).buildId;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(precacheManifest([...build].reverse()).buildId).toBe(id);
  });

  it('changes the id when any precached byte changes, or a file is added, removed or renamed', () => {
    const id = precacheManifest(build).buildId;
    const changed = build.map((f) => (f.path === 'index.html' ? file('index.html', '<!doctype html> ') : f));
    expect(precacheManifest(changed).buildId).not.toBe(id);
    expect(precacheManifest([...build, file('assets/new.js', '')]).buildId).not.toBe(id);
    expect(precacheManifest(build.filter((f) => f.path !== 'manifest.webmanifest')).buildId).not.toBe(id);
    const renamed = build.map((f) => (f.path === 'assets/index-abc.js' ? { ...f, path: 'assets/index-xyz.js' } : f));
    expect(precacheManifest(renamed).buildId).not.toBe(id);
  });

  it('ignores what is not precached: a changed source map or old sw.js gives the same id', () => {
    const id = precacheManifest(build).buildId;
    const other = build.map((f) => (f.path.endsWith('.map') || f.path === 'sw.js' ? file(f.path, 'different') : f));
    expect(precacheManifest(other).buildId).toBe(id);
  });

  it('refuses a path listed twice', () => {
    expect(() => precacheManifest([...build, file('index.html', 'again')])).toThrow('index.html is listed twice');
  });
});

describe('reading the build folder', () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('lists files in subfolders with / separators and their bytes', async () => {
    folder = await mkdtemp(join(tmpdir(), 'offline-plugin-'));
    await mkdir(join(folder, 'assets', 'deep'), { recursive: true });
    await writeFile(join(folder, 'index.html'), 'page');
    await writeFile(join(folder, 'assets', 'deep', 'a.js'), 'code');
    const files = await readBuiltFiles(folder);
    expect(files.map((f) => f.path).sort()).toStrictEqual(['assets/deep/a.js', 'index.html']);
    expect(new TextDecoder().decode(files.find((f) => f.path === 'index.html')?.bytes)).toBe('page');
  });
});

describe('the licences of bundled packages', () => {
  it('finds the package of a module, scoped or not, nested node_modules included', () => {
    expect(packageOfModule('/app/node_modules/react-dom/cjs/react-dom.production.js')).toStrictEqual({ name: 'react-dom', folder: '/app/node_modules/react-dom' });
    expect(packageOfModule('\0/app/node_modules/@scope/pkg/index.js?commonjs-module')).toStrictEqual({ name: '@scope/pkg', folder: '/app/node_modules/@scope/pkg' });
    expect(packageOfModule('/app/node_modules/a/node_modules/b/x.js')?.name).toBe('b');
    expect(packageOfModule('/app/renderer/src/main.tsx')).toBeUndefined();
  });

  it('lists each package once with version and licence, sorted, and says UNKNOWN when none is declared', () => {
    const read = (folder: string): unknown =>
      folder.endsWith('/zod') ? { name: 'zod', version: '4.6.7', license: 'MIT' } : folder.endsWith('/dexie') ? { version: '4.4.7', license: 'Apache-2.0' } : { version: '1.0.0' };
    const packages = bundledPackages(['/a/node_modules/zod/v4/index.js', '/a/node_modules/zod/v4/core.js', '/a/node_modules/dexie/dist/dexie.mjs', '/a/node_modules/mystery/i.js', '/a/shared/x.ts'], read);
    expect(packages).toStrictEqual([
      { name: 'dexie', version: '4.4.7', license: 'Apache-2.0' },
      { name: 'mystery', version: '1.0.0', license: 'UNKNOWN' },
      { name: 'zod', version: '4.6.7', license: 'MIT' },
    ]);
  });
});

describe('icons and the web app manifest', () => {
  it('picks the sizes nearest 192 and 512, and none when there are no icons', () => {
    expect(pickIcons([16, 32, 64, 128, 256, 512, 1024], '/icons').map((icon) => icon.size)).toStrictEqual([256, 512]);
    expect(pickIcons([192, 512], '/icons')).toStrictEqual([
      { size: 192, source: join('/icons', '192.png'), file: 'icons/icon-192.png' },
      { size: 512, source: join('/icons', '512.png'), file: 'icons/icon-512.png' },
    ]);
    expect(pickIcons([48], '/icons').map((icon) => icon.size)).toStrictEqual([48]);
    expect(pickIcons([], '/icons')).toStrictEqual([]);
  });

  it('writes an installable manifest: name, relative start URL, standalone, colours, icons', () => {
    const manifest = JSON.parse(webManifest(pickIcons([192, 512], '/icons'))) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'EGov Desk', short_name: 'EGov Desk', start_url: './', scope: './', display: 'standalone' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.icons).toStrictEqual([
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    ]);
    expect((JSON.parse(webManifest([])) as { icons: unknown[] }).icons).toStrictEqual([]);
  });
});
