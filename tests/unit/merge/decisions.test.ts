import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionsChoice, DecisionsFile } from '../../../shared/merge/decisions';
import { decisionsFileText, decisionsTemplate, parseDecisionsFile } from '../../../shared/merge/decisions';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConflictDecision, IntakeFile } from '../../../shared/merge/model';
import { candidatesFingerprint, valueKey } from '../../../shared/merge/value-key';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { editedBytes, evidenceItem, intakeOf, jsonBytes, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const KENYA = 'test-all-types@1.0.0/country/kenya';
const HASH = `sha256:${'a'.repeat(64)}`;

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const fileWith = (members: Record<string, unknown>) => bytesOf({ format: 'egov-desk/merge-decisions', formatVersion: 1, ...members });

function refusal(bytes: Uint8Array): string {
  const parsed = parseDecisionsFile(bytes, NOW);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.reason;
}

describe('parseDecisionsFile: refusals', () => {
  it('says what the file is when it is not a decisions file', () => {
    expect(refusal(new Uint8Array())).toBe('the file is empty');
    expect(refusal(new TextEncoder().encode('include: yes'))).toContain('not valid JSON');
    expect(refusal(bytesOf([1, 2]))).toBe('this is not an EGov Desk merge decisions file (it is not a JSON object)');
    expect(refusal(bytesOf({ format: 'egov-desk/submission', formatVersion: 1 }))).toContain('this is a signed submission, not a merge decisions file');
    expect(refusal(bytesOf({ format: 'egov-desk/review' }))).toContain('this is a review of a submission');
    expect(refusal(bytesOf({ format: 'egov-desk/consolidated' }))).toContain('this is a consolidated dataset');
    expect(refusal(bytesOf({ hello: 'world' }))).toBe('this is not an EGov Desk merge decisions file (its "format" is not "egov-desk/merge-decisions")');
    expect(refusal(bytesOf({ format: 'egov-desk/merge-decisions', formatVersion: 2 }))).toBe(
      'this merge decisions file has format version 2; this version of EGov Desk reads version 1',
    );
  });

  it('names the entry and member that is wrong', () => {
    const conflict = { respondent: KENYA, question: 'A.3', choice: { kind: 'combine' }, reason: 'ok' };
    expect(refusal(fileWith({ conflicts: [...['A.1', 'A.2', 'A.3'].map((question) => ({ ...conflict, question })), { ...conflict, question: 'B.1', reason: 42 }] }))).toMatch(/conflicts\[3\]\.reason: /);
    expect(refusal(fileWith({ conflicts: [{ ...conflict, choice: { kind: 'pick' } }] }))).toMatch(/conflicts\[0\]\.choice\.kind: /);
    expect(refusal(fileWith({ conflicts: [{ ...conflict, choice: { kind: 'write' } }] }))).toMatch(/conflicts\[0\]\.choice\.value: is missing/);
    expect(refusal(fileWith({ conflicts: [{ ...conflict, choice: { kind: 'write', value: { a: 1 } } }] }))).toMatch(/conflicts\[0\]\.choice\.value: must be an answer value/);
    expect(refusal(fileWith({ conflicts: [{ ...conflict, choise: null }] }))).toMatch(/conflicts\[0\]: .*choise/);
    expect(refusal(fileWith({ conflicts: [{ ...conflict, decidedAt: 'yesterday' }] }))).toMatch(/conflicts\[0\]\.decidedAt: /);
    expect(refusal(fileWith({ files: [{ fileHash: 'abc', include: true, reason: 'x' }] }))).toMatch(/files\[0\]\.fileHash: must be "sha256:" and 64 hex digits/);
    expect(refusal(fileWith({ files: [{ fileHash: HASH, include: 'yes', reason: 'x' }] }))).toMatch(/files\[0\]\.include: /);
  });

  it('refuses two entries for the same file or the same question', () => {
    const entry = { fileHash: HASH, include: true, reason: 'x' };
    expect(refusal(fileWith({ files: [entry, { ...entry, include: false }] }))).toBe('files[1] is a second entry for the same file as files[0]; keep one');
    const conflict = { respondent: KENYA, question: 'A.3', choice: null };
    expect(refusal(fileWith({ conflicts: [conflict, { ...conflict, question: 'B.1' }, conflict] }))).toBe(
      'conflicts[2] is a second entry for the same question as conflicts[0]; keep one',
    );
  });
});

describe('parseDecisionsFile: reading', () => {
  it('reads file choices and conflict decisions, skipping and counting what is still open', () => {
    const parsed = parseDecisionsFile(
      fileWith({
        files: [
          { fileHash: HASH, name: 'tampered.json', status: 'changed', include: true, reason: ' Confirmed by phone ' },
          { fileHash: `sha256:${'b'.repeat(64)}`, include: false, reason: 'Wrong country' },
          { fileHash: `sha256:${'c'.repeat(64)}`, include: null, reason: '' },
          { fileHash: `sha256:${'d'.repeat(64)}`, include: true, reason: '  ' },
        ],
        conflicts: [
          { respondent: KENYA, question: 'A.3', fingerprint: HASH, candidates: [{ anything: 'is ignored' }], choice: { kind: 'choose', value: ' no ' }, reason: 'Ministry of ICT runs it', decidedBy: ' Coordinator ' },
          { respondent: KENYA, question: 'B.1', choice: { kind: 'combine' }, reason: 'Both lists are right', decidedAt: '2024-05-30T14:00:00+02:00' },
          { respondent: KENYA, question: 'B.4', choice: { kind: 'write', value: 82 }, reason: 'Recomputed', decidedBy: '' },
          { respondent: KENYA, question: 'C.1', choice: null, reason: 'still checking' },
          { respondent: KENYA, question: 'D.1', choice: { kind: 'write', value: 'no' }, reason: '' },
        ],
      }),
      NOW,
    );
    expect(parsed).toEqual({
      ok: true,
      choices: [
        { fileHash: HASH, include: true, reason: 'Confirmed by phone' },
        { fileHash: `sha256:${'b'.repeat(64)}`, include: false, reason: 'Wrong country' },
      ],
      decisions: [
        {
          respondent: KENYA,
          question: 'A.3',
          fingerprint: HASH,
          resolution: { choice: { kind: 'choose', key: valueKey('no') }, reason: 'Ministry of ICT runs it', decidedBy: 'Coordinator', decidedAt: '2024-06-01T12:00:00.000Z' },
        },
        { respondent: KENYA, question: 'B.1', resolution: { choice: { kind: 'combine' }, reason: 'Both lists are right', decidedAt: '2024-05-30T12:00:00.000Z' } },
        { respondent: KENYA, question: 'B.4', resolution: { choice: { kind: 'write', value: 82 }, reason: 'Recomputed', decidedAt: '2024-06-01T12:00:00.000Z' } },
      ],
      undecided: 4,
    });
  });

  it('accepts a file with no entries', () => {
    expect(parseDecisionsFile(fileWith({}), NOW)).toEqual({ ok: true, choices: [], decisions: [], undecided: 0 });
  });
});

describe('decisionsTemplate', () => {
  let health: MergeSigner;
  let education: MergeSigner;
  let files: IntakeFile[];

  beforeAll(async () => {
    health = await mergeSigner('Amina Odhiambo', 'Ministry of Health');
    education = await mergeSigner('Peter Kamau', 'Ministry of Education');
    const fromHealth = await signedDocument({
      signer: health,
      place: 'Kenya',
      signedAt: '2024-05-01T10:00:00.000Z',
      answers: { 'A.3': 'yes', 'B.1': ['web', 'sms'], 'B.4': 87.5, 'C.1': [{ rowId: 'r1', answers: { name: 'Ministry of Health' } }] },
      evidence: { 'A.3': [evidenceItem('https://health.go.ke/open-data', 'Open data')] },
    });
    const fromEducation = await signedDocument({
      signer: education,
      place: 'Kenya',
      signedAt: '2024-05-02T10:00:00.000Z',
      answers: { 'A.3': 'no', 'B.1': ['mobile'], 'B.4': 80, 'C.1': [{ rowId: 'r1', answers: { name: 'Ministry of Education' } }] },
    });
    const late = await signedDocument({ signer: health, place: 'Uganda', answers: { 'A.3': 'yes' } });
    files = await intakeOf([
      { name: 'kenya/health.json', bytes: jsonBytes(fromHealth) },
      { name: 'kenya/education.json', bytes: jsonBytes(fromEducation) },
      { name: 'uganda/health-edited.json', bytes: editedBytes(late, 'A.3', 'no') },
    ]);
  });

  it('lists every open question with what is needed to answer it', () => {
    const template = decisionsTemplate(mergeSubmissions(files), { choices: [], decisions: [] });
    expect(template.format).toBe('egov-desk/merge-decisions');
    expect(template.formatVersion).toBe(1);
    expect(template.files).toEqual([{ fileHash: files[2]?.fileHash, name: 'uganda/health-edited.json', status: 'changed', include: null, reason: '' }]);
    expect(template.conflicts.map((c) => [c.respondent, c.place, c.question, c.choice, c.reason])).toEqual([
      [KENYA, 'Kenya', 'A.3', null, ''],
      [KENYA, 'Kenya', 'B.1', null, ''],
      [KENYA, 'Kenya', 'B.4', null, ''],
      [KENYA, 'Kenya', 'C.1', null, ''],
    ]);
    expect(template.conflicts[0]?.fingerprint).toBe(candidatesFingerprint([valueKey('yes'), valueKey('no')]));
    expect(template.conflicts[0]?.candidates).toEqual([
      { value: 'yes', organisations: ['Ministry of Health'], signers: ['Amina Odhiambo (Ministry of Health)'], files: ['kenya/health.json'], evidence: ['https://health.go.ke/open-data'] },
      { value: 'no', organisations: ['Ministry of Education'], signers: ['Peter Kamau (Ministry of Education)'], files: ['kenya/education.json'], evidence: [] },
    ]);
  });

  it('round-trips: filled in and read back, it resolves everything, and records it', () => {
    const text = decisionsFileText(decisionsTemplate(mergeSubmissions(files), { choices: [], decisions: [] }));
    expect(text.endsWith('\n')).toBe(true);
    const filled = JSON.parse(text) as DecisionsFile;
    const choices: Record<string, DecisionsChoice> = {
      'A.3': { kind: 'choose', value: filled.conflicts[0]?.candidates?.[1]?.value ?? '' },
      'B.1': { kind: 'combine' },
      'B.4': { kind: 'write', value: 82 },
      'C.1': { kind: 'combine' },
    };
    const edited: DecisionsFile = {
      ...filled,
      files: filled.files.map((f) => ({ ...f, include: true, reason: 'The ministry confirmed the correction' })),
      conflicts: filled.conflicts.map((c) => ({ ...c, choice: choices[c.question] ?? null, reason: `Decided ${c.question}`, decidedBy: 'Coordinator' })),
    };
    const parsed = parseDecisionsFile(new TextEncoder().encode(decisionsFileText(edited)), NOW);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.undecided).toBe(0);

    const result = mergeSubmissions(files, { choices: parsed.choices, decisions: parsed.decisions });
    expect(result.openConflicts).toBe(0);
    expect(result.filesNeedingDecision).toBe(0);
    expect(result.staleDecisions).toEqual([]);
    const kenya = result.respondents.find((r) => r.key === KENYA);
    expect(kenya?.answers.map((a) => [a.questionId, a.status, a.value])).toEqual([
      ['A.3', 'resolved', 'no'],
      ['B.1', 'resolved', ['web', 'sms', 'mobile']],
      ['B.4', 'resolved', 82],
      ['C.1', 'resolved', [{ rowId: 'r1', answers: { name: 'Ministry of Health' } }, { rowId: 'r1-2', answers: { name: 'Ministry of Education' } }]],
    ]);
    expect(result.files[2]?.standing).toEqual({ kind: 'includedDespiteProblem', reason: 'The ministry confirmed the correction' });

    // The template of the resolved merge is the full record: reading it back gives the same decisions.
    const record = decisionsTemplate(result, { choices: parsed.choices, decisions: parsed.decisions });
    expect(record.files.map((f) => [f.name, f.include, f.reason])).toEqual([['uganda/health-edited.json', true, 'The ministry confirmed the correction']]);
    expect(record.conflicts.map((c) => [c.question, c.choice, c.reason, c.decidedBy, c.decidedAt])).toEqual([
      ['A.3', { kind: 'choose', value: 'no' }, 'Decided A.3', 'Coordinator', NOW.toISOString()],
      ['B.1', { kind: 'combine' }, 'Decided B.1', 'Coordinator', NOW.toISOString()],
      ['B.4', { kind: 'write', value: 82 }, 'Decided B.4', 'Coordinator', NOW.toISOString()],
      ['C.1', { kind: 'combine' }, 'Decided C.1', 'Coordinator', NOW.toISOString()],
    ]);
    const reread = parseDecisionsFile(new TextEncoder().encode(decisionsFileText(record)), new Date('2030-01-01T00:00:00.000Z'));
    expect(reread).toEqual({ ok: true, choices: parsed.choices, decisions: parsed.decisions, undecided: 0 });
  });

  it('replaces a decision whose values changed by the open conflict, and keeps one whose question is gone', () => {
    const resolution = { reason: 'Earlier decision', decidedAt: '2024-05-20T09:00:00.000Z' };
    const decisions: ConflictDecision[] = [
      { respondent: KENYA, question: 'A.3', fingerprint: candidatesFingerprint([valueKey('yes'), valueKey('na')]), resolution: { ...resolution, choice: { kind: 'choose', key: valueKey('na') } } },
      {
        respondent: 'test-all-types@1.0.0/country/ghana',
        question: 'C.1',
        resolution: { ...resolution, choice: { kind: 'choose', key: valueKey([{ rowId: 'x', answers: { name: 'Health' } }]) } },
      },
      { respondent: 'test-all-types@1.0.0/country/ghana', question: 'D.1', resolution: { ...resolution, choice: { kind: 'write', value: 'yes' } } },
    ];
    const result = mergeSubmissions(files, { decisions });
    expect(result.staleDecisions.map((s) => s.why)).toEqual(['valuesChanged', 'noSuchConflict', 'noSuchConflict']);
    const template = decisionsTemplate(result, { choices: [], decisions });
    const a3 = template.conflicts.find((c) => c.question === 'A.3');
    expect(a3).toMatchObject({ choice: null, reason: '', fingerprint: candidatesFingerprint([valueKey('yes'), valueKey('no')]) });
    expect(template.conflicts.filter((c) => c.respondent.endsWith('/ghana'))).toEqual([
      { respondent: 'test-all-types@1.0.0/country/ghana', question: 'C.1', choice: { kind: 'choose', value: [{ rowId: 'r1', answers: { name: 'Health' } }] }, ...resolution },
      { respondent: 'test-all-types@1.0.0/country/ghana', question: 'D.1', choice: { kind: 'write', value: 'yes' }, ...resolution },
    ]);
    // Read back, the kept decision names the same value.
    const parsed = parseDecisionsFile(new TextEncoder().encode(decisionsFileText(template)), NOW);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.decisions.map((d) => d.resolution.choice)).toEqual([decisions[1]?.resolution.choice, decisions[2]?.resolution.choice]);
    expect(parsed.undecided).toBe(5);
  });
});
