// `npm run bench:merge [-- --quick] [-- --fresh] [-- --jobs N]`: how fast `egov-desk merge` verifies and merges.
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
//
// The cache is keyed on what the CLI makes (a fingerprint of a probe submission, see
// `cacheKey`), so files made by an older CLI in another format are never measured; and every run
// must merge every file, or the benchmark fails (a run where files were unreadable measures
// nothing). Cached files that no longer merge cleanly are made again once.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const fresh = args.includes('--fresh');
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? args[jobsAt + 1] : undefined;
const unknown = args.filter((a, i) => a !== '--quick' && a !== '--fresh' && i !== jobsAt && i !== jobsAt + 1);
if (unknown.length > 0 || (jobsAt >= 0 && !/^\d+$/.test(jobs ?? ''))) {
  console.error(`bench-merge: ${unknown.length > 0 ? `unknown argument ${unknown[0] ?? ''}` : '--jobs needs a whole number'} (options: --quick, --fresh, --jobs N)`);
  process.exit(2);
}

/** Bump when the generated files must be made again for a reason the probe cannot see (a change in how they are made here). */
const CACHE_VERSION = 2;
const cacheRoot = process.env.EGOV_BENCH_CACHE ?? path.join(os.tmpdir(), 'egov-desk-bench');
const cli = path.join(cacheRoot, 'cli.cjs');
/** Keys and the probe live outside the keyed cache: the probe needs a key to sign with. */
const identitiesRoot = path.join(cacheRoot, 'identities');
/** The keyed cache folder (`merge-<key>`), set by `openCache` once the CLI is built. */
let cache = '';
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
      { n: 500, format: 'xlsx' },
      { n: 1000, format: 'xlsx' },
    ];

/** Targets of issue 7: seconds to verify and merge 1,000 files. */
const TARGETS = /** @type {const} */ ({ json: 5, xlsx: 60 });
/**
 * "Time grows linearly": the marginal cost of a file (the extra time per extra file from one N to
 * the next) at the larger Ns at most this many times that at the smaller. Per-file time falling
 * with N proves nothing (fixed costs shrink per file even when the rest grows faster than N).
 */
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
 * @param {string} [cwd]
 * @returns {Promise<{ code: number | null; stdout: string; stderr: string }>}
 */
function runCli(cliArgs, cwd = cache) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...cliArgs], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    child.stdout.on('data', (chunk) => out.push(/** @type {Buffer} */ (chunk)));
    child.stderr.on('data', (chunk) => err.push(/** @type {Buffer} */ (chunk)));
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** @param {readonly string[]} cliArgs @param {string} [cwd] */
async function mustRun(cliArgs, cwd = cache) {
  const result = await runCli(cliArgs, cwd);
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
  ensureDir(identitiesRoot);
  for (const ministry of MINISTRIES) {
    if (existsSync(path.join(identitiesRoot, ministry.key, 'identity.json'))) continue;
    await mustRun(['keygen', '--name', ministry.name, '--org', ministry.org, '--email', `${ministry.key}@gov.example`, '--out', ministry.key], identitiesRoot);
  }
}

/**
 * A fingerprint of what this CLI makes: one sample response, signed as JSON at a fixed time, with
 * what changes from run to run (the submission id, the signature) blanked. Any change in the
 * response or submission format, or in how `sample` fills it in, changes the key, and the files
 * are made again in a new folder. (A change only in the Excel layout does not show here: such
 * files then fail to merge cleanly, and are made again once; see `main`.)
 */
async function cacheKey() {
  const probe = path.join(cacheRoot, 'probe');
  rmSync(probe, { recursive: true, force: true });
  ensureDir(probe);
  await mustRun(['sample', '--questionnaire', QUESTIONNAIRE, '--seed', 'probe', '--out', 'response.json'], probe);
  const identity = path.join(identitiesRoot, MINISTRIES[0]?.key ?? '', 'identity.json');
  const exported = await runCli(['export', 'response.json', '--identity', identity, '--format', 'json', '--signed-at', '2024-05-01T00:00:00Z', '--out', 'signed.json'], probe);
  if (exported.code !== 0) return undefined;
  const signed = readFileSync(path.join(probe, 'signed.json'), 'utf8')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/"value": "[A-Za-z0-9+/=]{80,}"/g, '"value": "<signature>"');
  const key = createHash('sha256').update(`${String(CACHE_VERSION)}\n${readFileSync(path.join(probe, 'response.json'), 'utf8')}\n${signed}`).digest('hex').slice(0, 16);
  rmSync(probe, { recursive: true, force: true });
  return key;
}

/** Chooses the cache folder for this CLI; folders made by other CLIs are removed (they only take space). */
async function openCache() {
  await makeIdentities();
  let key = await cacheKey();
  if (key === undefined) {
    // The keys themselves are in a format this CLI no longer reads: make them again.
    rmSync(identitiesRoot, { recursive: true, force: true });
    await makeIdentities();
    key = await cacheKey();
    if (key === undefined) throw new Error('the probe submission could not be signed with fresh keys');
  }
  const name = `merge-${key}`;
  for (const entry of readdirSync(cacheRoot)) if (entry.startsWith('merge-') && entry !== name) rmSync(path.join(cacheRoot, entry), { recursive: true, force: true });
  cache = path.join(cacheRoot, name);
  ensureDir(cache);
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
      path.join(identitiesRoot, ministry.key, 'identity.json'),
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
 * @typedef {{ n: number; format: Format; verify: number; merge: number; outputs: number; total: number; wall: number; peakMb: number; workers: string; load: number }} Measurement
 */

/** The cached files did not all merge: made by another CLI, or damaged. Thrown so they can be made again once. */
class StaleFilesError extends Error {}

/** @param {number} n @param {Format} format @param {string} dir @returns {Promise<Measurement>} */
async function measure(n, format, dir) {
  const out = path.join(cache, 'out', `${format}-${String(n)}`);
  rmSync(out, { recursive: true, force: true });
  // The machine's one-minute load just before: figures taken on a busy machine say so.
  const load = os.loadavg()[0] ?? 0;
  const started = process.hrtime.bigint();
  const result = await runCli(['merge', dir, '--out', out, '--stats', '--json', ...(jobs === undefined ? [] : ['--jobs', jobs])]);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  // Exit 1 is expected: the data has conflicts left to decide. 2, 3 or a crash is a failure.
  if (result.code !== 0 && result.code !== 1) throw new Error(`merge of ${String(n)} ${format} files failed (exit ${String(result.code)}):\n${result.stderr}`);
  const summary = JSON.parse(result.stdout);
  const counts = summary.summary;
  if (counts.files !== n) throw new Error(`merge saw ${String(counts.files)} files, not ${String(n)}`);
  // Every file must be verified and merged: a run where some were unreadable, kept out or
  // duplicates did less work than it claims, and its files per second would be a lie.
  if (counts.merged !== n || counts.unreadable !== 0) {
    /** @type {{ file: string; standing: string; reason: string | null }[]} */
    const files = summary.files;
    const examples = files
      .filter((f) => f.standing !== 'merged')
      .slice(0, 3)
      .map((f) => `  ${f.file}: ${f.standing}${f.reason === null ? '' : ` (${f.reason})`}`);
    throw new StaleFilesError(`merge of ${String(n)} ${format} files merged ${String(counts.merged)} of them (${String(counts.unreadable)} unreadable); for example:\n${examples.join('\n')}`);
  }
  const match = STATS.exec(result.stderr);
  const workers = /stats: \d+ files, ([^;]+);/.exec(result.stderr)?.[1] ?? '?';
  if (!match) throw new Error(`no --stats line in:\n${result.stderr}`);
  const [, verify, merge, outputs, total, peak] = match.map(Number);
  return { n, format, verify: verify ?? 0, merge: merge ?? 0, outputs: outputs ?? 0, total: total ?? 0, wall, peakMb: peak ?? 0, workers, load };
}

/** @param {Measurement} m */
const verifyAndMerge = (m) => m.verify + m.merge;
/** @param {Measurement} m */
const perFileMs = (m) => (verifyAndMerge(m) / m.n) * 1000;

/** @param {readonly Measurement[]} results */
function report(results) {
  const header = ['N', 'format', 'verify+merge s', 'files/s', 'per file ms', 'outputs s', 'process s', 'peak MB', 'workers', 'load'];
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
    m.load.toFixed(1),
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
    if (runs.length < 2) continue;
    // The extra time per extra file between successive sizes: fixed costs (starting the workers)
    // cancel out, so linear growth shows as a flat marginal cost.
    const steps = runs.slice(1).map((m, i) => {
      const before = runs[i] ?? m;
      return { from: before.n, to: m.n, ms: ((verifyAndMerge(m) - verifyAndMerge(before)) / (m.n - before.n)) * 1000 };
    });
    const shown = steps.map((s) => `${s.from.toLocaleString('en')} to ${s.to.toLocaleString('en')}: ${s.ms.toFixed(2)} ms`).join(', ');
    const first = steps[0];
    const last = steps[steps.length - 1];
    if (!first || !last || steps.length < 2) {
      console.log(`Growth, ${format}: each file past N = ${runs[0]?.n.toLocaleString('en') ?? '?'} costs ${shown}; two sizes cannot show whether the growth is linear`);
      continue;
    }
    const ratio = last.ms / first.ms;
    const verdict = ratio <= LINEAR_FACTOR ? `linear (the last step's cost per file is ${ratio.toFixed(2)}× the first's, at most ${String(LINEAR_FACTOR)}×)` : `WORSE than linear (the last step's cost per file is ${ratio.toFixed(2)}× the first's)`;
    console.log(`Growth, ${format}: cost of each extra file ${shown}: ${verdict}`);
  }
}

async function main() {
  ensureDir(cacheRoot);
  if (fresh) rmSync(cacheRoot, { recursive: true, force: true });
  ensureDir(cacheRoot);
  buildCli();
  await openCache();
  log(`Submissions are cached in ${cache} (--fresh makes them again).`);
  /** @type {Measurement[]} */
  const results = [];
  /** @type {Set<Format>} */
  const remade = new Set();
  for (const { n, format } of RUNS) {
    log(`Preparing ${String(n)} ${format} files…`);
    let dir = await prepare(n, format);
    log(`Merging ${String(n)} ${format} files${jobs === undefined ? '' : ` with --jobs ${jobs}`}…`);
    let measured;
    try {
      measured = await measure(n, format, dir);
    } catch (error) {
      if (!(error instanceof StaleFilesError) || remade.has(format)) throw error;
      // Made by a CLI that signed or laid them out differently: make this format's files again, once.
      log(`  ${error.message}\n  The cached ${format} files do not all merge with this CLI; making them again.`);
      remade.add(format);
      rmSync(path.join(cache, 'exports', format), { recursive: true, force: true });
      for (const entry of readdirSync(path.join(cache, 'sets'))) if (entry.startsWith(`${format}-`)) rmSync(path.join(cache, 'sets', entry), { recursive: true, force: true });
      dir = await prepare(n, format);
      measured = await measure(n, format, dir);
    }
    log(`  ${verifyAndMerge(measured).toFixed(2)} s to verify and merge, ${measured.outputs.toFixed(2)} s for the outputs`);
    results.push(measured);
  }
  report(results);
}

main().catch((error) => {
  console.error(`bench-merge: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
