import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConsolidatedJson } from '../../../shared/merge/consolidated';
import type { DecisionsFile } from '../../../shared/merge/decisions';
import type { SignerCard, SubmissionDocument } from '../../../shared/submission/document';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { bundled, cardOf, editedBytes, jsonBytes, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';
import { cleanTempDirs, cli, STACK_TRACE, tempDir } from './helpers';

/**
 * `egov-desk merge` in-process (the unit tests run the TypeScript sources, so files are verified
 * in this thread; tests/unit/cli/bundle.test.ts runs the real bundle with worker threads).
 */

let dir: string;
let finance: MergeSigner;
let health: MergeSigner;
let wideCsv: string;

beforeAll(async () => {
  dir = await tempDir('egov-merge-');
  finance = await mergeSigner('Ama Boateng', 'Ministry of Finance', 'ama@finance.example');
  health = await mergeSigner('Lars Eriksen', 'Ministry of Health', 'lars@health.example');
  await writeJson('finance-card.json', cardOf(finance));
  await writeJson('health-card.json', cardOf(health));
  const definition = bundled('test-all-types');
  wideCsv = `wide-${definition.id}-${definition.version}.csv`;
});
afterAll(cleanTempDirs);

async function writeJson(name: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
}

async function writeBytes(name: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), bytes);
}

async function submission(name: string, signer: MergeSigner, place: string, answers: SubmissionDocument['answers'], signedAt?: string): Promise<SubmissionDocument> {
  const document = await signedDocument({ signer, place, answers, ...(signedAt ? { signedAt } : {}) });
  await writeBytes(name, jsonBytes(document));
  return document;
}

const read = (name: string) => readFile(path.join(dir, name), 'utf8');
const exists = (name: string) =>
  stat(path.join(dir, name)).then(
    () => true,
    () => false,
  );
const TRUSTED = ['--trusted', 'finance-card.json', '--trusted', 'health-card.json'] as const;

/** The data lines of a CSV whose fields hold no line breaks (true of these tests' answers). */
function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('a clean merge', () => {
  it('exits 0 and writes every output, with one wide row per respondent', async () => {
    await submission('clean/estonia-finance.json', finance, 'Estonia', { 'A.1': 'https://www.eesti.example/', 'B.3': 5 });
    await submission('clean/estonia-health.json', health, 'Estonia', { 'A.1': 'https://www.eesti.example/', 'B.5': 'Health records are online.' });
    await submission('clean/latvia-finance.json', finance, 'Latvia', { 'A.1': 'https://www.latvija.example/' });

    const result = await cli(dir, 'merge', 'clean', '--out', 'out-clean', ...TRUSTED);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 files: 3 merged, 0 duplicates, 0 superseded, 0 kept out, 0 unreadable; 2 respondents; 0 open conflicts\n');
    expect(result.stdout).not.toContain('Next:');
    expect(result.stderr).toContain('consolidated.json is not signed: give --identity FILE');

    const written = (await readdir(path.join(dir, 'out-clean'))).sort();
    expect(written).toStrictEqual(['codebook.csv', 'conflicts.csv', 'consolidated.json', 'consolidated.xlsx', 'files.csv', 'long.csv', wideCsv].sort());
    for (const name of written) expect((await stat(path.join(dir, 'out-clean', name))).size, name).toBeGreaterThan(0);

    const wide = csvRows(await read(`out-clean/${wideCsv}`));
    expect(wide).toHaveLength(3);
    const place = wide[0]?.indexOf('place') ?? -1;
    expect(wide.slice(1).map((row) => row[place]).sort()).toStrictEqual(['Estonia', 'Latvia']);
    const xlsx = await readFile(path.join(dir, 'out-clean', 'consolidated.xlsx'));
    expect([...xlsx.subarray(0, 4)]).toStrictEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it('--json prints a summary for scripts, and --stats the timings on stderr', async () => {
    const result = await cli(dir, 'merge', 'clean', '--out', 'out-clean-json', '--json', '--stats', '--jobs', '1', ...TRUSTED);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { summary: Record<string, number>; needsDecision: boolean; files: { file: string; standing: string; verification: string }[]; outputs: string[] };
    expect(summary.summary).toMatchObject({ files: 3, merged: 3, respondents: 2, openConflicts: 0, filesNeedingDecision: 0 });
    expect(summary.needsDecision).toBe(false);
    expect(summary.files.map((f) => [f.file, f.standing, f.verification])).toStrictEqual([
      [path.join('clean', 'estonia-finance.json'), 'merged', 'valid'],
      [path.join('clean', 'estonia-health.json'), 'merged', 'valid'],
      [path.join('clean', 'latvia-finance.json'), 'merged', 'valid'],
    ]);
    expect(summary.outputs).toContain(path.join('out-clean-json', 'consolidated.json'));
    expect(result.stderr).toMatch(/^stats: 3 files, in-process; verify \d+\.\d\d s, merge \d+\.\d\d s, outputs \d+\.\d\d s, total \d+\.\d\d s; \d+ files\/s \(verify and merge\); peak memory \d+ MB$/m);
  });

  it('signs consolidated.json with --identity, verifiably, as the coordinator', async () => {
    expect((await cli(dir, 'keygen', '--name', 'Coral Coordinator', '--org', 'UN DESA', '--email', 'coral@un.example', '--out', 'coordinator')).code).toBe(0);
    const result = await cli(dir, 'merge', 'clean', '--out', 'out-signed', '--identity', 'coordinator/identity.json', ...TRUSTED);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('(consolidated.json signed)');
    const card = JSON.parse(await read('coordinator/signer-card.json')) as SignerCard;
    const verified = await verifyConsolidatedJson(await readFile(path.join(dir, 'out-signed', 'consolidated.json')), [card]);
    expect(verified).toMatchObject({ status: 'valid', trusted: true, document: { coordinator: { name: 'Coral Coordinator', organisation: 'UN DESA' } } });
  });
});

describe('a conflict', () => {
  it('exits 1 with decisions-needed.json, then 0 once the decision is given, with its reason in conflicts.csv', async () => {
    await submission('conflict/estonia-finance.json', finance, 'Estonia', { 'B.3': 5 }, '2024-05-01T08:00:00.000Z');
    await submission('conflict/estonia-health.json', health, 'Estonia', { 'B.3': 7 }, '2024-05-02T08:00:00.000Z');

    const first = await cli(dir, 'merge', 'conflict', '--out', 'out-conflict', ...TRUSTED);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('; 1 respondent; ');
    expect(first.stdout).toContain('1 open conflict\n');
    expect(first.stdout).toContain('Open conflicts (1):\n  Estonia, test-all-types');
    expect(first.stdout).toContain('question B.3:\n');
    expect(first.stdout).toContain(`    5 from Ministry of Finance (${path.join('conflict', 'estonia-finance.json')})\n`);
    expect(first.stdout).toContain(`    7 from Ministry of Health (${path.join('conflict', 'estonia-health.json')})\n`);
    const needed = path.join('out-conflict', 'decisions-needed.json');
    expect(first.stdout).toContain(`Next: fill in ${needed} (choose or write a value, with a reason, for 1 conflict) and run again with --decisions ${needed}\n`);
    // The outputs are written all the same, with the conflict open in them.
    expect(await read('out-conflict/conflicts.csv')).toContain('conflict');

    const json = await cli(dir, 'merge', 'conflict', '--out', 'out-conflict', '--json', ...TRUSTED);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      needsDecision: true,
      decisionsFile: needed,
      openConflicts: [
        {
          place: 'Estonia',
          question: 'B.3',
          candidates: [
            { value: 5, organisations: ['Ministry of Finance'], signers: ['Ama Boateng'] },
            { value: 7, organisations: ['Ministry of Health'], signers: ['Lars Eriksen'] },
          ],
        },
      ],
    });

    const template = JSON.parse(await read(needed)) as DecisionsFile;
    expect(template.conflicts).toHaveLength(1);
    expect(template.conflicts[0]).toMatchObject({ question: 'B.3', choice: null, reason: '' });
    // Filled in where it was written, as the report says to.
    await writeJson(needed, {
      ...template,
      conflicts: template.conflicts.map((c) => ({ ...c, choice: { kind: 'choose', value: 7 }, reason: 'The Ministry of Health keeps the register' })),
    });

    const second = await cli(dir, 'merge', 'conflict', '--out', 'out-conflict', '--decisions', needed, ...TRUSTED);
    expect(second.stderr).not.toMatch(STACK_TRACE);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 open conflicts');
    // The coordinator's filled-in file is their record: kept, unchanged.
    expect(await read(needed)).toContain('The Ministry of Health keeps the register');
    const conflicts = await read('out-conflict/conflicts.csv');
    expect(conflicts).toContain('resolved');
    expect(conflicts).toContain('The Ministry of Health keeps the register');
  });

  it('reports a decision that no longer applies, and exits 1', async () => {
    await writeJson('stale.json', {
      format: 'egov-desk/merge-decisions',
      formatVersion: 1,
      files: [],
      conflicts: [{ respondent: 'test-all-types@x/country/atlantis', question: 'B.3', choice: { kind: 'choose', value: 1 }, reason: 'Old' }],
    });
    const result = await cli(dir, 'merge', 'clean', '--out', 'out-stale', '--decisions', 'stale.json', ...TRUSTED);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Decisions that no longer apply (1); decide again:\n  test-all-types@x/country/atlantis, question B.3: there is no such conflict any more\n');
  });
});

describe('files that are not simply merged', () => {
  it('keeps a tampered file out (exit 1) until the decisions file includes it (exit 0)', async () => {
    const original = await submission('tampered/estonia-finance.json', finance, 'Estonia', { 'B.3': 5 });
    await writeBytes('tampered/estonia-health.json', editedBytes(await signedDocument({ signer: health, place: 'Estonia', answers: { 'B.5': 'Signed' } }), 'B.5', 'Edited'));
    expect(original.respondent.place).toBe('Estonia');

    const first = await cli(dir, 'merge', 'tampered', '--out', 'out-tampered', ...TRUSTED);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`${path.join('tampered', 'estonia-health.json')}: kept out: changed after signing: answers.B.5 (include or exclude it in the decisions file)\n`);
    expect(first.stdout).toContain('1 merged, 0 duplicates, 0 superseded, 1 kept out');
    expect(first.stdout).toContain('include or exclude 1 file kept out, with a reason');

    const template = JSON.parse(await read('out-tampered/decisions-needed.json')) as DecisionsFile;
    expect(template.files).toHaveLength(1);
    expect(template.files[0]).toMatchObject({ include: null, status: 'changed' });
    await writeJson('include.json', { ...template, files: template.files.map((f) => ({ ...f, include: true, reason: 'The ministry confirmed the edit by phone' })) });

    const second = await cli(dir, 'merge', 'tampered', '--out', 'out-tampered', '--decisions', 'include.json', ...TRUSTED);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('included despite a problem (changed after signing: answers.B.5), because: The ministry confirmed the edit by phone');
    expect(second.stdout).toContain('2 merged (1 despite a problem)');
    expect(await exists('out-tampered/decisions-needed.json')).toBe(false);

    await writeJson('exclude.json', { ...template, files: template.files.map((f) => ({ ...f, include: false, reason: 'Edited by hand' })) });
    const third = await cli(dir, 'merge', 'tampered', '--out', 'out-tampered', '--decisions', 'exclude.json', ...TRUSTED);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain(`${path.join('tampered', 'estonia-health.json')}: excluded, because: Edited by hand\n`);
    expect(third.stdout).toContain('1 merged, 0 duplicates, 0 superseded, 0 kept out, 1 excluded, 0 unreadable');
  });

  it('lists unreadable files, duplicates and superseded versions, each with its reason', async () => {
    await submission('mixed/a-estonia-old.json', finance, 'Estonia', { 'B.3': 1 }, '2024-05-01T08:00:00.000Z');
    await submission('mixed/b-estonia-new.json', finance, 'Estonia', { 'B.3': 2 }, '2024-05-02T08:00:00.000Z');
    await copyFile(path.join(dir, 'mixed/b-estonia-new.json'), path.join(dir, 'mixed/c-copy.json'));
    await writeBytes('mixed/d-notes.json', 'these are my notes, not JSON');
    await writeBytes('mixed/e-empty.xlsx', '');

    const result = await cli(dir, 'merge', 'mixed', '--out', 'out-mixed', ...TRUSTED);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    // Unreadable files are listed but need no decision: they can never be merged.
    expect(result.code).toBe(0);
    const name = (file: string) => path.join('mixed', file);
    expect(result.stdout).toContain(`${name('a-estonia-old.json')}: superseded by ${name('b-estonia-new.json')}, a later version from the same signer\n`);
    expect(result.stdout).toContain(`${name('c-copy.json')}: duplicate of ${name('b-estonia-new.json')} (merged once)\n`);
    expect(result.stdout).toMatch(new RegExp(`${name('d-notes.json').replace(/[.\\]/g, '\\$&')}: unreadable: .+\\n`));
    expect(result.stdout).toContain(`${name('e-empty.xlsx')}: unreadable: the file is empty\n`);
    expect(result.stdout).toContain('5 files: 1 merged, 1 duplicate, 1 superseded, 0 kept out, 2 unreadable; 1 respondent; 0 open conflicts');
    const files = await read('out-mixed/files.csv');
    expect(files).toContain('e-empty.xlsx');
    expect(files).toContain('the file is empty');
  });

  it('removes decisions-needed.json and wide CSVs of questionnaires left over from an earlier run', async () => {
    await writeBytes('out-leftover/decisions-needed.json', '{}');
    await writeBytes('out-leftover/wide-msq-2024-1.0.0.csv', 'old');
    await writeBytes('out-leftover/my-notes.csv', 'mine');
    expect((await cli(dir, 'merge', 'clean', '--out', 'out-leftover', ...TRUSTED)).code).toBe(0);
    const left = await readdir(path.join(dir, 'out-leftover'));
    expect(left).not.toContain('decisions-needed.json');
    expect(left).not.toContain('wide-msq-2024-1.0.0.csv');
    expect(left).toContain('my-notes.csv');
    expect(left).toContain(wideCsv);
  });
});

describe('usage errors (exit 2, a sentence and a hint)', () => {
  beforeAll(async () => {
    await writeBytes('not-a-folder.txt', 'x');
  });

  it.each([
    ['no files', ['--out', 'o'], 'name at least one submission file or folder to merge'],
    ['no --out', ['clean'], "option '--out' is required"],
    ['--jobs 0', ['clean', '--out', 'o', '--jobs', '0'], "--jobs must be a whole number from 1 to 64, not '0'"],
    ['--jobs two', ['clean', '--out', 'o', '--jobs', 'two'], "--jobs must be a whole number from 1 to 64, not 'two'"],
    ['a bad --language', ['clean', '--out', 'o', '--language', 'French!'], '--language must be a language code'],
    ['--out a file', ['clean', '--out', 'not-a-folder.txt'], 'not-a-folder.txt is a file; --out names a folder'],
    ['--out one of the inputs', ['clean', '--out', 'clean'], '--out clean is also a folder being merged'],
    ['a missing file', ['nowhere.json', '--out', 'o'], 'nowhere.json: no such file or folder'],
    ['a submission given as decisions', ['clean', '--out', 'o', '--decisions', 'clean/latvia-finance.json'], 'clean/latvia-finance.json is not a usable decisions file: this is a signed submission, not a merge decisions file'],
    ['a signer card given as identity', ['clean', '--out', 'o', '--identity', 'finance-card.json'], 'finance-card.json is a public signer card'],
  ])('%s', async (_what, args, message) => {
    const result = await cli(dir, 'merge', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Run 'egov-desk merge --help' for the options.");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('writes nothing when the usage is wrong', async () => {
    await cli(dir, 'merge', 'clean', '--out', 'never-made', '--jobs', '0');
    expect(await exists('never-made')).toBe(false);
  });

  it('has a --help naming every option and the exit codes', async () => {
    const help = await cli(dir, 'merge', '--help');
    expect(help.code).toBe(0);
    for (const option of ['--out DIR', '--trusted CARD', '--decisions FILE', '--identity FILE', '--language LANG', '--jobs N', '--json', '--stats']) expect(help.stdout).toContain(option);
    expect(help.stdout).toContain('Exit codes: 0 merged, nothing needs a decision; 1');
  });
});
