import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getRawHeader, extractFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_FUSE_STATES, WEB_ONLY_FILES } from '../../build/electron-builder.config';
import { FUSE_WIRE_ORDER } from '../helpers/electron-fuses';

/**
 * Packs the BUILT app the way a release does (electron-builder with build/electron-builder.config.ts,
 * `--dir --linux`), against a stub Electron so no download is needed, then checks what would ship:
 * app.asar holds the built app and nothing else (no sources, tests, build configs, source maps or
 * node_modules), nothing unexpected sits beside it, and the fuses were flipped as configured.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const distDir = path.join(root, 'dist');
const electronBuilderCli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const execFileAsync = promisify(execFile);

/** What `npm run build` writes and packaging needs (see package.json "build"). */
const REQUIRED_BUILD_OUTPUTS = ['electron/main.cjs', 'electron/preload.cjs', 'renderer/index.html'];

/** The fuse wire's marker in Electron's binary (@electron/fuses); the wire follows it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire V1 order, as Electron defines it. */
const FUSE_ORDER = FUSE_WIRE_ORDER;
/** What a preload running with `sandbox: true` can require (Electron's sandboxed renderer). */
const SANDBOXED_PRELOAD_MODULES: ReadonlySet<string> = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);
const FUSE_ON = 0x31; // '1'
const FUSE_OFF = 0x30; // '0'
/** Electron 45's own defaults, so that a fuse the config forgot would keep its unsafe value here too. */
const ELECTRON_DEFAULT_WIRE = [FUSE_ON, FUSE_OFF, FUSE_ON, FUSE_ON, FUSE_OFF, FUSE_OFF, FUSE_OFF, FUSE_ON];

interface PackedFile {
  readonly path: string;
  readonly size: number;
  readonly unpacked: boolean;
}

interface HeaderNode {
  readonly files?: Record<string, HeaderNode>;
  readonly size?: number;
  readonly unpacked?: boolean;
  readonly link?: string;
}

/** Every file in the archive (directories walked, links listed with size 0), paths without a leading slash. */
function listFiles(node: HeaderNode, prefix = ''): PackedFile[] {
  return Object.entries(node.files ?? {}).flatMap(([name, child]) => {
    const childPath = prefix === '' ? name : `${prefix}/${name}`;
    if (child.files !== undefined) return listFiles(child, childPath);
    return [{ path: childPath, size: child.size ?? 0, unpacked: child.unpacked === true }];
  });
}

/** Files under `dir` on disk, relative and with forward slashes. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), relative) : [relative];
  });
}

/**
 * A stand-in for Electron's unpacked distribution: an executable named `electron` carrying a fuse
 * wire (sentinel, version 1, length 8, Electron's default states) so the fuse step has something to
 * flip, and the `version` file electron-builder reads.
 */
function makeStubElectron(dir: string): void {
  const wire = Buffer.from([1, ELECTRON_DEFAULT_WIRE.length, ...ELECTRON_DEFAULT_WIRE]);
  const script = Buffer.from('#!/bin/sh\necho "stub Electron for packaging tests"\nexit 0\n# ');
  writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, Buffer.from(FUSE_SENTINEL, 'latin1'), wire, Buffer.from('\n')]), {
    mode: 0o755,
  });
  // The installed Electron's version, so an upgrade never leaves the stub behind.
  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  writeFileSync(path.join(dir, 'version'), version);
}

function readFuseWire(binary: string): number[] {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error(`${binary} carries no fuse wire.`);
  const length = bytes[at + FUSE_SENTINEL.length + 1] ?? 0;
  return [...bytes.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + length)];
}

/** electron-builder itself failed: its output says why (a config error, a missing file). */
class PackFailedError extends Error {
  constructor(cause: unknown) {
    const output = cause instanceof Error && 'stdout' in cause && 'stderr' in cause ? `${String(cause.stdout)}\n${String(cause.stderr)}` : String(cause);
    super(`electron-builder --dir failed:\n${output}`, { cause });
    this.name = 'PackFailedError';
  }
}

const missingBuild = REQUIRED_BUILD_OUTPUTS.filter((file) => !existsSync(path.join(distDir, file)));

/** The tests that look at the package: skipped (not passed) when there is no build to pack. */
const itBuilt = it.skipIf(missingBuild.length > 0);

let workDir = '';
let appDir = '';
let asarPath = '';
let packed: PackedFile[] = [];

beforeAll(async () => {
  if (missingBuild.length > 0) return;
  workDir = mkdtempSync(path.join(tmpdir(), 'egov-desk-pack-'));
  const stubDir = path.join(workDir, 'electron-dist');
  const outDir = path.join(workDir, 'release');
  mkdirSync(stubDir);
  makeStubElectron(stubDir);
  try {
    await execFileAsync(
      process.execPath,
      [
        electronBuilderCli,
        '--config',
        'build/electron-builder.config.ts',
        '--dir',
        '--linux',
        '--x64',
        `-c.electronDist=${stubDir}`,
        `-c.directories.output=${outDir}`,
      ],
      {
        cwd: root,
        env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false', FORCE_COLOR: '0' },
        timeout: 100_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    throw new PackFailedError(error);
  }
  appDir = path.join(outDir, 'linux-unpacked');
  asarPath = path.join(appDir, 'resources', 'app.asar');
  packed = listFiles(getRawHeader(asarPath).header);
});

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('is packed from a build (run `npm run build` first)', () => {
    expect(
      missingBuild,
      `dist/ is not built: ${missingBuild.map((file) => `dist/${file}`).join(', ')} missing. Run \`npm run build\` before the packaging tests (\`npm test\` does).`,
    ).toEqual([]);
  });

  itBuilt('keeps everything inside app.asar: resources/ holds app.asar alone', () => {
    // No resources/app/ folder (which onlyLoadAppFromAsar would ignore anyway), no app.asar.unpacked,
    // no stray extra resources.
    expect(readdirSync(path.join(appDir, 'resources'))).toEqual(['app.asar']);
    expect(packed.filter((file) => file.unpacked).map((file) => file.path)).toEqual([]);
    // Beside resources/: the executable (renamed from the stub's `electron`) and the Electron
    // distribution's own files; nothing from the repository.
    expect(readdirSync(appDir).sort()).toEqual(['egov-desk', 'resources', 'version']);
  });

  itBuilt('has a package.json whose `main` is packed, with the name that locates the saved data', () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(manifest.main).toBe('dist/electron/main.cjs');
    expect(packed.map((file) => file.path)).toContain(manifest.main);
    // Electron names the user-data folder (IndexedDB, keys) after productName: never change it.
    expect(manifest.productName).toBe('EGov Desk');
    expect(manifest.name).toBe('egov-desk');
    // Nothing to install at run time: the bundles are self-contained.
    expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
    expect(manifest.scripts).toBeUndefined();
  });

  itBuilt('contains the built main, preload and renderer, byte for byte', () => {
    const names = new Set(packed.map((file) => file.path));
    for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(names, `${file} is missing from app.asar`).toContain(file);
      expect(extractFile(asarPath, file).equals(readFileSync(path.join(root, file))), `${file} in app.asar differs from the build`).toBe(true);
    }
    // The whole renderer build except source maps: lazily loaded screens and workers included.
    const rendererFiles = walk(path.join(distDir, 'renderer'))
      .filter((file) => !file.endsWith('.map') && !WEB_ONLY_FILES.includes(file))
      .map((file) => `dist/renderer/${file}`);
    expect(rendererFiles.filter((file) => !names.has(file))).toEqual([]);
    // Every script and stylesheet index.html names is there.
    const html = readFileSync(path.join(distDir, 'renderer', 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => `dist/renderer/${match[1] ?? ''}`);
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((file) => !names.has(file))).toEqual([]);
  });

  itBuilt('contains nothing else: no sources, tests, build configs, source maps, CLI or node_modules', () => {
    const paths = packed.map((file) => file.path);
    const allowed = (file: string): boolean =>
      file === 'package.json' ||
      file === 'dist/electron/main.cjs' ||
      file === 'dist/electron/preload.cjs' ||
      (file.startsWith('dist/renderer/') && !file.endsWith('.map') && !WEB_ONLY_FILES.some((web) => file === `dist/renderer/${web}`));
    expect(paths.filter((file) => !allowed(file)), 'files packed outside the allow-list').toEqual([]);
    // The same, named by what must never ship, so a failure says what went wrong.
    const forbidden: [string, (file: string) => boolean][] = [
      ['TypeScript sources', (file) => /\.(?:ts|tsx|mts|cts)$/.test(file)],
      ['source maps', (file) => file.endsWith('.map')],
      ['tests', (file) => /(?:^|\/)tests?\//.test(file) || /\.test\.[cm]?[jt]sx?$/.test(file)],
      ['build tooling', (file) => file.startsWith('build/')],
      ['renderer sources', (file) => file.startsWith('renderer/')],
      ['shared/ sources', (file) => file.startsWith('shared/')],
      ['electron/ sources', (file) => file.startsWith('electron/')],
      ['questionnaire sources (bundled into the renderer)', (file) => file.startsWith('questionnaires/')],
      ['node_modules', (file) => file.split('/').includes('node_modules')],
      ['the command-line tool (cannot run in the packaged app)', (file) => file === 'dist/cli.cjs'],
      ['benchmark builds', (file) => file.startsWith('dist/bench')],
      ['lockfiles and tool configs', (file) => /^(?:package-lock\.json|tsconfig.*\.json|eslint\.config\.[cm]?[jt]s|\.eslintrc.*|(?:vite|vitest|playwright)(?:\.[\w-]+)?\.config\.[cm]?[jt]s)$/.test(path.basename(file))],
      ['the web-only service worker', (file) => WEB_ONLY_FILES.some((web) => file === `dist/renderer/${web}`)],
    ];
    for (const [what, test] of forbidden) expect(paths.filter(test), what).toEqual([]);
  });

  itBuilt('is of a sane size: the built app, not a copy of the repository', () => {
    const total = packed.reduce((sum, file) => sum + file.size, 0);
    const asarBytes = statSync(asarPath).size;
    // The renderer alone is a few MB (exceljs ~1 MB per copy); 50 MB would mean dependencies or maps.
    expect(total).toBeGreaterThan(500_000);
    expect(asarBytes).toBeLessThan(50_000_000);
    expect(asarBytes).toBeGreaterThanOrEqual(total);
  });

  itBuilt('requires nothing at run time but Electron and Node built-ins', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const bundle of ['dist/electron/main.cjs', 'dist/electron/preload.cjs']) {
      const code = extractFile(asarPath, bundle).toString('utf8');
      // Code lines only: an inlined library's comments may quote `require('x')` in examples.
      const required = code
        .split('\n')
        .filter((line) => !/^\s*(?:\/\/|\*|\/\*)/.test(line))
        .flatMap((line) => [...line.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1] ?? ''));
      expect(required, `${bundle} requires nothing?`).toContain('electron');
      expect(
        required.filter((name) => name !== 'electron' && !builtins.has(name)),
        `${bundle} requires modules the packaged app does not contain`,
      ).toEqual([]);
      // A sandboxed preload may load only these; anything else would fail when the window opens.
      if (bundle.endsWith('preload.cjs')) {
        expect(required.filter((name) => !SANDBOXED_PRELOAD_MODULES.has(name)), 'the sandboxed preload requires what it cannot load').toEqual([]);
      }
    }
  });

  itBuilt('has its Electron fuses flipped as build/electron-builder.config.ts says', () => {
    const wire = readFuseWire(path.join(appDir, 'egov-desk'));
    const actual = Object.fromEntries(FUSE_ORDER.map((name, index) => [name, wire[index] === FUSE_ON]));
    expect(actual).toEqual(ELECTRON_FUSE_STATES);
    // And so, whatever the config says, the risky ones are off in what ships.
    expect(actual).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
    });
  });
});
