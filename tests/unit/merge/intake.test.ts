import { beforeAll, describe, expect, it } from 'vitest';
import { classifyIntake } from '../../../shared/merge/intake';
import type { ClassifiedFile, FileStanding } from '../../../shared/merge/model';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { badSignatureBytes, editedBytes, intakeOf, jsonBytes, mergeSigner, signedDocument, workbookBytes } from '../../helpers/merge-fixtures';

let health: MergeSigner;
let education: MergeSigner;

beforeAll(async () => {
  health = await mergeSigner('Amina Odhiambo', 'Ministry of Health');
  education = await mergeSigner('Peter Kamau', 'Ministry of Education');
});

const standings = (files: readonly ClassifiedFile[]): FileStanding[] => files.map((f) => f.standing);

describe('classifyIntake: duplicates', () => {
  it('recognises the same file given twice as one submission', async () => {
    const document = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.2': 'yes' } });
    const files = await intakeOf([
      { name: 'kenya-health.json', document },
      { name: 'copy of kenya-health.json', document },
    ]);
    const classified = classifyIntake(files);
    expect(standings(classified)).toEqual([{ kind: 'merged' }, { kind: 'duplicate', of: 0 }]);
    expect(classified.every((f) => !f.needsDecision)).toBe(true);
    expect(classified.map((f) => f.respondentKey)).toEqual(['test-all-types@1.0.0/country/kenya', 'test-all-types@1.0.0/country/kenya']);
  });

  it('recognises a JSON file and a workbook of the same submission as duplicates', async () => {
    const document = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.2': 'yes', 'B.1': ['web', 'sms'] } });
    const files = await intakeOf([
      { name: 'kenya-health.xlsx', bytes: await workbookBytes(document) },
      { name: 'kenya-health.json', document },
    ]);
    expect(files.map((f) => [f.format, f.report.status])).toEqual([
      ['xlsx', 'valid'],
      ['json', 'valid'],
    ]);
    expect(files[0]?.fileHash).not.toBe(files[1]?.fileHash);
    expect(files[0]?.contentHash).toBe(files[1]?.contentHash);
    expect(standings(classifyIntake(files))).toEqual([{ kind: 'merged' }, { kind: 'duplicate', of: 0 }]);
  });

  it('takes a valid copy as the primary over an earlier copy whose signature fails', async () => {
    const document = await signedDocument({ signer: health, answers: { 'A.2': 'yes' } });
    const files = await intakeOf([
      { name: 'forged.json', bytes: badSignatureBytes(document) },
      { name: 'original.json', document },
    ]);
    expect(files.map((f) => f.report.status)).toEqual(['signatureInvalid', 'valid']);
    // The signature is not part of the signed content: same content hash, so the same submission.
    expect(standings(classifyIntake(files))).toEqual([{ kind: 'duplicate', of: 1 }, { kind: 'merged' }]);
  });

  it('does not call the same submission id with other content a duplicate', async () => {
    const document = await signedDocument({ signer: health, answers: { 'A.2': 'yes', 'A.3': 'no' } });
    const files = await intakeOf([
      { name: 'original.json', document },
      { name: 'edited.json', bytes: editedBytes(document, 'A.3', 'yes') },
    ]);
    expect(files[0]?.contentHash).not.toBe(files[1]?.contentHash);
    expect(standings(classifyIntake(files))).toEqual([{ kind: 'merged' }, { kind: 'keptOut' }]);
  });
});

describe('classifyIntake: files with a problem', () => {
  it('keeps a file changed after signing out, needing a decision, unless the coordinator chooses', async () => {
    const document = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'no' } });
    const files = await intakeOf([{ name: 'tampered.json', bytes: editedBytes(document, 'A.3', 'yes') }]);
    const [file] = files;
    expect(file?.report.status).toBe('changed');
    expect(classifyIntake(files)).toEqual([{ file, standing: { kind: 'keptOut' }, respondentKey: 'test-all-types@1.0.0/country/kenya', needsDecision: true }]);

    const hash = file?.fileHash ?? '';
    const included = classifyIntake(files, [{ fileHash: hash, include: true, reason: 'The ministry confirmed the edit by phone' }]);
    expect(included[0]).toMatchObject({ standing: { kind: 'includedDespiteProblem', reason: 'The ministry confirmed the edit by phone' }, needsDecision: false });
    const excluded = classifyIntake(files, [{ fileHash: hash, include: false, reason: 'Edited by hand' }]);
    expect(excluded[0]).toMatchObject({ standing: { kind: 'excluded', reason: 'Edited by hand' }, needsDecision: false });
  });

  it('keeps a file whose signature fails out in the same way', async () => {
    const document = await signedDocument({ signer: health, answers: { 'A.3': 'no' } });
    const files = await intakeOf([{ name: 'forged.json', bytes: badSignatureBytes(document) }]);
    expect(files[0]?.report.status).toBe('signatureInvalid');
    expect(classifyIntake(files)[0]).toMatchObject({ standing: { kind: 'keptOut' }, needsDecision: true });
  });

  it('lets the coordinator exclude a valid file, with the reason', async () => {
    const document = await signedDocument({ signer: health, answers: { 'A.3': 'no' } });
    const files = await intakeOf([document]);
    const classified = classifyIntake(files, [{ fileHash: files[0]?.fileHash ?? '', include: false, reason: 'Sent to the wrong coordinator' }]);
    expect(classified[0]?.standing).toEqual({ kind: 'excluded', reason: 'Sent to the wrong coordinator' });
  });

  it('keeps unreadable files in the list with their reason, whatever the choices', async () => {
    const files = await intakeOf([
      { name: 'notes.txt', bytes: new TextEncoder().encode('not json at all') },
      { name: 'empty.json', bytes: new Uint8Array() },
      { name: 'review.json', bytes: new TextEncoder().encode('{"format":"egov-desk/review","formatVersion":1}') },
    ]);
    const classified = classifyIntake(files, files.map((f) => ({ fileHash: f.fileHash, include: true, reason: 'try anyway' })));
    expect(classified.map((f) => [f.file.name, f.standing.kind, f.needsDecision, f.respondentKey])).toEqual([
      ['notes.txt', 'unreadable', false, undefined],
      ['empty.json', 'unreadable', false, undefined],
      ['review.json', 'unreadable', false, undefined],
    ]);
    expect(files.map((f) => (f.report.status === 'unreadable' ? f.report.reason : ''))).toEqual([
      expect.stringContaining('not valid JSON'),
      'the file is empty',
      expect.stringContaining('review'),
    ]);
  });

  it('applies a choice made for a copy of a tampered file to the submission', async () => {
    const document = await signedDocument({ signer: health, answers: { 'A.3': 'no' } });
    const tampered = editedBytes(document, 'A.3', 'yes');
    const files = await intakeOf([
      { name: 'a.json', bytes: tampered },
      { name: 'b.json', bytes: new TextEncoder().encode(`  ${new TextDecoder().decode(tampered)}`) },
    ]);
    const classified = classifyIntake(files, [{ fileHash: files[1]?.fileHash ?? '', include: true, reason: 'Confirmed' }]);
    expect(standings(classified)).toEqual([{ kind: 'includedDespiteProblem', reason: 'Confirmed' }, { kind: 'duplicate', of: 0 }]);
  });
});

describe('classifyIntake: supersession', () => {
  it('lets a later version from the same signer supersede the earlier one', async () => {
    const first = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'no' }, signedAt: '2024-05-01T10:00:00.000Z' });
    const second = await signedDocument({ signer: health, place: 'KENYA ', answers: { 'A.3': 'yes' }, signedAt: '2024-05-09T10:00:00.000Z' });
    const classified = classifyIntake(await intakeOf([second, first]));
    expect(standings(classified)).toEqual([{ kind: 'merged' }, { kind: 'superseded', by: 0 }]);
  });

  it('follows a revises link over the signing times', async () => {
    const first = await signedDocument({ signer: health, answers: { 'A.3': 'no' }, signedAt: '2024-05-09T10:00:00.000Z' });
    // The revision's clock was behind, but it says which version it replaces.
    const revision = await signedDocument({ signer: health, answers: { 'A.3': 'yes' }, signedAt: '2024-05-08T10:00:00.000Z', revises: first.submissionId });
    expect(standings(classifyIntake(await intakeOf([first, revision])))).toEqual([{ kind: 'superseded', by: 1 }, { kind: 'merged' }]);
  });

  it('supersedes every earlier version of a chain with the last one', async () => {
    const v1 = await signedDocument({ signer: health, answers: { 'A.3': 'no' }, signedAt: '2024-05-01T10:00:00.000Z' });
    const v2 = await signedDocument({ signer: health, answers: { 'A.3': 'yes' }, signedAt: '2024-05-02T10:00:00.000Z', revises: v1.submissionId });
    const v3 = await signedDocument({ signer: health, answers: { 'A.3': 'na' }, signedAt: '2024-05-03T10:00:00.000Z', revises: v2.submissionId });
    expect(standings(classifyIntake(await intakeOf([v2, v3, v1])))).toEqual([
      { kind: 'superseded', by: 1 },
      { kind: 'merged' },
      { kind: 'superseded', by: 1 },
    ]);
  });

  it('does not let a different signer supersede', async () => {
    const fromHealth = await signedDocument({ signer: health, answers: { 'A.3': 'no' }, signedAt: '2024-05-01T10:00:00.000Z' });
    const fromEducation = await signedDocument({ signer: education, answers: { 'A.3': 'yes' }, signedAt: '2024-05-09T10:00:00.000Z', revises: fromHealth.submissionId });
    expect(standings(classifyIntake(await intakeOf([fromHealth, fromEducation])))).toEqual([{ kind: 'merged' }, { kind: 'merged' }]);
  });

  it('does not supersede across respondents or questionnaire places', async () => {
    const kenya = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'no' }, signedAt: '2024-05-01T10:00:00.000Z' });
    const uganda = await signedDocument({ signer: health, place: 'Uganda', answers: { 'A.3': 'no' }, signedAt: '2024-05-09T10:00:00.000Z' });
    expect(standings(classifyIntake(await intakeOf([kenya, uganda])))).toEqual([{ kind: 'merged' }, { kind: 'merged' }]);
  });

  it('breaks a tie in signing time by the later file', async () => {
    const a = await signedDocument({ signer: health, answers: { 'A.3': 'no' } });
    const b = await signedDocument({ signer: health, answers: { 'A.3': 'yes' } });
    expect(standings(classifyIntake(await intakeOf([a, b])))).toEqual([{ kind: 'superseded', by: 1 }, { kind: 'merged' }]);
  });

  it('never supersedes a valid file the coordinator explicitly included', async () => {
    const first = await signedDocument({ signer: health, answers: { 'A.3': 'no' }, signedAt: '2024-05-01T10:00:00.000Z' });
    const second = await signedDocument({ signer: health, answers: { 'A.3': 'yes' }, signedAt: '2024-05-09T10:00:00.000Z' });
    const files = await intakeOf([first, second]);
    const classified = classifyIntake(files, [{ fileHash: files[0]?.fileHash ?? '', include: true, reason: 'Both versions are needed' }]);
    expect(standings(classified)).toEqual([{ kind: 'merged' }, { kind: 'merged' }]);
  });

  it('never lets an included file whose signature fails supersede a valid one: its key id is only a claim', async () => {
    const genuine = await signedDocument({ signer: health, answers: { 'A.3': 'no' }, signedAt: '2024-05-01T10:00:00.000Z' });
    const later = await signedDocument({ signer: health, answers: { 'A.3': 'yes' }, signedAt: '2024-05-09T10:00:00.000Z' });
    const files = await intakeOf([{ name: 'later-forged.json', bytes: badSignatureBytes(later) }, genuine]);
    const classified = classifyIntake(files, [{ fileHash: files[0]?.fileHash ?? '', include: true, reason: 'Looks fine' }]);
    // Both stay in: the coordinator's include makes the forged file a contribution of its own.
    expect(standings(classified)).toEqual([{ kind: 'includedDespiteProblem', reason: 'Looks fine' }, { kind: 'merged' }]);
  });

  it('does not supersede an included tampered file by a valid one either: the coordinator chose to keep it', async () => {
    const first = await signedDocument({ signer: health, answers: { 'A.3': 'no' }, signedAt: '2024-05-01T10:00:00.000Z' });
    const second = await signedDocument({ signer: health, answers: { 'A.3': 'yes' }, signedAt: '2024-05-09T10:00:00.000Z' });
    const files = await intakeOf([{ name: 'first-edited.json', bytes: editedBytes(first, 'A.3', 'na') }, second]);
    const classified = classifyIntake(files, [{ fileHash: files[0]?.fileHash ?? '', include: true, reason: 'Confirmed by the ministry' }]);
    expect(standings(classified)).toEqual([{ kind: 'includedDespiteProblem', reason: 'Confirmed by the ministry' }, { kind: 'merged' }]);
  });

  it('keeps the order of the files given and every file', async () => {
    const document = await signedDocument({ signer: health, answers: { 'A.3': 'no' } });
    const files = await intakeOf([{ name: 'x.json', bytes: jsonBytes(document) }, { name: 'junk', bytes: new Uint8Array([1, 2, 3]) }, document]);
    const classified = classifyIntake(files);
    expect(classified.map((f) => f.file.index)).toEqual([0, 1, 2]);
    expect(standings(classified)).toEqual([{ kind: 'merged' }, { kind: 'unreadable' }, { kind: 'duplicate', of: 0 }]);
  });
});
