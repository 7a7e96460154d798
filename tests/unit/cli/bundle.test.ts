import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DEFINITION_IDS } from '../../../electron/cli/definitions';
import { STACK_TRACE } from './helpers';

const configFile = fileURLToPath(new URL('../../../build/vite.cli.config.ts', import.meta.url));
const questionnaires = fileURLToPath(new URL('../../../questionnaires', import.meta.url));

it('builds in every questionnaire folder', async () => {
  const folders = (await readdir(questionnaires, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  expect([...BUNDLED_DEFINITION_IDS].sort()).toStrictEqual(folders.sort());
});

/** The real bundle, built with its real config and run by plain Node, as `npm run cli` does. */
describe('dist/cli.cjs', () => {
  let outDir: string;
  let work: string;
  let cliFile: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'egov-cli-bundle-'));
    work = await mkdtemp(path.join(tmpdir(), 'egov-cli-run-'));
    await build({ configFile, logLevel: 'silent', build: { outDir } });
    cliFile = path.join(outDir, 'cli.cjs');
  }, 60_000);

  afterAll(async () => {
    await Promise.all([rm(outDir, { recursive: true, force: true }), rm(work, { recursive: true, force: true })]);
  });

  const node = (...args: string[]) => spawnSync(process.execPath, [cliFile, ...args], { cwd: work, encoding: 'utf8', timeout: 45_000 });

  it('needs nothing but Node: no Electron, no node_modules', async () => {
    const code = await readFile(cliFile, 'utf8');
    // Comment lines are skipped: inlined libraries quote `require('pako')` in their documentation.
    const lines = code.split('\n').filter((line) => !/^\s*(\*|\/\/)/.test(line));
    const required = new Set(lines.flatMap((line) => [...line.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1] ?? '')));
    for (const name of required) expect(builtinModules, name).toContain(name.replace(/^node:/, ''));
    expect(code.startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('runs --help, and reports a usage error without a stack trace', () => {
    const help = node('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: egov-desk <command>');
    const wrong = node('verify', '--nope');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("egov-desk verify: unknown option '--nope'");
    expect(wrong.stderr).not.toMatch(STACK_TRACE);
  });

  it('runs keygen, sample, validate, export and verify end to end', () => {
    expect(node('keygen', '--name', 'Kofi Mensah', '--org', 'NITA', '--email', 'kofi@nita.example', '--out', 'me').status).toBe(0);
    expect(node('sample', '--questionnaire', 'lgq-2024', '--seed', 'bundle', '--out', 'r.json').status).toBe(0);
    expect(node('validate', 'r.json').stdout).toContain('Ready to submit.');
    const exported = node('export', 'r.json', '--identity', 'me/identity.json', '--format', 'json', '--out', 's.json');
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const verified = node('verify', 's.json', '--trusted', 'me/signer-card.json');
    expect(verified.stdout).toMatch(/^s\.json: valid, signed by Kofi Mensah \(NITA\), key .*, trusted\n$/);
    expect(verified.status).toBe(0);
  });

  it('merges on two worker threads started from the bundle itself, JSON and Excel alike', () => {
    expect(node('keygen', '--name', 'Ama Boateng', '--org', 'Ministry of Finance', '--email', 'ama@finance.example', '--out', 'finance').status).toBe(0);
    expect(node('sample', '--questionnaire', 'losi-2024', '--seed', 'bundle-merge', '--count', '3', '--out', 'responses').status).toBe(0);
    expect(node('export', 'responses', '--identity', 'finance/identity.json', '--format', 'json', '--out', 'intake').status).toBe(0);
    expect(node('export', 'responses', '--identity', 'me/identity.json', '--format', 'xlsx', '--out', 'intake-xlsx').status).toBe(0);
    writeFileSync(path.join(work, 'intake', 'broken.json'), '{"format": "egov-desk/submission"');

    const merged = node('merge', 'intake', 'intake-xlsx', '--out', 'merged', '--jobs', '2', '--stats', '--json', '--trusted', 'finance/signer-card.json', '--trusted', 'me/signer-card.json');
    expect(merged.stderr).not.toMatch(STACK_TRACE);
    expect(merged.stderr).toMatch(/^stats: 7 files, 2 worker threads; /m);
    expect([0, 1]).toContain(merged.status);
    const summary = JSON.parse(merged.stdout) as { summary: Record<string, number>; files: { file: string; format: string; verification: string }[] };
    expect(summary.summary).toMatchObject({ files: 7, merged: 6, unreadable: 1, respondents: 3 });
    // Results come back in the order the files were given, whichever worker verified them.
    const names = summary.files.map((f) => f.file);
    const inFolder = (folder: string) => names.filter((name) => name.startsWith(`${folder}${path.sep}`));
    expect(names).toStrictEqual([...inFolder('intake').sort(), ...inFolder('intake-xlsx').sort()]);
    expect(summary.files.filter((f) => f.format === 'xlsx' && f.verification === 'valid')).toHaveLength(3);
    expect(summary.files.find((f) => f.file.endsWith('broken.json'))?.verification).toBe('unreadable');
    for (const name of ['consolidated.xlsx', 'consolidated.json', 'long.csv', 'files.csv', 'conflicts.csv', 'codebook.csv']) {
      expect(statSync(path.join(work, 'merged', name)).size, name).toBeGreaterThan(0);
    }
  }, 60_000);

  it('verifies even one file, with --jobs 1, on a worker thread: never in the command itself', () => {
    const first = readdirSync(path.join(work, 'intake')).find((name) => name.endsWith('.json') && name !== 'broken.json') ?? '';
    const one = node('merge', path.join('intake', first), '--out', 'merged-one', '--jobs', '1', '--stats');
    expect(one.stderr).not.toMatch(STACK_TRACE);
    expect(one.status).toBe(0);
    expect(one.stderr).toMatch(/^stats: 1 files, 1 worker thread; /m);
  }, 60_000);

  it.skipIf(process.platform === 'win32')('refuses a FIFO and a device unread instead of hanging (spawn timeout 45 s)', () => {
    execFileSync('mkfifo', [path.join(work, 'pipe.json')]);
    const odd = node('merge', 'pipe.json', '/dev/zero', '--out', 'merged-odd', '--json');
    expect(odd.error).toBeUndefined();
    // It ends (no hang), listing both unread; with nothing merged, the exit says the merge is not done.
    expect(odd.status).toBe(3);
    expect(odd.stderr).toContain('Nothing was merged');
    const summary = JSON.parse(odd.stdout) as { files: { file: string; reason: string }[] };
    expect(summary.files).toStrictEqual([
      expect.objectContaining({ file: 'pipe.json', reason: 'this is not a regular file (a device, a pipe or a socket), so it was not read' }),
      expect.objectContaining({ file: '/dev/zero', reason: 'this is not a regular file (a device, a pipe or a socket), so it was not read' }),
    ]);
  }, 60_000);
});
