import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { ConsolidatedDocument, UnsignedConsolidated } from '../../../shared/merge/consolidated';
import {
  buildConsolidated,
  consolidatedFileText,
  consolidatedSigningBytes,
  signConsolidated,
  unsignedConsolidatedSchema,
  verifyConsolidatedJson,
} from '../../../shared/merge/consolidated';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConflictDecision, MergeResult } from '../../../shared/merge/model';
import { valueKey } from '../../../shared/merge/value-key';
import type { Signer, SubmissionDocument } from '../../../shared/submission/document';
import type { TestKey } from '../../helpers/merge-fixtures';
import { bundled, editedBytes, evidenceItem, intakeOf, jsonBytes, mergeSigner, signedDocument, signerCardOf, testKey } from '../../helpers/merge-fixtures';

const ESTONIA = 'test-all-types@1.0.0/country/estonia';
const CONSOLIDATION_ID = '0b7f6c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b';
const CREATED_AT = '2024-06-02T08:00:00.000Z';

let coordinatorKey: TestKey;
let coordinator: Signer;
let digital: SubmissionDocument;
let health: SubmissionDocument;
let result: MergeResult;

beforeAll(async () => {
  coordinatorKey = await testKey();
  coordinator = { name: 'Mari Kask', organisation: 'Government Office', email: 'mari@riigikantselei.example', keyId: coordinatorKey.keyId };
  const digitalSigner = await mergeSigner('Kai Tamm', 'Information System Authority', 'kai@ria.example');
  const healthSigner = await mergeSigner('Ana Lima', 'Ministry of Health', 'ana@health.example');
  digital = await signedDocument({
    signer: digitalSigner,
    signedAt: '2024-05-03T09:00:00.000Z',
    answers: { 'A.1': 'https://www.gov.example/', 'A.3': 'yes', 'B.1': ['web', 'mobile'], 'B.4': 87.5 },
    evidence: { 'A.1': [evidenceItem('https://www.gov.example/', 'Portal')] },
  });
  health = await signedDocument({
    signer: healthSigner,
    signedAt: '2024-05-04T09:00:00.000Z',
    answers: { 'A.1': 'https://www.gov.example/', 'A.3': 'no', 'B.1': ['web', 'sms'] },
  });
  const files = await intakeOf([
    { name: 'digital.json', document: digital },
    { name: 'health.json', document: health },
    { name: 'health-edited.json', bytes: editedBytes(health, 'A.3', 'na') },
    { name: 'garbage.bin', bytes: new Uint8Array([1, 2, 3]) },
  ]);
  const decision: ConflictDecision = {
    respondent: ESTONIA,
    question: 'A.3',
    resolution: { choice: { kind: 'choose', key: valueKey('no') }, reason: 'Decree 12 of 2023 created the post.', decidedBy: 'Mari Kask', decidedAt: '2024-06-01T10:00:00.000Z' },
  };
  result = mergeSubmissions(files, { decisions: [decision], definitions: [bundled('test-all-types')] });
});

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function signed(): Promise<ConsolidatedDocument> {
  return signConsolidated(buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT, coordinator, generatorVersion: '1.2.3' }), coordinatorKey);
}

describe('buildConsolidated', () => {
  it('holds every file, every respondent with its contributions, and a summary', () => {
    const document = buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT });
    expect(unsignedConsolidatedSchema.safeParse(document).success).toBe(true);
    expect(document.format).toBe('egov-desk/consolidated');
    expect(document.formatVersion).toBe(1);
    expect(document.generator).toEqual({ name: 'EGov Desk' });
    expect(document.coordinator).toBeUndefined();
    expect(document.questionnaires).toEqual([
      { id: 'test-all-types', version: '1.0.0', edition: digital.questionnaire.edition, title: digital.questionnaire.title, contentHash: digital.questionnaire.contentHash },
    ]);
    expect(document.files.map((f) => [f.name, f.verification, f.standing])).toEqual([
      ['digital.json', 'valid', 'merged'],
      ['health.json', 'valid', 'merged'],
      ['health-edited.json', 'changed', 'keptOut'],
      ['garbage.bin', 'unreadable', 'unreadable'],
    ]);
    expect(document.files[0]).toMatchObject({ trusted: false, submissionId: digital.submissionId, respondent: ESTONIA });
    expect(document.files[2]?.reason).toBe('changed after signing: answers.A.3');
    expect(document.files[3]?.reason).toMatch(/not valid JSON|not UTF-8/);
    expect(document.files[3]).not.toHaveProperty('submissionId');
    expect(document.summary).toEqual({ files: 4, merged: 2, respondents: 1, openConflicts: 1, filesNeedingDecision: 1 });
  });

  it('gives each answer its value, status, evidence and sources, and conflicts their candidates and resolution', () => {
    const document = buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT });
    const [estonia] = document.respondents;
    if (estonia === undefined) throw new Error('no respondent');
    expect(estonia.key).toBe(ESTONIA);
    expect(estonia.organisations).toEqual(['Information System Authority', 'Ministry of Health']);
    expect(estonia.contributions.map((c) => [c.fileName, c.submissionId, c.verification, c.signer.name, c.signed])).toEqual([
      ['digital.json', digital.submissionId, 'valid', 'Kai Tamm', '2024-05-03T09:00:00.000Z'],
      ['health.json', health.submissionId, 'valid', 'Ana Lima', '2024-05-04T09:00:00.000Z'],
    ]);
    expect(estonia.openConflicts).toBe(1);
    expect(estonia.answers['A.1']).toMatchObject({ value: 'https://www.gov.example/', status: 'agreed', sources: [digital.submissionId, health.submissionId] });
    expect(estonia.answers['A.1']?.evidence.map((e) => e.url)).toEqual(['https://www.gov.example/']);
    expect(estonia.answers['A.1']).not.toHaveProperty('candidates');
    expect(estonia.answers['B.4']).toMatchObject({ value: 87.5, status: 'single', sources: [digital.submissionId] });
    expect(estonia.answers['A.3']).toEqual({
      value: 'no',
      status: 'resolved',
      evidence: [],
      sources: [health.submissionId],
      candidates: [
        { value: 'yes', sources: [digital.submissionId] },
        { value: 'no', sources: [health.submissionId] },
      ],
      resolution: { choice: { kind: 'choose', value: 'no' }, reason: 'Decree 12 of 2023 created the post.', decidedBy: 'Mari Kask', decidedAt: '2024-06-01T10:00:00.000Z' },
    });
    expect(estonia.answers['B.1']).toMatchObject({ value: null, status: 'conflict', sources: [digital.submissionId, health.submissionId] });
    expect(estonia.answers['B.1']?.candidates).toEqual([
      { value: ['web', 'mobile'], sources: [digital.submissionId] },
      { value: ['web', 'sms'], sources: [health.submissionId] },
    ]);
  });

  it('refuses options that break the format, with a named error', () => {
    expect(() => buildConsolidated(result, { consolidationId: 'not-a-uuid', createdAt: CREATED_AT })).toThrow(AppError);
    expect(() => buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: 'yesterday' })).toThrow(/createdAt/);
  });
});

describe('signConsolidated and verifyConsolidatedJson', () => {
  it('signs with the coordinator key, and the file verifies as valid', async () => {
    const document = await signed();
    expect(document.coordinator).toEqual(coordinator);
    expect(document.signature.keyId).toBe(coordinatorKey.keyId);
    expect(document.generator).toEqual({ name: 'EGov Desk', version: '1.2.3' });
    const report = await verifyConsolidatedJson(encode(consolidatedFileText(document)));
    expect(report.status).toBe('valid');
    if (report.status !== 'valid') return;
    expect(report.trusted).toBe(false);
    expect(report.document).toEqual(document);
  });

  it('says trusted when the coordinator key is on the trusted list', async () => {
    const bytes = encode(consolidatedFileText(await signed()));
    const report = await verifyConsolidatedJson(bytes, [signerCardOf(coordinatorKey)]);
    expect(report).toMatchObject({ status: 'valid', trusted: true });
    const other = await verifyConsolidatedJson(bytes, [signerCardOf(await testKey())]);
    expect(other).toMatchObject({ status: 'valid', trusted: false });
  });

  it('does not depend on the layout of the file', async () => {
    const document = await signed();
    expect(await verifyConsolidatedJson(encode(JSON.stringify(document)))).toMatchObject({ status: 'valid' });
  });

  it('finds one changed byte of content: signatureInvalid', async () => {
    const text = consolidatedFileText(await signed());
    const changed = text.replace('"Decree 12 of 2023 created the post."', '"Decree 13 of 2023 created the post."');
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    const report = await verifyConsolidatedJson(encode(changed));
    expect(report).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
  });

  it('does not let a trimmed coordinator name verify a signature made over the untrimmed one', async () => {
    const document = await signed();
    const padded = { ...document, coordinator: { ...document.coordinator, name: ` ${document.coordinator.name}` } };
    expect(await verifyConsolidatedJson(encode(JSON.stringify(padded)))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
  });

  it('reports a signature by another key than the coordinator’s', async () => {
    const document = await signed();
    const other = await testKey();
    const swapped = { ...document, coordinator: { ...document.coordinator, keyId: other.keyId } };
    expect(await verifyConsolidatedJson(encode(JSON.stringify(swapped)))).toMatchObject({ status: 'signatureInvalid', problem: 'signerKeyMismatch' });
  });

  it('refuses to sign with a key that is not the coordinator’s, or without a coordinator', async () => {
    const unsigned = buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT, coordinator });
    await expect(signConsolidated(unsigned, await testKey())).rejects.toThrow(AppError);
    const anonymous = buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT });
    await expect(signConsolidated(anonymous, coordinatorKey)).rejects.toThrow(/coordinator/);
  });

  it('reads an unsigned file as unsigned', async () => {
    const document: UnsignedConsolidated = buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT });
    const report = await verifyConsolidatedJson(encode(consolidatedFileText(document)));
    expect(report.status).toBe('unsigned');
    if (report.status === 'unsigned') expect(report.document.summary.openConflicts).toBe(1);
  });

  it('refuses a signature without a coordinator, and a coordinator without a signature', async () => {
    const document = await signed();
    const withoutCoordinator: Record<string, unknown> = { ...document };
    delete withoutCoordinator.coordinator;
    const withoutSignature: Record<string, unknown> = { ...document };
    delete withoutSignature.signature;
    for (const claim of [withoutCoordinator, withoutSignature]) {
      const report = await verifyConsolidatedJson(encode(JSON.stringify(claim)));
      expect(report.status).toBe('unreadable');
      if (report.status === 'unreadable') expect(report.reason).toMatch(/names its coordinator exactly when it is signed/);
    }
  });

  it('names what a wrong file is, and never throws on garbage', async () => {
    const reasonOf = async (bytes: Uint8Array): Promise<string> => {
      const report = await verifyConsolidatedJson(bytes);
      expect(report.status).toBe('unreadable');
      return report.status === 'unreadable' ? report.reason : '';
    };
    expect(await reasonOf(jsonBytes(digital))).toMatch(/this is a signed submission/);
    expect(await reasonOf(encode(JSON.stringify({ format: 'egov-desk/review' })))).toMatch(/review/);
    expect(await reasonOf(encode(JSON.stringify({ format: 'egov-desk/merge-decisions', formatVersion: 1 })))).toMatch(/decisions file/);
    expect(await reasonOf(encode(JSON.stringify({ format: 'egov-desk/consolidated', formatVersion: 2 })))).toMatch(/format version 2/);
    expect(await reasonOf(encode(JSON.stringify({ format: 'egov-desk/consolidated', formatVersion: 1 })))).toMatch(/does not follow the format/);
    expect(await reasonOf(encode('{"hello": "world"}'))).toBe('this is not an EGov Desk consolidated dataset');
    expect(await reasonOf(new Uint8Array([0xff, 0xfe, 0x00]))).toMatch(/UTF-8/);
    expect(await reasonOf(new Uint8Array())).toBe('the file is empty');
    expect(await reasonOf(encode('['.repeat(100_000)))).toMatch(/nests more than/);
    expect(await reasonOf(encode('not json'))).toMatch(/not valid JSON/);
  });

  it('signs the RFC 8785 bytes of the document without its signature', async () => {
    const document = await signed();
    const unsigned: Record<string, unknown> = { ...document };
    delete unsigned.signature;
    expect(consolidatedSigningBytes(document)).toEqual(consolidatedSigningBytes(unsigned as UnsignedConsolidated));
    expect(new TextDecoder().decode(consolidatedSigningBytes(document))).not.toContain('"signature"');
  });
});

function available(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

const missing = [
  process.platform === 'win32' ? 'a POSIX shell' : undefined,
  available('openssl', ['version']) ? undefined : 'openssl',
  available('python3', ['--version']) ? undefined : 'python3',
].filter((tool): tool is string => tool !== undefined);

/**
 * Runs, word for word, the commands shared/merge/README.md gives under "Verifying a consolidated
 * file with OpenSSL alone", so the documentation and the format cannot drift apart.
 */
describe.skipIf(missing.length > 0)(`the consolidated OpenSSL recipe${missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : ''}`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'egov-consolidated-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function runRecipe(text: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const readme = await readFile(path.join(import.meta.dirname, '../../../shared/merge/README.md'), 'utf8');
    const match = /<!-- consolidated-openssl-recipe -->\n```sh\n([\s\S]*?)```\n<!-- \/consolidated-openssl-recipe -->/.exec(readme);
    if (!match?.[1]) throw new Error('shared/merge/README.md has no consolidated-openssl-recipe block');
    await writeFile(path.join(dir, 'consolidated.json'), text);
    const result = spawnSync('sh', ['-e', '-c', match[1]], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('verifies a signed consolidated file, over exactly the bytes the app signs', async () => {
    const document = await signed();
    const result = await runRecipe(consolidatedFileText(document));
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Signature Verified Successfully');
    expect(result.status).toBe(0);
    expect(new Uint8Array(await readFile(path.join(dir, 'payload.bin')))).toStrictEqual(consolidatedSigningBytes(document));
  });

  it('fails on a changed file', async () => {
    const text = consolidatedFileText(await signed()).replace('"Decree 12 of 2023', '"Decree 13 of 2023');
    const result = await runRecipe(text);
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('Signature Verified Successfully');
  });
});
