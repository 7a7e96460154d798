import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import type { Plugin } from 'vite';

/**
 * The offline web app (issue 9): at the end of the renderer build this plugin writes
 *   - `sw.js`, the service worker compiled from renderer/src/service-worker/sw.ts, with the precache
 *     list of every file the build wrote and a build id that changes whenever any of them changes;
 *   - `manifest.webmanifest`, so Chromium and Edge offer to install the app;
 *   - the app icons from build/icons/png (when that folder exists), linked as favicon and in the manifest;
 *   - `third-party-licenses.json`, the open-source packages bundled into the renderer with their licences.
 * Build only: `vite dev` serves modules one by one and has nothing stable to precache.
 */

/** What the service worker is compiled with (see renderer/src/service-worker/offline-cache.ts). */
export interface PrecacheManifest {
  readonly buildId: string;
  /** Paths relative to the app's folder, `/`-separated, sorted. */
  readonly files: readonly string[];
}

export interface BuiltFile {
  /** Relative to the build folder, `/`-separated. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export const SERVICE_WORKER_FILE = 'sw.js';
export const MANIFEST_FILE = 'manifest.webmanifest';
export const LICENSES_FILE = 'third-party-licenses.json';

/**
 * Whether a built file belongs in the offline copy. Source maps are for debugging and large; the
 * worker itself is fetched by the browser's own update check, never from the cache (a cached sw.js
 * could never be replaced).
 */
export function isPrecached(file: string): boolean {
  return !file.endsWith('.map') && file !== SERVICE_WORKER_FILE && !file.startsWith('.');
}

/**
 * The precache list and the build id: SHA-256 over every precached path and the SHA-256 of its
 * content, in a fixed order. Any changed byte, added or removed file gives another id, hence another
 * sw.js, which is what makes the browser install the new version; an identical build gives the same
 * id, so a rebuild with no change never asks anyone to update.
 */
export function precacheManifest(files: readonly BuiltFile[]): PrecacheManifest {
  const kept = files.filter((file) => isPrecached(file.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set<string>();
  const hash = createHash('sha256');
  for (const file of kept) {
    if (seen.has(file.path)) throw new Error(`${file.path} is listed twice in the build`);
    seen.add(file.path);
    hash.update(`${file.path}\0${createHash('sha256').update(file.bytes).digest('hex')}\n`);
  }
  return { buildId: hash.digest('hex').slice(0, 16), files: kept.map((file) => file.path) };
}

/** Every file under a folder, paths relative to it with `/`. */
export async function readBuiltFiles(folder: string): Promise<BuiltFile[]> {
  const names = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = names.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return { path: path.relative(folder, full).split(path.sep).join('/'), bytes: await readFile(full) };
    }),
  );
}

/** The package a bundled module comes from: the part after its last `node_modules/`. */
export function packageOfModule(moduleId: string): { readonly name: string; readonly folder: string } | undefined {
  const id = moduleId.replace(/^\0/, '').split('?')[0]?.split(path.sep).join('/') ?? '';
  const match = /^(.*\/node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  return { name: match[2], folder: `${match[1]}${match[2]}` };
}

export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  /** SPDX expression from the package's package.json, or "UNKNOWN" when it declares none. */
  readonly license: string;
}

/** The packages whose code the bundle contains, with version and declared licence, sorted by name. */
export function bundledPackages(moduleIds: Iterable<string>, readPackageJson: (folder: string) => unknown): BundledPackage[] {
  const folders = new Map<string, string>();
  for (const id of moduleIds) {
    const found = packageOfModule(id);
    if (found && !folders.has(found.name)) folders.set(found.name, found.folder);
  }
  const packages: BundledPackage[] = [];
  for (const [name, folder] of folders) {
    const json = readPackageJson(folder);
    const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    const license = typeof record.license === 'string' ? record.license : 'UNKNOWN';
    packages.push({ name, version: typeof record.version === 'string' ? record.version : 'UNKNOWN', license });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

export interface AppIcon {
  readonly size: number;
  readonly source: string;
  /** Where it goes in the build. */
  readonly file: string;
}

/** The PNG nearest each wanted size (192 and 512, what installable web apps need), if any exist. */
export function pickIcons(available: readonly number[], folder: string, wanted: readonly number[] = [192, 512]): AppIcon[] {
  if (available.length === 0) return [];
  const chosen = new Set<number>();
  for (const size of wanted) {
    const nearest = [...available].sort((a, b) => Math.abs(a - size) - Math.abs(b - size) || b - a)[0];
    if (nearest !== undefined) chosen.add(nearest);
  }
  return [...chosen].sort((a, b) => a - b).map((size) => ({ size, source: path.join(folder, `${String(size)}.png`), file: `icons/icon-${String(size)}.png` }));
}

/** The web app manifest; relative URLs resolve against its own location, the app's folder. */
export function webManifest(icons: readonly AppIcon[]): string {
  return `${JSON.stringify(
    {
      name: 'EGov Desk',
      short_name: 'EGov Desk',
      description: 'Answer the UN E-Government Survey questionnaires offline.',
      id: './',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      // The icon's background blue, so the installed window's title bar matches the icon.
      theme_color: '#1d4f8f',
      icons: icons.map((icon) => ({ src: icon.file, sizes: `${String(icon.size)}x${String(icon.size)}`, type: 'image/png', purpose: 'any' })),
    },
    null,
    2,
  )}\n`;
}

/** Compiles the service worker with its manifest built in: one classic script, no imports. */
async function compileServiceWorker(entry: string, manifest: PrecacheManifest): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { __PRECACHE_MANIFEST__: JSON.stringify(manifest) },
    build: {
      write: false,
      target: 'chrome120',
      minify: true,
      sourcemap: false,
      emptyOutDir: false,
      // A classic script (IIFE) rather than a module worker: every browser with service workers runs it.
      lib: { entry, formats: ['iife'], name: 'egovDeskServiceWorker', fileName: () => SERVICE_WORKER_FILE },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((item) => item.type === 'chunk');
    if (chunk) return chunk.code;
  }
  throw new Error('the service worker build produced no script');
}

/** Sizes as generated (build/icons/png/<size>.png); no folder, or anything else in it, is ignored. */
function iconSizes(folder: string): number[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((name) => /^(\d+)\.png$/.exec(name)?.[1])
    .filter((size): size is string => size !== undefined)
    .map(Number);
}

export interface OfflinePluginOptions {
  /** renderer/src/service-worker/sw.ts */
  readonly serviceWorkerEntry: string;
  /** build/icons/png: `<size>.png` files, optional. */
  readonly iconFolder: string;
}

export function offlineWebApp(options: OfflinePluginOptions): Plugin {
  let outDir = '';
  let icons: AppIcon[] = [];
  let favicon: AppIcon | undefined;
  return {
    name: 'egov-desk-offline',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      const sizes = iconSizes(options.iconFolder);
      icons = pickIcons(sizes, options.iconFolder);
      // A small one for the tab (browsers scale the 192 px icon down blurrily).
      favicon = pickIcons(sizes, options.iconFolder, [32])[0];
      if (icons.length === 0) config.logger.warn(`[offline] no icons in ${options.iconFolder}: the manifest and favicon go without them.`);
    },
    transformIndexHtml(html) {
      // The manifest link only in builds (dev has none); the favicon replaces the empty data: one.
      const withIcon = favicon ? html.replace(/<link rel="icon" href="data:," \/>/, `<link rel="icon" type="image/png" href="./${favicon.file}" />`) : html;
      return withIcon.replace('</title>', `</title>\n    <link rel="manifest" href="./${MANIFEST_FILE}" />`);
    },
    generateBundle(_options, bundle) {
      const files = favicon && !icons.some((icon) => icon.file === favicon?.file) ? [...icons, favicon] : icons;
      for (const icon of files) this.emitFile({ type: 'asset', fileName: icon.file, source: readFileSync(icon.source) });
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: webManifest(icons) });
      const moduleIds = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? item.moduleIds : []));
      const packages = bundledPackages(moduleIds, (folder) => JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as unknown);
      this.emitFile({ type: 'asset', fileName: LICENSES_FILE, source: `${JSON.stringify(packages, null, 2)}\n` });
    },
    writeBundle: {
      order: 'post',
      async handler() {
        // From the folder as written, so everything the build put there is listed (worker chunks,
        // CSS, assets), not only what this plugin saw in the bundle.
        const manifest = precacheManifest(await readBuiltFiles(outDir));
        await writeFile(path.join(outDir, SERVICE_WORKER_FILE), await compileServiceWorker(options.serviceWorkerEntry, manifest));
        this.info(`service worker: build ${manifest.buildId}, ${String(manifest.files.length)} files precached`);
      },
    },
  };
}
