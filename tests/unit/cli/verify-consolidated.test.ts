import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKeyIdForReading } from '../../../shared/crypto/key-id';
import type { ConsolidatedDocument, UnsignedConsolidated } from '../../../shared/merge/consolidated';
import { buildConsolidated, consolidatedFileText, signConsolidated } from '../../../shared/merge/consolidated';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { MergeResult } from '../../../shared/merge/model';
import type { Signer, SubmissionDocument } from '../../../shared/submission/document';
import type { TestKey } from '../../helpers/merge-fixtures';
import { bundled, cardOf, intakeOf, jsonBytes, mergeSigner, signedDocument, signerCardOf, testKey } from '../../helpers/merge-fixtures';
import { cleanTempDirs, cli, STACK_TRACE, tempDir } from './helpers';

/**
 * `egov-desk verify` on the coordinator's consolidated JSON (`egov-desk/consolidated`): signed,
 * trusted or not, tampered with, unsigned, unreadable, larger than a submission may be, and the
 * very file `egov-desk merge --identity` writes. Run in-process like the other CLI tests.
 */

const CONSOLIDATION_ID = '5d2c8a91-7b3e-4f60-9a1d-2e3f4a5b6c7d';
const CREATED_AT = '2024-06-02T08:00:00.000Z';
const MB = 1024 * 1024;

let dir: string;
let coordinatorKey: TestKey;
let coordinator: Signer;
let estoniaFinance: SubmissionDocument;
let result: MergeResult;
let signedText: string;
let keyText: string;

beforeAll(async () => {
  dir = await tempDir('egov-verify-consolidated-');
  coordinatorKey = await testKey();
  coordinator = { name: 'Mari Kask', organisation: 'Government Office', email: 'mari@riigikantselei.example', keyId: coordinatorKey.keyId };
  keyText = formatKeyIdForReading(coordinatorKey.keyId);
  const finance = await mergeSigner('Ama Boateng', 'Ministry of Finance', 'ama@finance.example');
  const health = await mergeSigner('Lars Eriksen', 'Ministry of Health', 'lars@health.example');
  // Two ministries of Estonia disagree on B.3 (one open conflict); Latvia answers alone.
  estoniaFinance = await signedDocument({ signer: finance, place: 'Estonia', answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 5 }, signedAt: '2024-05-01T08:00:00.000Z' });
  const estoniaHealth = await signedDocument({ signer: health, place: 'Estonia', answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 7 }, signedAt: '2024-05-02T08:00:00.000Z' });
  const latvia = await signedDocument({ signer: finance, place: 'Latvia', answers: { 'A.1': 'https://latvija.gov.example/' }, signedAt: '2024-05-03T08:00:00.000Z' });
  const files = await intakeOf([
    { name: 'estonia-finance.json', document: estoniaFinance },
    { name: 'estonia-health.json', document: estoniaHealth },
    { name: 'latvia-finance.json', document: latvia },
    { name: 'notes.json', bytes: new TextEncoder().encode('{"hello":"world"}') },
  ]);
  result = mergeSubmissions(files, { definitions: [bundled('test-all-types')] });
  signedText = consolidatedFileText(await signed());

  await write('consolidated.json', signedText);
  await write('coordinator-card.json', JSON.stringify({ ...signerCardOf(coordinatorKey), name: coordinator.name, organisation: coordinator.organisation, email: coordinator.email }));
  await write('other-card.json', JSON.stringify(signerCardOf(await testKey())));
  await write('submission.json', jsonBytes(estoniaFinance));
  await write('finance-card.json', JSON.stringify(cardOf(finance)));
});
afterAll(cleanTempDirs);

async function write(name: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), data);
}

function unsignedDocument(): UnsignedConsolidated {
  return buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT, generatorVersion: '1.2.3' });
}

function signed(): Promise<ConsolidatedDocument> {
  return signConsolidated(buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT, coordinator, generatorVersion: '1.2.3' }), coordinatorKey);
}

/** The same members, sorted by name (as `jq -S` or Python's `sort_keys` write them): `format` is no longer first. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortedKeys(v)]));
}

const SUMMARY = '2 respondents from 3 files, 1 open conflict';

type Report = Record<string, unknown>;
async function jsonReports(...args: string[]): Promise<{ code: number; reports: Report[] }> {
  const run = await cli(dir, 'verify', ...args, '--json');
  expect(run.stderr).toBe('');
  return { code: run.code, reports: JSON.parse(run.stdout) as Report[] };
}

describe('verify on a signed consolidated dataset', () => {
  it('is valid, names the coordinator and the key, says it is not trusted, and counts respondents, files and open conflicts', async () => {
    const run = await cli(dir, 'verify', 'consolidated.json');
    expect(run).toStrictEqual({
      code: 0,
      stdout: `consolidated.json: valid consolidated dataset, signed by Mari Kask (Government Office), key ${keyText}, not on the trusted list; ${SUMMARY}\n`,
      stderr: '',
    });
  });

  it("is trusted with the coordinator's signer card, and not with another key's", async () => {
    expect((await cli(dir, 'verify', 'consolidated.json', '--trusted', 'coordinator-card.json')).stdout).toBe(
      `consolidated.json: valid consolidated dataset, signed by Mari Kask (Government Office), key ${keyText}, trusted; ${SUMMARY}\n`,
    );
    const other = await cli(dir, 'verify', 'consolidated.json', '--trusted', 'other-card.json');
    expect(other.code).toBe(0);
    expect(other.stdout).toContain(', not on the trusted list; ');
  });

  it('--json gives a consolidated report: coordinator, summary and questionnaires, not the dataset itself', async () => {
    const { code, reports } = await jsonReports('consolidated.json', '--trusted', 'coordinator-card.json');
    expect(code).toBe(0);
    expect(reports).toStrictEqual([
      {
        file: 'consolidated.json',
        kind: 'consolidated',
        format: 'json',
        status: 'valid',
        trusted: true,
        coordinator,
        consolidationId: CONSOLIDATION_ID,
        createdAt: CREATED_AT,
        questionnaires: [{ id: 'test-all-types', version: '1.0.0' }],
        summary: { files: 4, merged: 3, respondents: 2, openConflicts: 1, filesNeedingDecision: 0 },
      },
    ]);
  });

  it('is told apart from a submission by content, next to one, whatever the file is called', async () => {
    await write('looks-like-a-submission.json', signedText);
    const text = await cli(dir, 'verify', 'submission.json', 'looks-like-a-submission.json', '--trusted', 'finance-card.json');
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toStrictEqual([
      expect.stringMatching(/^submission\.json: valid, signed by Ama Boateng \(Ministry of Finance\), key .+, trusted$/) as unknown,
      `looks-like-a-submission.json: valid consolidated dataset, signed by Mari Kask (Government Office), key ${keyText}, not on the trusted list; ${SUMMARY}`,
    ]);
    const { reports } = await jsonReports('submission.json', 'looks-like-a-submission.json');
    expect(reports.map((r) => [r.kind, r.status])).toStrictEqual([
      ['submission', 'valid'],
      ['consolidated', 'valid'],
    ]);
  });

  it('is recognised when a tool reordered its members (format no longer first), and stays valid', async () => {
    const reordered = `${JSON.stringify(sortedKeys(JSON.parse(signedText)), null, 1)}\n`;
    expect(reordered.trimStart().startsWith('{\n "consolidationId"')).toBe(true);
    await write('sorted.json', reordered);
    expect((await cli(dir, 'verify', 'sorted.json')).stdout).toBe(
      `sorted.json: valid consolidated dataset, signed by Mari Kask (Government Office), key ${keyText}, not on the trusted list; ${SUMMARY}\n`,
    );
  });

  it('is verified when larger than a submission may be (32 MB), up to 500 MB', async () => {
    // Whitespace is outside the signed canonical form, so the padded file still verifies.
    await write('padded.json', `${signedText}${' '.repeat(33 * MB)}\n`);
    const run = await cli(dir, 'verify', 'padded.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^padded\.json: valid consolidated dataset, signed by Mari Kask/);
  });
});

describe('verify on a consolidated dataset that must not be relied on', () => {
  it('one byte of content changed after signing: signature invalid, exit 1', async () => {
    const bytes = new TextEncoder().encode(signedText);
    // "Latvia" → "Latvib": one byte of one respondent's place.
    const at = signedText.indexOf('"place": "Latvia"') + '"place": "Latvi'.length;
    expect(String.fromCharCode(bytes[at] ?? 0)).toBe('a');
    bytes[at] = 'b'.charCodeAt(0);
    await write('tampered.json', bytes);

    const text = await cli(dir, 'verify', 'tampered.json', '--trusted', 'coordinator-card.json');
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('tampered.json: signature invalid: the signature does not match the consolidated dataset (it was changed after signing, or signed with another key)\n');
    expect(text.stderr).toBe('');

    const { code, reports } = await jsonReports('tampered.json');
    expect(code).toBe(1);
    expect(reports).toMatchObject([{ file: 'tampered.json', kind: 'consolidated', status: 'signatureInvalid', problem: 'badSignature', coordinator: { name: 'Mari Kask' } }]);
    expect(reports[0]).not.toHaveProperty('trusted');
  });

  it('signed by a key other than the coordinator named: signature invalid', async () => {
    const document = await signed();
    const impostor = await testKey();
    await write('swapped.json', JSON.stringify({ ...document, coordinator: { ...document.coordinator, keyId: impostor.keyId } }));
    const run = await cli(dir, 'verify', 'swapped.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("swapped.json: signature invalid: the consolidated dataset's signature was made with a different key than the coordinator's\n");
  });

  it('unsigned (merged without --identity): says so with its counts, and is not valid (exit 1)', async () => {
    await write('unsigned.json', consolidatedFileText(unsignedDocument()));
    const run = await cli(dir, 'verify', 'unsigned.json', '--trusted', 'coordinator-card.json');
    expect(run).toStrictEqual({ code: 1, stdout: `unsigned.json: unsigned consolidated dataset (no coordinator signature); ${SUMMARY}\n`, stderr: '' });

    const { code, reports } = await jsonReports('unsigned.json');
    expect(code).toBe(1);
    expect(reports).toStrictEqual([
      {
        file: 'unsigned.json',
        kind: 'consolidated',
        format: 'json',
        status: 'unsigned',
        consolidationId: CONSOLIDATION_ID,
        createdAt: CREATED_AT,
        questionnaires: [{ id: 'test-all-types', version: '1.0.0' }],
        summary: { files: 4, merged: 3, respondents: 2, openConflicts: 1, filesNeedingDecision: 0 },
      },
    ]);
  });

  it('a valid file next to an unsigned one: exit 1', async () => {
    const run = await cli(dir, 'verify', 'consolidated.json', 'unsigned.json');
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toStrictEqual([
      `consolidated.json: valid consolidated dataset, signed by Mari Kask (Government Office), key ${keyText}, not on the trusted list; ${SUMMARY}`,
      `unsigned.json: unsigned consolidated dataset (no coordinator signature); ${SUMMARY}`,
    ]);
  });

  it.each([
    ['truncated.json', () => signedText.slice(0, 2000), 'not valid JSON'],
    ['version-2.json', () => signedText.replace('"formatVersion": 1', '"formatVersion": 2'), 'this consolidated dataset is in format version 2, which this version of EGov Desk cannot read'],
    ['half-signed.json', () => consolidatedFileText({ ...unsignedDocument(), coordinator }), 'names its coordinator exactly when it is signed'],
  ])('%s: unreadable with the reason, a consolidated report, exit 1', async (name, content, reason) => {
    await write(name, content());
    const run = await cli(dir, 'verify', name);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${name}: unreadable: .*`));
    expect(run.stdout).toContain(reason);
    expect(run.stdout).not.toMatch(STACK_TRACE);
    const { reports } = await jsonReports(name);
    expect(reports).toMatchObject([{ file: name, kind: 'consolidated', format: 'json', status: 'unreadable' }]);
  });

  it('a file over 500 MB that starts like a consolidated dataset is refused without being read', async () => {
    const file = path.join(dir, 'huge-consolidated.json');
    await writeFile(file, signedText.slice(0, 200));
    // Sparse: the size is checked before anything past the first bytes is read.
    await truncate(file, 501 * MB);
    const run = await cli(dir, 'verify', 'huge-consolidated.json', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toStrictEqual([{ file: 'huge-consolidated.json', kind: 'consolidated', format: 'json', status: 'unreadable', reason: 'the file is larger than 500 MB' }]);
  });

  it('a file over 32 MB that does not start like a consolidated dataset is refused as too large for a submission', async () => {
    await write('padded-front.json', `${' '.repeat(300)}${signedText}`);
    await truncate(path.join(dir, 'padded-front.json'), 33 * MB);
    expect((await cli(dir, 'verify', 'padded-front.json')).stdout).toBe('padded-front.json: unreadable: the file is larger than 32 MB\n');
  });
});

describe('the file egov-desk merge writes', () => {
  it('verifies as valid and trusted when merged with --identity, and as unsigned without', async () => {
    await write('in/estonia-finance.json', jsonBytes(estoniaFinance));
    expect((await cli(dir, 'keygen', '--name', 'Coral Coordinator', '--org', 'UN DESA', '--email', 'coral@un.example', '--out', 'coral')).code).toBe(0);
    expect((await cli(dir, 'merge', 'in', '--out', 'out-signed', '--identity', 'coral/identity.json')).code).toBe(0);
    const signedRun = await cli(dir, 'verify', path.join('out-signed', 'consolidated.json'), '--trusted', 'coral/signer-card.json');
    expect(signedRun.code).toBe(0);
    expect(signedRun.stdout).toMatch(/^out-signed[/\\]consolidated\.json: valid consolidated dataset, signed by Coral Coordinator \(UN DESA\), key [0-9a-f ]+, trusted; 1 respondent from 1 file, 0 open conflicts\n$/);

    expect((await cli(dir, 'merge', 'in', '--out', 'out-unsigned')).code).toBe(0);
    const unsignedRun = await cli(dir, 'verify', path.join('out-unsigned', 'consolidated.json'));
    expect(unsignedRun.code).toBe(1);
    expect(unsignedRun.stdout).toBe(`${path.join('out-unsigned', 'consolidated.json')}: unsigned consolidated dataset (no coordinator signature); 1 respondent from 1 file, 0 open conflicts\n`);
    expect(JSON.parse(await readFile(path.join(dir, 'out-unsigned', 'consolidated.json'), 'utf8'))).not.toHaveProperty('signature');
  });
});

describe('verify --help', () => {
  it('describes consolidated datasets and their verdicts', async () => {
    const help = (await cli(dir, 'verify', '--help')).stdout;
    expect(help).toContain('consolidated datasets');
    expect(help).toContain('valid consolidated dataset, signed by NAME (ORGANISATION)');
    expect(help).toContain('unsigned consolidated dataset (no coordinator signature)');
    expect(help).toContain('"kind" is "submission" or "consolidated"');
  });
});
