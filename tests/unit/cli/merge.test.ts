import { appendFile, copyFile, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConsolidatedJson } from '../../../shared/merge/consolidated';
import type { DecisionsFile } from '../../../shared/merge/decisions';
import type { SignerCard, SubmissionDocument } from '../../../shared/submission/document';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { bundled, cardOf, editedBytes, jsonBytes, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';
import { allMet, answerRecords } from '../../helpers/scoring-fixtures';
import { cleanTempDirs, cli, STACK_TRACE, tempDir, TERMINAL_CONTROL } from './helpers';

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
    expect(written).toStrictEqual(['.egov-desk-merge.json', 'codebook.csv', 'conflicts.csv', 'consolidated.json', 'consolidated.xlsx', 'files.csv', 'long.csv', wideCsv].sort());
    for (const name of written) expect((await stat(path.join(dir, 'out-clean', name))).size, name).toBeGreaterThan(0);
    // The manifest lists exactly what the run wrote, so the next run knows what is its own.
    const manifest = JSON.parse(await read('out-clean/.egov-desk-merge.json')) as { format: string; files: { name: string; size: number }[] };
    expect(manifest.format).toBe('egov-desk/merge-outputs');
    expect(manifest.files.map((f) => f.name).sort()).toStrictEqual(written.filter((name) => name !== '.egov-desk-merge.json'));

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

describe('scored instruments', () => {
  it('gives each LOSI respondent its score summary in consolidated.json, as in scores.csv', async () => {
    const losi = bundled('losi-2024');
    const set = allMet(losi);
    const records = answerRecords(set);
    const document = await signedDocument({ definition: losi, signer: finance, place: 'Tallinn', answers: records.answers, evidence: records.evidence });
    await writeBytes('losi/tallinn.json', jsonBytes(document));
    const result = await cli(dir, 'merge', 'losi', '--out', 'out-losi', ...TRUSTED);
    expect(result.code).toBe(0);
    const consolidated = JSON.parse(await read('out-losi/consolidated.json')) as { respondents: { place: string; scores?: { index: number; level: string } }[] };
    expect(consolidated.respondents.map((r) => [r.place, r.scores?.index, r.scores?.level])).toEqual([['Tallinn', 1, 'veryHigh']]);
    expect(await read('out-losi/scores.csv')).toContain(',1,veryHigh,');
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
    expect(result.stdout).toContain('Decisions that no longer apply (1); decide again:\n  test-all-types@x/country/atlantis, question B.3: there is no such conflict any more (it chose 1, because: Old)\n');
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

  it('exits 3 when files were given but none could be merged, so a script does not take empty outputs for a merge', async () => {
    await writeBytes('nothing/a-notes.json', 'meeting notes, not a submission');
    await writeBytes('nothing/b-empty.xlsx', '');

    const result = await cli(dir, 'merge', 'nothing', '--out', 'out-nothing', ...TRUSTED);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('2 files: 0 merged, 0 duplicates, 0 superseded, 0 kept out, 2 unreadable; 0 respondents');
    expect(result.stderr).toContain('Nothing was merged: none of the 2 files holds a submission that could be merged');
    // The listing of why each file was refused is still written for the coordinator.
    expect(await read('out-nothing/files.csv')).toContain('b-empty.xlsx');
  });

});

describe('the output folder: a run replaces its own outputs and nothing else', () => {
  const msqCsv = () => {
    const msq = bundled('msq-2024');
    return `wide-${msq.id}-${msq.version}.csv`;
  };

  beforeAll(async () => {
    await submission('two/estonia.json', finance, 'Estonia', { 'B.3': 5 });
    const msq = await signedDocument({ definition: bundled('msq-2024'), signer: finance, place: 'Latvia' });
    await writeBytes('two/latvia-msq.json', jsonBytes(msq));
    await mkdir(path.join(dir, 'one'), { recursive: true });
    await copyFile(path.join(dir, 'two/estonia.json'), path.join(dir, 'one/estonia.json'));
  });

  it("never deletes the coordinator's own files, and removes an output it no longer writes", async () => {
    await writeBytes('out-own/wide-2023-final.csv', 'my own wide table');
    await writeBytes('out-own/my-notes.csv', 'mine');
    expect((await cli(dir, 'merge', 'two', '--out', 'out-own', ...TRUSTED)).code).toBe(0);
    expect(await readdir(path.join(dir, 'out-own'))).toContain(msqCsv());
    const manifest = JSON.parse(await read('out-own/.egov-desk-merge.json')) as { files: { name: string }[] };
    expect(manifest.files.map((f) => f.name)).toContain(msqCsv());
    expect(manifest.files.map((f) => f.name)).not.toContain('my-notes.csv');

    // The MSQ submission is gone from the merge: its wide CSV, written by the last run and unchanged, goes too.
    const second = await cli(dir, 'merge', 'one', '--out', 'out-own', ...TRUSTED);
    expect(second.code).toBe(0);
    const left = await readdir(path.join(dir, 'out-own'));
    expect(left).not.toContain(msqCsv());
    expect(left).toContain(wideCsv);
    expect(await read('out-own/wide-2023-final.csv')).toBe('my own wide table');
    expect(await read('out-own/my-notes.csv')).toBe('mine');
    expect(second.stdout).not.toContain('Kept');
  });

  it('keeps an output of an earlier run that was changed since, and says so', async () => {
    expect((await cli(dir, 'merge', 'two', '--out', 'out-edited', ...TRUSTED)).code).toBe(0);
    await appendFile(path.join(dir, 'out-edited', msqCsv()), 'a note of mine\r\n');
    const second = await cli(dir, 'merge', 'one', '--out', 'out-edited', ...TRUSTED);
    expect(second.code).toBe(0);
    expect(await read(`out-edited/${msqCsv()}`)).toContain('a note of mine');
    expect(second.stdout).toContain(`Kept ${path.join('out-edited', msqCsv())}: an output of an earlier run that this run no longer writes, left in place because it was changed since.`);
    // Said once: from then on it is the coordinator's file, and not in the manifest any more.
    expect((await cli(dir, 'merge', 'one', '--out', 'out-edited', ...TRUSTED)).stdout).not.toContain('Kept');
    expect((await cli(dir, 'merge', 'two', '--out', 'out-edited-json', ...TRUSTED)).code).toBe(0);
    await appendFile(path.join(dir, 'out-edited-json', msqCsv()), 'a note of mine\r\n');
    const json = JSON.parse((await cli(dir, 'merge', 'one', '--out', 'out-edited-json', '--json', ...TRUSTED)).stdout) as { keptOutputs: string[] };
    expect(json.keptOutputs).toStrictEqual([path.join('out-edited-json', msqCsv())]);
  });

  it('leaves a decisions-needed.json it did not write, and removes its own once nothing needs deciding', async () => {
    await writeBytes('out-leftover/decisions-needed.json', '{"mine": true}');
    const clean = await cli(dir, 'merge', 'clean', '--out', 'out-leftover', ...TRUSTED);
    expect(clean.code).toBe(0);
    expect(await read('out-leftover/decisions-needed.json')).toBe('{"mine": true}');
    expect(clean.stdout).toContain(`Kept ${path.join('out-leftover', 'decisions-needed.json')}`);

    await submission('settle/estonia-finance.json', finance, 'Estonia', { 'B.3': 5 });
    await submission('settle/estonia-health.json', health, 'Estonia', { 'B.3': 7 });
    expect((await cli(dir, 'merge', 'settle', '--out', 'out-settle', ...TRUSTED)).code).toBe(1);
    const template = JSON.parse(await read('out-settle/decisions-needed.json')) as DecisionsFile;
    await writeJson('settled.json', { ...template, conflicts: template.conflicts.map((c) => ({ ...c, choice: { kind: 'choose', value: 5 }, reason: 'Finance counts' })) });
    expect((await cli(dir, 'merge', 'settle', '--out', 'out-settle', '--decisions', 'settled.json', ...TRUSTED)).code).toBe(0);
    expect(await exists('out-settle/decisions-needed.json')).toBe(false);
  });
});

describe('decisions are never lost', () => {
  it('keeps the filled-in decisions file before writing a new template over it, and shows a decision that no longer applies with its reason', async () => {
    await submission('redo/estonia-finance.json', finance, 'Estonia', { 'B.3': 5 }, '2024-05-01T08:00:00.000Z');
    await submission('redo/estonia-health.json', health, 'Estonia', { 'B.3': 7 }, '2024-05-02T08:00:00.000Z');
    const needed = path.join('out-redo', 'decisions-needed.json');
    expect((await cli(dir, 'merge', 'redo', '--out', 'out-redo', ...TRUSTED)).code).toBe(1);
    const template = JSON.parse(await read(needed)) as DecisionsFile;
    await writeJson(needed, { ...template, conflicts: template.conflicts.map((c) => ({ ...c, choice: { kind: 'choose', value: 7 }, reason: 'Health keeps the register' })) });
    const decided = await read(needed);

    // The finance ministry sends a new version with another value: the decision no longer fits.
    await submission('redo/estonia-finance.json', finance, 'Estonia', { 'B.3': 6 }, '2024-05-01T08:00:00.000Z');
    const again = await cli(dir, 'merge', 'redo', '--out', 'out-redo', '--decisions', needed, ...TRUSTED);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('Decisions that no longer apply (1); decide again:\n');
    expect(again.stdout).toMatch(/question B\.3: the values in conflict changed since the decision \(it chose 7, because: Health keeps the register\)\n/);
    const previous = path.join('out-redo', 'decisions-needed.previous.json');
    expect(again.stdout).toContain(`Your decisions file was kept as ${previous} before ${needed} was written again.`);
    expect(await read(previous)).toBe(decided);
    // The new template asks again, for the new values.
    const fresh = JSON.parse(await read(needed)) as DecisionsFile;
    expect(fresh.conflicts[0]).toMatchObject({ question: 'B.3', choice: null });
    const json = JSON.parse((await cli(dir, 'merge', 'redo', '--out', 'out-redo-json', '--decisions', previous, '--json', ...TRUSTED)).stdout) as { staleDecisions: unknown[] };
    expect(json.staleDecisions).toStrictEqual([expect.objectContaining({ question: 'B.3', why: 'valuesChanged', decided: 'chose 7', reason: 'Health keeps the register' })]);
  });

  it('does not copy a template it wrote itself and nobody changed', async () => {
    await submission('untouched/estonia-finance.json', finance, 'Estonia', { 'B.3': 5 });
    await submission('untouched/estonia-health.json', health, 'Estonia', { 'B.3': 7 });
    expect((await cli(dir, 'merge', 'untouched', '--out', 'out-untouched', ...TRUSTED)).code).toBe(1);
    await submission('untouched/estonia-health.json', health, 'Estonia', { 'B.3': 8 });
    const again = await cli(dir, 'merge', 'untouched', '--out', 'out-untouched', ...TRUSTED);
    expect(again.code).toBe(1);
    expect(again.stdout).not.toContain('was kept as');
    expect(await exists('out-untouched/decisions-needed.previous.json')).toBe(false);
  });
});

describe('a merge that cannot finish', () => {
  it('exits 3, not 1, and words the failure without full paths', async () => {
    await submission('broken-out/estonia-finance.json', finance, 'Estonia', { 'B.3': 5 });
    await submission('broken-out/estonia-health.json', health, 'Estonia', { 'B.3': 7 });
    await mkdir(path.join(dir, 'out-broken', 'decisions-needed.json'), { recursive: true });
    const result = await cli(dir, 'merge', 'broken-out', '--out', 'out-broken', ...TRUSTED);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`egov-desk merge: the outputs could not all be written: cannot write ${path.join('out-broken', 'decisions-needed.json')} (a folder of that name is in the way); out-broken may now hold outputs of this run next to those of an earlier one`);
    expect(result.stderr).not.toContain(dir);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('exits 3 when the output folder cannot be made', async () => {
    await writeBytes('blocker', 'a file where a folder should be');
    const result = await cli(dir, 'merge', 'clean', '--out', path.join('blocker', 'out'), ...TRUSTED);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`cannot create the folder ${path.join('blocker', 'out')} (`);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).not.toContain(dir);
  });
});

describe('text from files never steers the terminal', () => {
  it('shows escape sequences and bidi overrides from organisations, values, reasons and file names', async () => {
    const hostile = await mergeSigner('Eve\u202eliam', 'Ministry\u001b[2J\u001b]0;owned\u0007 X', 'eve@example.org');
    await writeJson('hostile-card.json', cardOf(hostile));
    await submission('hostile/a.json', hostile, 'Estonia', { 'B.3': 5, 'B.5': 'red \u001b[31mtext\u009b0m' });
    await submission('hostile/b.json', health, 'Estonia', { 'B.3': 7, 'B.5': 'plain' });
    await writeBytes('hostile/c.json', '\u001b[31mRED\u001b[0m');
    await writeBytes('hostile/\u001b[2Kname.json', 'not json\r\u001b[2K');
    for (const json of [false, true]) {
      const result = await cli(dir, 'merge', 'hostile', '--out', `out-hostile-${String(json)}`, '--trusted', 'hostile-card.json', ...TRUSTED, ...(json ? ['--json'] : []));
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
      expect(result.stderr).not.toMatch(TERMINAL_CONTROL);
      if (!json) {
        expect(result.stdout).toContain('from Ministry\u241b[2J\u241b]0;owned\u2407 X (');
        // JSON.stringify already shows ESC as \u001b; the C1 CSI it leaves raw is shown too.
        expect(result.stdout).toContain('"red \\u001b[31mtext<U+009B>0m"');
        // The parser's reason quotes the file's bytes: shown, not obeyed.
        expect(result.stdout).toMatch(/hostile.c\.json: unreadable: the file is not valid JSON .*\u241b\[31mRED\u241b\[0m/);
        expect(result.stdout).toContain(`${path.join('hostile', '\u241b[2Kname.json')}: unreadable:`);
      }
    }
  });
});

describe('folders', () => {
  beforeAll(async () => {
    await submission('tree/a-estonia.json', finance, 'Estonia', { 'B.3': 5 });
    await submission('tree/sub/deeper/b-latvia.json', finance, 'Latvia', { 'B.3': 5 });
    await submission('elsewhere/c-lithuania.json', finance, 'Lithuania', { 'B.3': 5 });
    await symlink(path.join(dir, 'elsewhere', 'c-lithuania.json'), path.join(dir, 'tree', 'linked.json'));
    await symlink(path.join(dir, 'tree', 'nowhere.json'), path.join(dir, 'tree', 'broken.json'));
    await symlink(path.join(dir, 'tree'), path.join(dir, 'tree', 'sub', 'loop'));
    await symlink(path.join(dir, 'tree', 'sub'), path.join(dir, 'tree', 'sub-again'));
    await writeBytes('tree/.hidden.json', 'not taken, not said');
    await writeBytes('tree/notes.txt', 'not taken, not said');
  });

  it('merges the files of subfolders and links, and lists every entry not taken with its reason', async () => {
    const result = await cli(dir, 'merge', 'tree', '--out', 'out-tree', ...TRUSTED);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 files: 3 merged');
    const name = (...parts: string[]) => path.join('tree', ...parts);
    expect(result.stdout).toContain(`${name('broken.json')}: not taken: the link points to nothing (no such file or folder)\n`);
    expect(result.stdout).toContain(`${name('sub', 'loop')}: not taken: a link back to a folder it is in (a loop); not followed\n`);
    expect(result.stdout).toContain(`${name('sub-again')}: not taken: the files of this folder are already taken (through another path); not read twice\n`);
    expect(result.stdout).not.toContain('hidden');
    expect(result.stdout).not.toContain('notes.txt');
    const json = JSON.parse((await cli(dir, 'merge', 'tree', '--out', 'out-tree', '--json', ...TRUSTED)).stdout) as { files: { file: string }[]; skipped: { name: string }[] };
    expect(json.files.map((f) => f.file)).toStrictEqual([name('a-estonia.json'), name('linked.json'), name('sub', 'deeper', 'b-latvia.json')]);
    // In the order the walk met them: the link to sub is met in tree, before sub itself is read.
    expect(json.skipped.map((s) => s.name)).toStrictEqual([name('broken.json'), name('sub-again'), name('sub', 'loop')]);
  });

  it('never merges --out when it is inside a folder being merged', async () => {
    expect((await cli(dir, 'merge', 'tree', '--out', 'tree/merged', ...TRUSTED)).code).toBe(0);
    const again = await cli(dir, 'merge', 'tree', '--out', 'tree/merged', ...TRUSTED);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('3 files: 3 merged');
    expect(again.stdout).toContain(`${path.join('tree', 'merged')}: not taken: this is the output folder (--out)`);
  });

  it('refuses --out that is a folder being merged, also through a link', async () => {
    await mkdir(path.join(dir, 'out-real'), { recursive: true });
    await submission('out-real/x.json', finance, 'Estonia', { 'B.3': 5 });
    await symlink(path.join(dir, 'out-real'), path.join(dir, 'alias'));
    for (const args of [
      ['alias', '--out', 'out-real'],
      ['out-real', '--out', 'alias'],
    ]) {
      const result = await cli(dir, 'merge', ...args, ...TRUSTED);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is also a folder being merged');
    }
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
    ['--out one of the inputs', ['clean', '--out', 'clean'], '--out clean is also a folder being merged (clean)'],
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
    expect(help.stdout).toContain('3 the merge could not be finished');
  });
});
