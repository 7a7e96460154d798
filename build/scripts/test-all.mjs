// `npm test`: every check the project has, in the order CI runs them, each reported on its own,
// then one closing line "N passed, N failed" (tests plus the typecheck, lint and build gates).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = fileURLToPath(new URL('../../test-results', import.meta.url));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', TZ: 'UTC', FORCE_COLOR: '0' };

/** @param {string} title @param {string} command @param {string[]} args */
function run(title, command, args) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  console.log(`--- ${title}: ${status === 0 ? 'ok' : `failed (exit ${String(status)})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status === 0;
}

/** @param {string} file @returns {unknown} */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Passed and failed tests from a Vitest JSON report. A file that fails outside a test (an import
 * error, a failing beforeAll) fails no test but makes the run unsuccessful: that counts as one
 * failure, and so does a missing report (the run never happened).
 * @param {any} report
 */
function vitestCounts(report) {
  if (!report) return { passed: 0, failed: 1 };
  const failed = report.numFailedTests > 0 || report.success ? report.numFailedTests : 1;
  return { passed: report.numPassedTests ?? 0, failed };
}

/** Chromium for the e2e tests: Debian's package. Installed here when missing and we may (root). */
function ensureChromium() {
  if (existsSync(chromium)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`${chromium} is missing: installing Debian's chromium package.`);
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (update.status === 0 && install.status === 0 && existsSync(chromium)) return true;
  }
  console.log(`The e2e tests need Chromium at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return false;
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/** @type {[string, boolean][]} */
const gates = [];
gates.push(['typecheck', run('Typecheck (tsc, per runtime)', 'npm', ['run', '--silent', 'typecheck'])]);
gates.push(['lint', run('Lint (eslint, zero warnings)', 'npm', ['run', '--silent', 'lint'])]);

run('Unit tests (vitest)', 'npx', ['vitest', 'run', '--config', 'build/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/unit.json`]);
const { passed: unitPassed, failed: unitFailed } = vitestCounts(readJson(`${results}/unit.json`));

const built = run('Build (renderer, main, preload, CLI)', 'npm', ['run', '--silent', 'build']);
gates.push(['build', built]);

// Packaging: electron-builder packs the build against a stub Electron and the tests look inside
// app.asar (tests/package). Needs the build, so it runs here rather than with the unit tests.
let packagePassed = 0;
// As for e2e: one failure until the run reports its own counts.
let packageFailed = 1;
if (!built) {
  console.log('The packaging tests need the build; skipped, counted as one failure.');
} else {
  run('Packaging (electron-builder --dir, app.asar contents)', 'npx', [
    'vitest',
    'run',
    '--config',
    'build/vitest.package.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}/packaging.json`,
  ]);
  ({ passed: packagePassed, failed: packageFailed } = vitestCounts(readJson(`${results}/packaging.json`)));
}

let e2ePassed = 0;
// One failure until the e2e run reports its own counts: a run that never happened is not a pass.
let e2eFailed = 1;
if (!built) {
  console.log('The e2e tests need the build; skipped, counted as one failure.');
} else if (ensureChromium()) {
  run('End-to-end tests (Playwright, Debian Chromium)', 'npx', ['playwright', 'test', '--config', 'build/playwright.config.ts']);
  /** @type {any} */
  const e2e = readJson(`${results}/e2e.json`);
  if (e2e?.stats) {
    e2ePassed = e2e.stats.expected;
    e2eFailed = e2e.stats.unexpected + e2e.stats.flaky;
  }
}

const gatesPassed = gates.filter(([, ok]) => ok).length;
const gatesFailed = gates.length - gatesPassed;
console.log('\n=== Summary ===');
for (const [name, ok] of gates) console.log(`${name.padEnd(10)} ${ok ? 'ok' : 'FAILED'}`);
console.log(`unit       ${String(unitPassed)} passed, ${String(unitFailed)} failed`);
console.log(`package    ${String(packagePassed)} passed, ${String(packageFailed)} failed`);
console.log(`e2e        ${String(e2ePassed)} passed, ${String(e2eFailed)} failed`);
const passed = unitPassed + packagePassed + e2ePassed + gatesPassed;
const failed = unitFailed + packageFailed + e2eFailed + gatesFailed;
console.log(`${String(passed)} passed, ${String(failed)} failed`);
process.exit(failed === 0 ? 0 : 1);
