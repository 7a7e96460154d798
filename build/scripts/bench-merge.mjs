// `npm run bench:merge [-- --quick] [-- --fresh]`: how fast `egov-desk merge` verifies and merges.
// Not a test: it takes minutes, and its figures depend on the machine. It builds the CLI once,
// makes signed MSQ submissions with the CLI itself (keygen, sample, export), caches them under the
// OS temp folder, then times `merge --stats` on 100, 1,000 and 5,000 JSON files and on 100 and
// 1,000 Excel files, and says whether the targets of issue 7 hold.
//
// The data: groups of 42 countries (one `sample` seed each); every country is answered by three
// ministries with their own keys. Their answers agree except the focal point's title (three
// values) and, for the third ministry, the name of the lead agency (A.7): two conflicts per
// respondent, as when ministries split the MSQ and each fills in its own contact. Groups after the
// first rename their countries ("Ghana 2"), so every file set has distinct respondents instead of
// piling thousands of versions onto 42 countries.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const fresh = args.includes('--fresh');
const unknown = args.filter((a) => a !== '--quick' && a !== '--fresh');
if (unknown.length > 0) {
  console.error(`bench-merge: unknown argument ${unknown[0] ?? ''} (options: --quick, --fresh)`);
  process.exit(2);
}

/** Bump when the generated files must be made again (a change in how they are made). */
const CACHE_VERSION = 1;
const cacheRoot = process.env.EGOV_BENCH_CACHE ?? path.join(os.tmpdir(), 'egov-desk-bench');
const cache = path.join(cacheRoot, `merge-v${String(CACHE_VERSION)}`);
const cli = path.join(cacheRoot, 'cli.cjs');
const PER_GROUP = 42;
const QUESTIONNAIRE = 'msq-2024';

/** @typedef {'json' | 'xlsx'} Format */
/** @type {readonly { n: number; format: Format }[]} */
const RUNS = quick
  ? [
      { n: 100, format: 'json' },
      { n: 100, format: 'xlsx' },
    ]
  : [
      { n: 100, format: 'json' },
      { n: 1000, format: 'json' },
      { n: 5000, format: 'json' },
      { n: 100, format: 'xlsx' },
      { n: 1000, format: 'xlsx' },
    ];

/** Targets of issue 7: seconds to verify and merge 1,000 files. */
const TARGETS = /** @type {const} */ ({ json: 5, xlsx: 60 });
/** "Time grows linearly": per-file time at the largest N at most this many times that at the smallest. */
const LINEAR_FACTOR = 1.5;

const MINISTRIES = [
  { key: 'finance', name: 'Ama Boateng', org: 'Ministry of Finance', short: 'Finance' },
  { key: 'health', name: 'Lars Eriksen', org: 'Ministry of Health', short: 'Health' },
  { key: 'digital', name: 'Mei Tanaka', org: 'Ministry of Digital Affairs', short: 'Digital Affairs' },
];

/** @param {string} message */
function log(message) {
  process.stderr.write(`${message}\n`);
}

/** @param {string} dir */
function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
}

/**
 * Runs the CLI and fails loudly: a benchmark on half-made data would measure nothing.
 * @param {readonly string[]} cliArgs
 * @returns {Promise<{ code: number | null; stdout: string; stderr: string }>}
 */
function runCli(cliArgs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...cliArgs], { cwd: cache, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    child.stdout.on('data', (chunk) => out.push(/** @type {Buffer} */ (chunk)));
    child.stderr.on('data', (chunk) => err.push(/** @type {Buffer} */ (chunk)));
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** @param {readonly string[]} cliArgs */
async function mustRun(cliArgs) {
  const result = await runCli(cliArgs);
  if (result.code !== 0) throw new Error(`egov-desk ${cliArgs.join(' ')} failed (exit ${String(result.code)}):\n${result.stderr}${result.stdout}`);
  return result;
}

/**
 * Runs tasks with at most `limit` at once (the generation is as parallel as the benchmark).
 * @param {readonly (() => Promise<unknown>)[]} tasks
 * @param {number} limit
 */
async function inParallel(tasks, limit) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      if (task) await task();
    }
  });
  await Promise.all(lanes);
}

function buildCli() {
  log('Building the CLI…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', 'build/vite.cli.config.ts', '--logLevel', 'error', '--outDir', cacheRoot], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the CLI did not build');
}

async function makeIdentities() {
  for (const ministry of MINISTRIES) {
    if (existsSync(path.join(cache, 'identities', ministry.key, 'identity.json'))) continue;
    await mustRun(['keygen', '--name', ministry.name, '--org', ministry.org, '--email', `${ministry.key}@gov.example`, '--out', path.join('identities', ministry.key)]);
  }
}

/** @param {number} group */
const groupName = (group) => `g${String(group).padStart(3, '0')}`;

/**
 * The three ministries' response files of one group, from one `sample` seed.
 * @param {number} group
 */
async function makeResponses(group) {
  const dir = path.join(cache, 'responses', groupName(group));
  if (existsSync(path.join(dir, '.complete'))) return;
  rmSync(dir, { recursive: true, force: true });
  const sampled = path.join(dir, 'sampled');
  await mustRun(['sample', '--questionnaire', QUESTIONNAIRE, '--seed', `bench-${String(group)}`, '--count', String(PER_GROUP), '--out', sampled]);
  for (const [m, ministry] of MINISTRIES.entries()) {
    const target = path.join(dir, ministry.key);
    ensureDir(target);
    for (const name of readdirSync(sampled)) {
      const response = JSON.parse(readFileSync(path.join(sampled, name), 'utf8'));
      if (group > 0) response.respondent.place = `${String(response.respondent.place)} ${String(group + 1)}`;
      response.respondent.organisation = ministry.org;
      const answers = response.answers;
      if (m > 0 && typeof answers['0.2.title'] === 'string') answers['0.2.title'] = `${answers['0.2.title']} (${ministry.short})`;
      if (m === 2 && typeof answers['A.7'] === 'string') answers['A.7'] = `${answers['A.7']} (as reported by ${ministry.short})`;
      writeFileSync(path.join(target, name), `${JSON.stringify(response, null, 2)}\n`);
    }
  }
  rmSync(sampled, { recursive: true, force: true });
  writeFileSync(path.join(dir, '.complete'), '');
}

/**
 * Each ministry signs its responses of one group, an hour apart, in one format.
 * @param {number} group
 * @param {Format} format
 */
async function exportGroup(group, format) {
  const dir = path.join(cache, 'exports', format, groupName(group));
  if (existsSync(path.join(dir, '.complete'))) return;
  rmSync(dir, { recursive: true, force: true });
  for (const [m, ministry] of MINISTRIES.entries()) {
    const signedAt = new Date(Date.UTC(2024, 4, 1, m, group % 60)).toISOString();
    await mustRun([
      'export',
      path.join('responses', groupName(group), ministry.key),
      '--identity',
      path.join('identities', ministry.key, 'identity.json'),
      '--format',
      format,
      '--out',
      path.join(dir, ministry.key),
      '--signed-at',
      signedAt,
    ]);
  }
  writeFileSync(path.join(dir, '.complete'), '');
}

/**
 * A folder with exactly `n` files of the format (links into the exports): country by country,
 * the three ministries' files together, so a partial last group still has whole respondents.
 * @param {number} n
 * @param {Format} format
 */
function assembleSet(n, format) {
  const dir = path.join(cache, 'sets', `${format}-${String(n)}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  ensureDir(dir);
  let count = 0;
  for (let group = 0; count < n; group += 1) {
    const exported = path.join(cache, 'exports', format, groupName(group));
    const names = readdirSync(path.join(exported, MINISTRIES[0]?.key ?? '')).sort();
    for (const name of names) {
      for (const ministry of MINISTRIES) {
        if (count >= n) break;
        const target = path.join(dir, `${groupName(group)}-${ministry.key}-${name}`);
        try {
          linkSync(path.join(exported, ministry.key, name), target);
        } catch {
          copyFileSync(path.join(exported, ministry.key, name), target);
        }
        count += 1;
      }
    }
  }
  writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

/** @param {number} n @param {Format} format */
async function prepare(n, format) {
  const groups = Math.ceil(n / (PER_GROUP * MINISTRIES.length));
  const started = Date.now();
  const ids = Array.from({ length: groups }, (_, g) => g);
  const cores = os.availableParallelism();
  await inParallel(
    ids.map((g) => () => makeResponses(g)),
    cores,
  );
  await inParallel(
    ids.map((g) => () => exportGroup(g, format)),
    cores,
  );
  const dir = assembleSet(n, format);
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) log(`  made ${String(n)} ${format} files in ${seconds.toFixed(0)} s`);
  return dir;
}

const STATS = /verify ([\d.]+) s, merge ([\d.]+) s, outputs ([\d.]+) s, total ([\d.]+) s; \d+ files\/s \(verify and merge\); peak memory (\d+) MB/;

/**
 * @typedef {{ n: number; format: Format; verify: number; merge: number; outputs: number; total: number; wall: number; peakMb: number; workers: string }} Measurement
 */

/** @param {number} n @param {Format} format @param {string} dir @returns {Promise<Measurement>} */
async function measure(n, format, dir) {
  const out = path.join(cache, 'out', `${format}-${String(n)}`);
  rmSync(out, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const result = await runCli(['merge', dir, '--out', out, '--stats', '--json']);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  // Exit 1 is expected: the data has conflicts left to decide. 2 or a crash is a failure.
  if (result.code !== 0 && result.code !== 1) throw new Error(`merge of ${String(n)} ${format} files failed (exit ${String(result.code)}):\n${result.stderr}`);
  const summary = JSON.parse(result.stdout);
  if (summary.summary.files !== n) throw new Error(`merge saw ${String(summary.summary.files)} files, not ${String(n)}`);
  const match = STATS.exec(result.stderr);
  const workers = /stats: \d+ files, ([^;]+);/.exec(result.stderr)?.[1] ?? '?';
  if (!match) throw new Error(`no --stats line in:\n${result.stderr}`);
  const [, verify, merge, outputs, total, peak] = match.map(Number);
  return { n, format, verify: verify ?? 0, merge: merge ?? 0, outputs: outputs ?? 0, total: total ?? 0, wall, peakMb: peak ?? 0, workers };
}

/** @param {Measurement} m */
const verifyAndMerge = (m) => m.verify + m.merge;
/** @param {Measurement} m */
const perFileMs = (m) => (verifyAndMerge(m) / m.n) * 1000;

/** @param {readonly Measurement[]} results */
function report(results) {
  const header = ['N', 'format', 'verify+merge s', 'files/s', 'per file ms', 'outputs s', 'process s', 'peak MB', 'workers'];
  const rows = results.map((m) => [
    m.n.toLocaleString('en'),
    m.format,
    verifyAndMerge(m).toFixed(2),
    (m.n / verifyAndMerge(m)).toFixed(0),
    perFileMs(m).toFixed(2),
    m.outputs.toFixed(2),
    m.wall.toFixed(2),
    m.peakMb.toFixed(0),
    m.workers,
  ]);
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  console.log(`\nMerge benchmark, ${new Date().toISOString().slice(0, 10)}, ${String(os.availableParallelism())} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}\n`);
  console.log(lines.join('\n'));
  console.log('');

  for (const format of /** @type {const} */ (['json', 'xlsx'])) {
    const target = results.find((m) => m.format === format && m.n === 1000);
    if (target) {
      const seconds = verifyAndMerge(target);
      const ok = seconds < TARGETS[format];
      console.log(`Target, 1,000 ${format} files in under ${String(TARGETS[format])} s: ${ok ? 'met' : 'MISSED'} (${seconds.toFixed(2)} s${ok ? '' : `, ${(seconds - TARGETS[format]).toFixed(2)} s over`})`);
    }
    const runs = results.filter((m) => m.format === format).sort((a, b) => a.n - b.n);
    const smallest = runs[0];
    const largest = runs[runs.length - 1];
    if (smallest && largest && smallest !== largest) {
      const ratio = perFileMs(largest) / perFileMs(smallest);
      // The cost of each file beyond the second-largest run: fixed start-up costs cancel out.
      const before = runs[runs.length - 2] ?? smallest;
      const marginal = ((verifyAndMerge(largest) - verifyAndMerge(before)) / (largest.n - before.n)) * 1000;
      console.log(
        `Linear growth, ${format}: per-file time at N = ${largest.n.toLocaleString('en')} is ${ratio.toFixed(2)}× that at N = ${smallest.n.toLocaleString('en')}: ${ratio <= LINEAR_FACTOR ? 'linear (at most 1.5×)' : 'WORSE than linear'}; each file past N = ${before.n.toLocaleString('en')} costs ${marginal.toFixed(2)} ms`,
      );
    }
  }
}

async function main() {
  ensureDir(cache);
  if (fresh) rmSync(cache, { recursive: true, force: true });
  ensureDir(cache);
  buildCli();
  log(`Submissions are cached in ${cache} (--fresh makes them again).`);
  await makeIdentities();
  /** @type {Measurement[]} */
  const results = [];
  for (const { n, format } of RUNS) {
    log(`Preparing ${String(n)} ${format} files…`);
    const dir = await prepare(n, format);
    log(`Merging ${String(n)} ${format} files…`);
    const measured = await measure(n, format, dir);
    log(`  ${verifyAndMerge(measured).toFixed(2)} s to verify and merge, ${measured.outputs.toFixed(2)} s for the outputs`);
    results.push(measured);
  }
  report(results);
}

main().catch((error) => {
  console.error(`bench-merge: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
