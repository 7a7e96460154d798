import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltFile } from '../../../build/vite-plugin-offline';
import { MANIFEST_GLOBAL, bundledPackages, hasContentHash, isPrecached, packageOfModule, pickIcons, precacheManifest, readBuiltFiles, readLicenceText, serviceWorkerScript, webManifest } from '../../../build/vite-plugin-offline';

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

  it('changes the id when only the worker code changes, so a new worker never installs into the running cache', () => {
    const id = precacheManifest(build, 'worker v1').buildId;
    expect(precacheManifest(build, 'worker v2').buildId).not.toBe(id);
    expect(precacheManifest(build, 'worker v1').buildId).toBe(id);
  });

  it('writes sw.js as the manifest global, then the worker code (hashed without the manifest)', () => {
    const manifest = precacheManifest(build, 'console.log(self.__EGOV_DESK_PRECACHE__)');
    const script = serviceWorkerScript('console.log(self.__EGOV_DESK_PRECACHE__)', manifest);
    expect(MANIFEST_GLOBAL).toBe('__EGOV_DESK_PRECACHE__');
    expect(script.startsWith(`self.${MANIFEST_GLOBAL}={"buildId":"${manifest.buildId}","files":[`)).toBe(true);
    expect(script.endsWith('\nconsole.log(self.__EGOV_DESK_PRECACHE__)')).toBe(true);
    // The sw.ts source reads the same global the plugin writes.
    expect(readFileSync(join(import.meta.dirname, '../../../renderer/src/service-worker/sw.ts'), 'utf8')).toContain(`.${MANIFEST_GLOBAL}`);
  });

  it('lists the SHA-256 of every precached file whose name has no content hash, so the worker can check it', () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const withHashedNames = [file('index.html', '<!doctype html>'), file('assets/index-Ab_3-xYz.js', 'code'), file('assets/ReviewScreen-S-aI_1EK.js', 'r'), file('manifest.webmanifest', '{}'), file('third-party-licenses.json', '[]'), file('icons/icon-192.png', 'png'), file('sw.js', 'w')];
    expect(precacheManifest(withHashedNames).checksums).toStrictEqual([
      { path: 'icons/icon-192.png', sha256: sha256('png') },
      { path: 'index.html', sha256: sha256('<!doctype html>') },
      { path: 'manifest.webmanifest', sha256: sha256('{}') },
      { path: 'third-party-licenses.json', sha256: sha256('[]') },
    ]);
    expect(hasContentHash('assets/AboutScreen-CxHMWoPz.js')).toBe(true);
    expect(hasContentHash('assets/index-def.css')).toBe(false);
    expect(hasContentHash('index.html')).toBe(false);
    // The checksums go into sw.js with the rest of the manifest.
    const manifest = precacheManifest(withHashedNames);
    expect(serviceWorkerScript('', manifest)).toContain(`{"path":"index.html","sha256":"${sha256('<!doctype html>')}"}`);
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

  it('reads the files the bundle emitted, with / separators and their bytes, never a stale file left in the folder', async () => {
    folder = await mkdtemp(join(tmpdir(), 'offline-plugin-'));
    await mkdir(join(folder, 'assets', 'deep'), { recursive: true });
    await writeFile(join(folder, 'index.html'), 'page');
    await writeFile(join(folder, 'assets', 'deep', 'a.js'), 'code');
    // Left by an earlier round of `vite build --watch` (no emptyOutDir between rounds).
    await writeFile(join(folder, 'assets', 'index-stale.js'), 'old code');
    const files = await readBuiltFiles(folder, ['index.html', 'assets/deep/a.js']);
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

describe('the licence texts of bundled packages', () => {
  it('reads the package licence file (LICENSE, LICENCE, COPYING, any extension) and none when it ships none', () => {
    const files: Record<string, string> = { '/m/node_modules/a/LICENSE.md': 'MIT License text', '/m/node_modules/b/COPYING': 'GPL text' };
    const list = (folder: string): string[] => {
      if (folder.endsWith('/a')) return ['package.json', 'LICENSE.md', 'README.md'];
      if (folder.endsWith('/b')) return ['COPYING', 'index.js'];
      if (folder.endsWith('/c')) return ['index.js', 'license-checker.js.map'];
      throw new Error('ENOENT');
    };
    const read = (file: string): string => files[file.split('\\').join('/')] ?? '';
    expect(readLicenceText('/m/node_modules/a', list, read)).toBe('MIT License text');
    expect(readLicenceText('/m/node_modules/b', list, read)).toBe('GPL text');
    expect(readLicenceText('/m/node_modules/c', list, read)).toBeUndefined();
    expect(readLicenceText('/m/node_modules/missing', list, read)).toBeUndefined();
  });

  it('lists the text with each package, and reads real ones from node_modules', () => {
    const packages = bundledPackages(['/a/node_modules/zod/v4/index.js'], () => ({ version: '4.6.7', license: 'MIT' }), () => 'MIT License\n\nCopyright (c) Colin McDonnell');
    expect(packages).toStrictEqual([{ name: 'zod', version: '4.6.7', license: 'MIT', licenseText: 'MIT License\n\nCopyright (c) Colin McDonnell' }]);
    expect(readLicenceText(join(import.meta.dirname, '../../../node_modules/react'))).toContain('Permission is hereby granted');
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
    // No `id`: the browser derives it from start_url (a relative id would resolve against start_url).
    expect(manifest).not.toHaveProperty('id');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.icons).toStrictEqual([
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    ]);
    expect((JSON.parse(webManifest([])) as { icons: unknown[] }).icons).toStrictEqual([]);
  });
});
