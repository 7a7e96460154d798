import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseFile } from '../../../shared/submission/response-file';
import { submissionDocumentSchema } from '../../../shared/submission/document';
import { cleanTempDirs, cli, STACK_TRACE, tempDir } from './helpers';

let dir: string;
let sample: ResponseFile;

beforeAll(async () => {
  dir = await tempDir();
  await cli(dir, 'keygen', '--name', 'Lucía Pérez', '--org', 'AGESIC', '--email', 'lucia@agesic.example', '--out', 'id');
  await cli(dir, 'sample', '--questionnaire', 'test-all-types', '--seed', 'v', '--out', 'ok.json');
  sample = JSON.parse(await readFile(path.join(dir, 'ok.json'), 'utf8')) as ResponseFile;
});
afterAll(cleanTempDirs);

async function variant(name: string, change: (r: ResponseFile) => unknown): Promise<string> {
  await writeFile(path.join(dir, name), JSON.stringify(change(structuredClone(sample)), null, 2));
  return name;
}

/** The sample with a required answer removed and a rule broken. */
const broken = (r: ResponseFile) => {
  const answers: Record<string, unknown> = { ...r.answers, 'A.2': 'yes', 'A.2.2': 2031 };
  delete answers['A.1'];
  return { ...r, answers, evidence: { ...r.evidence, 'A.2': r.evidence['A.2'] ?? [{ id: 'e', url: 'https://www.gov.example/s', title: 'S', accessed: '2024-03-01' }] } };
};

/** The sample with one warning: services through the web portal, yet none fully online. */
const warned = (acknowledge: boolean) => (r: ResponseFile) => ({
  ...r,
  answers: { ...r.answers, 'B.1': ['web'], 'B.3': 0 },
  acknowledgedWarnings: acknowledge ? ['B.3|question|rule:web-portal-without-online-services'] : [],
});

describe('egov-desk validate', () => {
  it('says a complete sample is ready (exit 0)', async () => {
    const result = await cli(dir, 'validate', 'ok.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok\.json: test-all-types 1\.0\.0, (\d+) of \1 shown questions answered\nReady to submit\.\n$/);
  });

  it('lists each finding with severity, section, question and a plain message (exit 1)', async () => {
    const result = await cli(dir, 'validate', await variant('broken.json', broken));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ERROR   section A, question A.1: This question needs an answer.\n');
    expect(result.stdout).toContain('ERROR   section A, question A.2.2: Enter a value of at most 2030.\n');
    expect(result.stdout).toContain('Not ready to submit: 1 required answer is missing; ');
    const json = JSON.parse((await cli(dir, 'validate', 'broken.json', '--json')).stdout) as { readiness: { status: string; readyToSubmit: boolean }; findings: { questionId: string; severity: string; code: string; message: string }[] };
    expect(json.readiness).toMatchObject({ status: 'notReady', readyToSubmit: false });
    expect(json.findings).toContainEqual(expect.objectContaining({ questionId: 'A.1', severity: 'error', code: 'required', message: 'This question needs an answer.' }));
  });

  it('needs warnings acknowledged in the file', async () => {
    const open = await cli(dir, 'validate', await variant('warned.json', warned(false)));
    expect(open.code).toBe(1);
    expect(open.stdout).toContain('WARNING section B, question B.3: Services are delivered through a web portal');
    expect(open.stdout).toContain('1 warning is not acknowledged');
    const acknowledged = await cli(dir, 'validate', await variant('acknowledged.json', warned(true)));
    expect(acknowledged.code).toBe(0);
    expect(acknowledged.stdout).toContain('(acknowledged)');
  });
});

describe('response files that cannot be used', () => {
  it.each([
    ['wrong-id.json', (r: ResponseFile) => ({ ...r, questionnaire: { id: 'msq-1999', version: '1.0.0' } }), 'answers questionnaire "msq-1999", which is not available (available: msq-2024 1.0.0,'],
    ['wrong-version.json', (r: ResponseFile) => ({ ...r, questionnaire: { ...r.questionnaire, version: '9.0.0' } }), 'answers test-all-types version 9.0.0, which is not available (available: test-all-types 1.0.0)'],
    ['wrong-hash.json', (r: ResponseFile) => ({ ...r, questionnaire: { ...r.questionnaire, contentHash: `sha256:${'0'.repeat(64)}` } }), 'answers a different text of test-all-types 1.0.0'],
    ['no-respondent.json', (r: ResponseFile) => ({ ...r, respondent: undefined }), 'does not follow the response format: respondent'],
    ['submission.json', (r: ResponseFile) => ({ ...r, format: 'egov-desk/submission' }), 'is a signed submission'],
    ['bad-answer.json', (r: ResponseFile) => ({ ...r, answers: { 'A.1': { nested: true } } }), 'does not follow the response format: answers.A.1'],
  ])('%s: exit 2 with a clear reason', async (name, change, message) => {
    await variant(name, change);
    for (const args of [['validate', name], ['export', name, '--identity', 'id/identity.json', '--format', 'json', '--out', 'x.json']]) {
      const result = await cli(dir, ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${name} `);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it.each([
    ['empty.json', '', 'is empty'],
    ['text.json', 'answers: yes', 'is not valid JSON'],
  ])('%s: exit 2', async (name, text, message) => {
    await writeFile(path.join(dir, name), text);
    const result = await cli(dir, 'validate', name);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses a huge file without reading it', async () => {
    await writeFile(path.join(dir, 'huge.json'), '');
    await truncate(path.join(dir, 'huge.json'), 9 * 1024 * 1024);
    const result = await cli(dir, 'validate', 'huge.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('huge.json is larger than 8 MB');
  });
});

describe('egov-desk export', () => {
  it('refuses a response that is not ready, listing its findings, and writes nothing', async () => {
    const result = await cli(dir, 'export', 'ok.json', await variant('broken2.json', broken), '--identity', 'id/identity.json', '--format', 'json', '--out', 'refused');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken2.json: Not ready to submit');
    expect(result.stderr).toContain('  ERROR   section A, question A.1: This question needs an answer.');
    expect(result.stderr).toContain('Nothing was exported');
    await expect(readdir(path.join(dir, 'refused'))).rejects.toThrow();
  });

  it('exports a response whose only warning is acknowledged, and records the acknowledgement', async () => {
    await variant('warned2.json', warned(false));
    expect((await cli(dir, 'export', 'warned2.json', '--identity', 'id/identity.json', '--format', 'json', '--out', 'w.json')).code).toBe(1);
    await variant('acknowledged2.json', warned(true));
    const result = await cli(dir, 'export', 'acknowledged2.json', '--identity', 'id/identity.json', '--format', 'json', '--out', 'w.json');
    expect(result.code).toBe(0);
    const document = submissionDocumentSchema.parse(JSON.parse(await readFile(path.join(dir, 'w.json'), 'utf8')));
    expect(document.validation).toMatchObject({ status: 'ready', warnings: 1, findings: [{ questionId: 'B.3', severity: 'warning', acknowledged: true }] });
    expect(document.timestamps.signed).toBe('2024-05-20T10:00:00.000Z');
    expect(document.signer).toMatchObject({ name: 'Lucía Pérez', organisation: 'AGESIC' });
  });

  it('names files after place and questionnaire, without collisions', async () => {
    await writeFile(path.join(dir, 'copy.json'), JSON.stringify({ ...sample, respondent: { ...sample.respondent, place: 'São Tomé / Príncipe' } }));
    await writeFile(path.join(dir, 'copy2.json'), JSON.stringify({ ...sample, respondent: { ...sample.respondent, place: 'São Tomé / Príncipe' } }));
    const result = await cli(dir, 'export', 'copy.json', 'copy2.json', '--identity', 'id/identity.json', '--format', 'json', '--out', 'named');
    expect(result.code).toBe(0);
    expect((await readdir(path.join(dir, 'named'))).sort()).toStrictEqual(['sao-tome-principe-test-all-types-2.json', 'sao-tome-principe-test-all-types.json']);
    // One response and an existing folder: the file goes into the folder, named the same way.
    const into = await cli(dir, 'export', 'copy.json', '--identity', 'id/identity.json', '--format', 'json', '--out', 'named');
    expect(into.code).toBe(0);
    expect(into.stdout).toContain(`-> ${path.join('named', 'sao-tome-principe-test-all-types.json')}`);
  });

  it('refuses to overwrite a response file it reads', async () => {
    await cli(dir, 'sample', '--questionnaire', 'test-all-types', '--seed', 'v', '--count', '2', '--out', 'pair');
    const names = await readdir(path.join(dir, 'pair'));
    const result = await cli(dir, 'export', 'pair', '--identity', 'id/identity.json', '--format', 'json', '--out', 'pair');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('would overwrite the response file');
    expect(await readdir(path.join(dir, 'pair'))).toStrictEqual(names);
  });

  it('refuses a signer card or a broken file as the identity (exit 2)', async () => {
    const card = await cli(dir, 'export', 'ok.json', '--identity', 'id/signer-card.json', '--format', 'json', '--out', 'c.json');
    expect(card.code).toBe(2);
    expect(card.stderr).toContain('is a public signer card; signing needs the private identity.json');
    const identity = JSON.parse(await readFile(path.join(dir, 'id/identity.json'), 'utf8')) as Record<string, string>;
    await writeFile(path.join(dir, 'other-key.json'), JSON.stringify({ ...identity, publicKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }));
    const mismatch = await cli(dir, 'export', 'ok.json', '--identity', 'other-key.json', '--format', 'json', '--out', 'c.json');
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('does not match the public key');
  });

  it('writes an Excel workbook, or says why it cannot', async () => {
    const result = await cli(dir, 'export', 'ok.json', '--identity', 'id/identity.json', '--format', 'xlsx', '--out', 'ok.xlsx');
    if (result.code === 0) {
      const verified = await cli(dir, 'verify', 'ok.xlsx', '--trusted', 'id/signer-card.json');
      expect(verified.stdout).toContain('ok.xlsx: valid, signed by Lucía Pérez (AGESIC)');
      expect(verified.code).toBe(0);
    } else {
      // Until shared/workbook is implemented: a clear refusal, not a crash.
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('the Excel workbook could not be made');
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
  });
});
