import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import type { Plugin } from 'vite';

/**
 * The offline web app (issue 9): at the end of the renderer build this plugin writes
 *   - `sw.js`, the service worker compiled from renderer/src/service-worker/sw.ts, with the precache
 *     list of every file the build wrote and a build id that changes whenever any of them, or the
 *     worker's own code, changes;
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
  /**
   * SHA-256 (hex) of each precached file whose name carries no content hash, sorted by path: the
   * worker checks them while installing, so a server in the middle of a deploy cannot slip another
   * build's index.html (or manifest, licences, icons) into this build's offline copy.
   */
  readonly checksums: readonly { readonly path: string; readonly sha256: string }[];
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
 * Whether a file's name changes with its content: Vite names chunks and assets
 * `assets/<name>-<8-character hash>.<ext>`. Such a name can only ever hold this build's bytes, so the
 * worker need not check them; everything else (index.html, manifest.webmanifest, the licences, icons)
 * keeps its name from deploy to deploy and gets a checksum in the manifest.
 */
export function hasContentHash(file: string): boolean {
  return /^assets\/.+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/.test(file);
}

/**
 * The precache list and the build id: SHA-256 over the worker's own code (without its manifest) and
 * every precached path with the SHA-256 of its content, in a fixed order. Any changed byte, added or
 * removed file, or a change to the worker alone gives another id, hence another sw.js and another
 * cache, which is what makes the browser install the new version without touching the running
 * version's cache; an identical build gives the same id, so a rebuild with no change never asks
 * anyone to update.
 */
export function precacheManifest(files: readonly BuiltFile[], workerCode = ''): PrecacheManifest {
  const kept = files.filter((file) => isPrecached(file.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set<string>();
  const checksums: { path: string; sha256: string }[] = [];
  const hash = createHash('sha256');
  hash.update(`${SERVICE_WORKER_FILE}\0${createHash('sha256').update(workerCode).digest('hex')}\n`);
  for (const file of kept) {
    if (seen.has(file.path)) throw new Error(`${file.path} is listed twice in the build`);
    seen.add(file.path);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    hash.update(`${file.path}\0${sha256}\n`);
    if (!hasContentHash(file.path)) checksums.push({ path: file.path, sha256 });
  }
  return { buildId: hash.digest('hex').slice(0, 16), files: kept.map((file) => file.path), checksums };
}

/**
 * The named files of a build folder with their bytes. The names come from the bundle this build
 * emitted (chunks, CSS, worker scripts, assets and what this plugin emits), not from listing the
 * folder: in watch mode (`vite build --watch`, no emptyOutDir between rounds) the folder still holds
 * the previous rounds' chunks, which must not be precached. The renderer has no public folder, so
 * nothing reaches the output outside the bundle.
 */
export async function readBuiltFiles(folder: string, names: Iterable<string>): Promise<BuiltFile[]> {
  return Promise.all([...names].map(async (name) => ({ path: name.split(path.sep).join('/'), bytes: await readFile(path.join(folder, name)) })));
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
  /**
   * The package's own licence file (LICENSE, LICENCE, COPYING, any extension), verbatim: MIT,
   * Apache-2.0 and the like require their notice to go with every copy. Absent when it ships none.
   */
  readonly licenseText?: string;
}

/** The text of a package's licence file, if it has one (the first by name, so the choice is stable). */
export function readLicenceText(folder: string, list: (folder: string) => readonly string[] = readdirSync, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): string | undefined {
  let names: readonly string[];
  try {
    names = list(folder);
  } catch {
    return undefined;
  }
  // LICENSE, LICENSE.md, LICENCE-MIT, COPYING…, but not code named after it (license-checker.js).
  const file = [...names].filter((name) => /^(licen[cs]e|copying)([.-][a-z0-9]+)*$/i.test(name) && !/\.(c|m)?(js|ts)$|\.map$|\.json$/i.test(name)).sort()[0];
  if (file === undefined) return undefined;
  try {
    return read(path.join(folder, file));
  } catch {
    return undefined;
  }
}

/** The packages whose code the bundle contains, with version, declared licence and licence text, sorted by name. */
export function bundledPackages(moduleIds: Iterable<string>, readPackageJson: (folder: string) => unknown, readLicence: (folder: string) => string | undefined = () => undefined): BundledPackage[] {
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
    const licenseText = readLicence(folder);
    packages.push({ name, version: typeof record.version === 'string' ? record.version : 'UNKNOWN', license, ...(licenseText === undefined ? {} : { licenseText }) });
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

/**
 * The web app manifest; relative URLs resolve against its own location, the app's folder. No `id`:
 * the browser then uses start_url, which is what identifies the app anyway (a relative `id` is
 * resolved against start_url, not the manifest, and only confuses).
 */
export function webManifest(icons: readonly AppIcon[]): string {
  return `${JSON.stringify(
    {
      name: 'EGov Desk',
      short_name: 'EGov Desk',
      description: 'Answer the UN E-Government Survey questionnaires offline.',
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

/**
 * The global the worker reads its manifest from (renderer/src/service-worker/sw.ts reads the same
 * name). The manifest is prepended to the compiled code rather than compiled in, so the code can be
 * hashed into the build id before the id exists.
 */
export const MANIFEST_GLOBAL = '__EGOV_DESK_PRECACHE__';

/** sw.js: the manifest, then the worker's code. */
export function serviceWorkerScript(workerCode: string, manifest: PrecacheManifest): string {
  return `self.${MANIFEST_GLOBAL}=${JSON.stringify(manifest)};\n${workerCode}`;
}

/** Compiles the service worker (without its manifest): one classic script, no imports. */
async function compileServiceWorker(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
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
      const packages = bundledPackages(moduleIds, (folder) => JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as unknown, (folder) => readLicenceText(folder));
      this.emitFile({ type: 'asset', fileName: LICENSES_FILE, source: `${JSON.stringify(packages, null, 2)}\n` });
    },
    writeBundle: {
      order: 'post',
      async handler(_output, bundle) {
        // What this build emitted (worker chunks, CSS and assets included), read back as written.
        const files = await readBuiltFiles(outDir, Object.keys(bundle).filter(isPrecached));
        const workerCode = await compileServiceWorker(options.serviceWorkerEntry);
        const manifest = precacheManifest(files, workerCode);
        await writeFile(path.join(outDir, SERVICE_WORKER_FILE), serviceWorkerScript(workerCode, manifest));
        this.info(`service worker: build ${manifest.buildId}, ${String(manifest.files.length)} files precached`);
      },
    },
  };
}
