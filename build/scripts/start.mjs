// `npm start` (after `npm run build`): runs the desktop app when Electron's binary is present, and
// otherwise serves the very same renderer build as an offline web app, so the app can always be
// tried. Never `require('electron')` here: when the binary is missing, that call starts a download.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electronPackageDir = path.join(root, 'node_modules', 'electron');
const rendererDir = path.join(root, 'dist', 'renderer');
const DEFAULT_WEB_PORT = 5180;
const INSTALL_TIMEOUT_MS = 120_000;

/**
 * Where the Electron binary should be, following the same path.txt that the electron package uses.
 * @returns {{ found: true, binary: string } | { found: false, reason: string }}
 */
function locateElectron() {
  if (!existsSync(electronPackageDir)) return { found: false, reason: 'the electron package is not installed' };
  const pathFile = path.join(electronPackageDir, 'path.txt');
  if (!existsSync(pathFile)) return { found: false, reason: 'its download never completed: node_modules/electron/path.txt is missing' };
  const binary = path.join(electronPackageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { found: false, reason: `${path.relative(root, binary)} is missing` };
  return { found: true, binary };
}

/**
 * One attempt at the electron package's own installer (on a normal machine it downloads the
 * binary). Bounded, so a machine without internet access falls back instead of hanging.
 * @returns {string | undefined} why the attempt failed, or undefined when it succeeded
 */
function tryInstallElectron() {
  console.log('Electron binary not found; trying to download it once (up to 120 s)...');
  const result = spawnSync(process.execPath, [path.join(electronPackageDir, 'install.js')], {
    cwd: electronPackageDir,
    stdio: 'inherit',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.error) return `download failed: ${result.error.message}`;
  if (result.status !== 0) return `download failed with exit code ${String(result.status)}`;
  return undefined;
}

/** @param {string} binary */
function runElectron(binary) {
  const env = { ...process.env };
  // When set (some shells and CI images do), Electron behaves as plain Node and ignores the app.
  delete env.ELECTRON_RUN_AS_NODE;
  // The repo root: its package.json `main` points at dist/electron/main.cjs.
  const child = spawn(binary, [root], { stdio: 'inherit', env });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 0 : 1);
  });
}

/** @returns {number} */
function webPort() {
  const fromEnv = Number(process.env.PORT);
  return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : DEFAULT_WEB_PORT;
}

/** @param {string} reason */
async function serveInstead(reason) {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`No renderer build in ${path.relative(root, rendererDir)}; run \`npm run build\` first.`);
    process.exitCode = 1;
    return;
  }
  // Imported only here: the desktop path must not depend on the web server module.
  const { serveWeb } = await import('./serve-web.mjs');
  const server = await serveWeb({ root: rendererDir, port: webPort() });
  console.log(`Electron's binary is not available here (${reason}); serving the same build as an offline web app instead.`);
  console.log(`Open ${server.url} in a browser. Press Ctrl+C to stop.`);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      void Promise.resolve(server.close()).finally(() => process.exit(0));
    });
  }
}

async function main() {
  let located = locateElectron();
  if (!located.found && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    located = { found: false, reason: `${located.reason}; ELECTRON_SKIP_BINARY_DOWNLOAD is set, so no download was tried` };
  } else if (!located.found) {
    const installFailure = tryInstallElectron();
    located = locateElectron();
    if (!located.found && installFailure !== undefined) located = { found: false, reason: installFailure };
  }
  if (located.found) runElectron(located.binary);
  else await serveInstead(located.reason);
}

await main();
