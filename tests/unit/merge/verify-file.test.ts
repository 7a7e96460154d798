import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyIntakeBytes } from '../../../shared/merge/verify-file';
import { submissionContentHash } from '../../../shared/review/bind';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { MAX_SUBMISSION_BYTES } from '../../../shared/submission/document';
import { MAX_WORKBOOK_BYTES } from '../../../shared/workbook';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { cardOf, editedBytes, jsonBytes, mergeSigner, signedDocument, workbookBytes } from '../../helpers/merge-fixtures';

let signer: MergeSigner;
let document: SubmissionDocument;

beforeAll(async () => {
  signer = await mergeSigner('Amina Odhiambo', 'Ministry of Health');
  document = await signedDocument({ signer, place: 'Kenya', answers: { 'A.2': 'yes', 'A.3': 'no', 'B.1': ['web'] } });
});

const sha256Of = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const reasonOf = (file: { report: { status: string; reason?: string } }) => (file.report.status === 'unreadable' ? file.report.reason : undefined);

describe('verifyIntakeBytes', () => {
  it('verifies a JSON submission: its hashes, its trust, and where it sits in the intake', async () => {
    const bytes = jsonBytes(document);
    const file = await verifyIntakeBytes({ index: 7, name: 'kenya/health.json', bytes }, [cardOf(signer)], []);
    expect(file).toMatchObject({ index: 7, name: 'kenya/health.json', format: 'json', byteLength: bytes.byteLength, fileHash: sha256Of(bytes) });
    expect(file.report).toMatchObject({ status: 'valid', trusted: true });
    expect(file.contentHash).toBe(await submissionContentHash(document));

    const untrusted = await verifyIntakeBytes({ index: 0, name: 'x.json', bytes }, [], []);
    expect(untrusted.report).toMatchObject({ status: 'valid', trusted: false });
  });

  it('gives a reformatted copy another file hash but the same content hash', async () => {
    const compact = new TextEncoder().encode(JSON.stringify(document));
    const [pretty, flat] = await Promise.all([
      verifyIntakeBytes({ index: 0, name: 'a.json', bytes: jsonBytes(document) }, [], []),
      verifyIntakeBytes({ index: 1, name: 'b.json', bytes: compact }, [], []),
    ]);
    expect(pretty.fileHash).not.toBe(flat.fileHash);
    expect(pretty.contentHash).toBe(flat.contentHash);
  });

  it('verifies a workbook by its content, whatever it is called', async () => {
    const bytes = await workbookBytes(document);
    const file = await verifyIntakeBytes({ index: 0, name: 'kenya-health.json', bytes }, [], []);
    expect(file.format).toBe('xlsx');
    expect(file.report.status).toBe('valid');
    expect(file.contentHash).toBe(await submissionContentHash(document));
  });

  it('reports a file changed after signing, with the content hash of what it now says', async () => {
    const file = await verifyIntakeBytes({ index: 0, name: 'edited.json', bytes: editedBytes(document, 'A.3', 'yes') }, [], []);
    expect(file.report.status).toBe('changed');
    if (file.report.status === 'changed') expect(file.report.changes.map((c) => c.where)).toEqual(['answers.A.3']);
    expect(file.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(file.contentHash).not.toBe(await submissionContentHash(document));
  });

  it('calls an empty file unreadable, without a content hash', async () => {
    const file = await verifyIntakeBytes({ index: 0, name: 'empty.json', bytes: new Uint8Array() }, [], []);
    expect(file).toMatchObject({ format: 'json', byteLength: 0, fileHash: sha256Of(new Uint8Array()) });
    expect(reasonOf(file)).toBe('the file is empty');
    expect(file.contentHash).toBeUndefined();
  });

  it('refuses a JSON file over the submission limit, giving its size', async () => {
    const bytes = new Uint8Array(MAX_SUBMISSION_BYTES + 1).fill(0x20);
    const file = await verifyIntakeBytes({ index: 0, name: 'huge.json', bytes }, [], []);
    expect(file.format).toBe('json');
    expect(reasonOf(file)).toBe('the file is 32.0 MB (33,554,433 bytes), larger than the 32 MB accepted for a JSON submission');
  });

  it('refuses a zip over the workbook limit, giving its size', async () => {
    const bytes = new Uint8Array(MAX_WORKBOOK_BYTES + 1);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const file = await verifyIntakeBytes({ index: 0, name: 'huge.xlsx', bytes }, [], []);
    expect(file.format).toBe('xlsx');
    expect(reasonOf(file)).toBe('the file is 64.0 MB (67,108,865 bytes), larger than the 64 MB accepted for an Excel submission');
  }, 20_000);

  it('says what is wrong with files that are not submissions', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const cases = [
      { name: 'notes.txt', bytes: encode('Dear coordinator, please find attached') },
      { name: 'review.json', bytes: encode('{"format":"egov-desk/review","formatVersion":1}') },
      { name: 'archive.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]) },
    ];
    const files = await Promise.all(cases.map((c, index) => verifyIntakeBytes({ index, ...c }, [], [])));
    expect(files.map((f) => [f.format, f.report.status])).toEqual([
      ['json', 'unreadable'],
      ['json', 'unreadable'],
      ['xlsx', 'unreadable'],
    ]);
    expect(reasonOf(files[0] ?? { report: { status: '' } })).toContain('not valid JSON');
    expect(reasonOf(files[1] ?? { report: { status: '' } })).toContain('review of a submission');
    expect(reasonOf(files[2] ?? { report: { status: '' } })).toMatch(/\S/);
    expect(files.every((f) => f.contentHash === undefined)).toBe(true);
  });
});
