import { beforeAll, describe, expect, it } from 'vitest';
import { mergeSubmissions, naturalCompare } from '../../../shared/merge/merge';
import type { ConflictDecision, MergedAnswer, MergedRespondent, MergeResult, Resolution } from '../../../shared/merge/model';
import { candidatesFingerprint, valueKey } from '../../../shared/merge/value-key';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import { definition, section, text } from '../../helpers/builders';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { bundled, cardOf, editedBytes, evidenceItem, intakeOf, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';

let health: MergeSigner;
let education: MergeSigner;
let ict: MergeSigner;

beforeAll(async () => {
  health = await mergeSigner('Amina Odhiambo', 'Ministry of Health');
  education = await mergeSigner('Peter Kamau', 'Ministry of Education');
  ict = await mergeSigner('Grace Wanjiru', 'ICT Authority');
});

const KENYA = 'test-all-types@1.0.0/country/kenya';

function only(result: MergeResult): MergedRespondent {
  expect(result.respondents).toHaveLength(1);
  const [respondent] = result.respondents;
  if (respondent === undefined) throw new Error('no respondent');
  return respondent;
}

function answerOf(respondent: MergedRespondent, questionId: string): MergedAnswer {
  const answer = respondent.answers.find((a) => a.questionId === questionId);
  if (answer === undefined) throw new Error(`no merged answer for ${questionId}`);
  return answer;
}

const resolution = (choice: Resolution['choice'], reason = 'Checked with the ministries'): Resolution => ({ choice, reason, decidedBy: 'Coordinator', decidedAt: '2024-06-01T12:00:00.000Z' });

describe('mergeSubmissions: contributions of one respondent', () => {
  it('takes answers the contributions agree on, keeping every contribution as a source', async () => {
    const fromHealth = await signedDocument({
      signer: health,
      place: 'Kenya',
      signedAt: '2024-05-01T10:00:00.000Z',
      answers: { 'A.2': 'yes', 'A.2.1': 'National  e-Government Strategy', 'B.1': ['web', 'mobile'] },
      evidence: { 'A.2': [evidenceItem('https://ict.go.ke/strategy', 'Strategy')] },
    });
    const fromEducation = await signedDocument({
      signer: education,
      place: 'kenya',
      signedAt: '2024-05-02T10:00:00.000Z',
      answers: { 'A.2': 'yes', 'A.2.1': 'National e-Government Strategy ', 'B.1': ['mobile', 'web'] },
      evidence: { 'A.2': [evidenceItem('https://ict.go.ke/strategy/#section-2', 'The same page'), evidenceItem('https://ict.go.ke/annex', 'Annex')] },
    });
    const respondent = only(mergeSubmissions(await intakeOf([fromEducation, fromHealth])));

    expect(respondent.key).toBe(KENYA);
    expect(respondent.place).toBe('kenya');
    expect(respondent.contributions.map((c) => [c.organisation, c.signer.name, c.signed, c.verification])).toEqual([
      ['Ministry of Health', 'Amina Odhiambo', '2024-05-01T10:00:00.000Z', 'valid'],
      ['Ministry of Education', 'Peter Kamau', '2024-05-02T10:00:00.000Z', 'valid'],
    ]);
    expect(respondent.contributions.map((c) => c.file)).toEqual([1, 0]);

    const a2 = answerOf(respondent, 'A.2');
    expect(a2).toMatchObject({ status: 'agreed', value: 'yes', sources: [0, 1] });
    expect(a2.candidates).toHaveLength(1);
    expect(a2.candidates[0]?.contributions).toEqual([0, 1]);
    // The same page with a fragment and a trailing slash counts once; the first spelling is kept.
    expect(a2.evidence.map((e) => e.url)).toEqual(['https://ict.go.ke/strategy', 'https://ict.go.ke/annex']);
    expect(a2.fingerprint).toBe(candidatesFingerprint([valueKey('yes')]));

    // Agreeing values keep the latest contribution's spelling.
    expect(answerOf(respondent, 'A.2.1')).toMatchObject({ status: 'agreed', value: 'National e-Government Strategy ' });
    expect(answerOf(respondent, 'B.1')).toMatchObject({ status: 'agreed', value: ['mobile', 'web'] });
  });

  it('takes answers to different questions from the ministry that gave each (disjoint contributions)', async () => {
    const fromHealth = await signedDocument({ signer: health, place: 'Kenya', signedAt: '2024-05-01T10:00:00.000Z', answers: { 'A.1': 'https://www.health.go.ke/', 'A.3': 'yes' } });
    const fromEducation = await signedDocument({ signer: education, place: 'Kenya', signedAt: '2024-05-02T10:00:00.000Z', answers: { 'B.2': 'ministries', 'B.3': 12 } });
    const result = mergeSubmissions(await intakeOf([fromHealth, fromEducation]));
    const respondent = only(result);
    expect(respondent.answers.map((a) => [a.questionId, a.status, a.value, a.sources])).toEqual([
      ['A.1', 'single', 'https://www.health.go.ke/', [0]],
      ['A.3', 'single', 'yes', [0]],
      ['B.2', 'single', 'ministries', [1]],
      ['B.3', 'single', 12, [1]],
    ]);
    expect(result.openConflicts).toBe(0);
    expect(result.staleDecisions).toEqual([]);
  });

  it('shows a conflict with each value, its contributions and its evidence, and takes no value', async () => {
    const fromHealth = await signedDocument({
      signer: health,
      place: 'Kenya',
      signedAt: '2024-05-01T10:00:00.000Z',
      answers: { 'A.3': 'yes', 'B.3': 14 },
      evidence: { 'A.3': [evidenceItem('https://health.go.ke/open-data', 'Open data')] },
    });
    const fromEducation = await signedDocument({
      signer: education,
      place: 'Kenya',
      signedAt: '2024-05-02T10:00:00.000Z',
      answers: { 'A.3': 'no', 'B.3': 14 },
      evidence: { 'A.3': [evidenceItem('https://education.go.ke/data', 'Data')] },
    });
    const fromIct = await signedDocument({ signer: ict, place: 'Kenya', signedAt: '2024-05-03T10:00:00.000Z', answers: { 'A.3': 'yes' } });
    const result = mergeSubmissions(await intakeOf([fromHealth, fromEducation, fromIct]));
    const a3 = answerOf(only(result), 'A.3');

    expect(a3.status).toBe('conflict');
    expect(a3.value).toBeNull();
    expect(a3.candidates.map((c) => [c.value, c.contributions, c.evidence.map((e) => e.url)])).toEqual([
      ['yes', [0, 2], ['https://health.go.ke/open-data']],
      ['no', [1], ['https://education.go.ke/data']],
    ]);
    expect(a3.sources).toEqual([0, 1, 2]);
    expect(a3.evidence.map((e) => e.url)).toEqual(['https://health.go.ke/open-data', 'https://education.go.ke/data']);
    expect(a3.fingerprint).toBe(candidatesFingerprint([valueKey('no'), valueKey('yes')]));
    expect(answerOf(only(result), 'B.3')).toMatchObject({ status: 'agreed', value: 14 });
    expect(result.openConflicts).toBe(1);
  });

  it('keeps evidence given without an answer, with the answer another contribution gave or on its own', async () => {
    const fromHealth = await signedDocument({
      signer: health,
      place: 'Kenya',
      signedAt: '2024-05-01T10:00:00.000Z',
      answers: { 'A.3': 'yes' },
      evidence: { 'A.1': [evidenceItem('https://health.go.ke/portal', 'Portal')] },
    });
    const fromEducation = await signedDocument({
      signer: education,
      place: 'Kenya',
      signedAt: '2024-05-02T10:00:00.000Z',
      evidence: { 'A.3': [evidenceItem('https://education.go.ke/data', 'Data')], 'A.1': [evidenceItem('https://education.go.ke/portal', 'Portal')] },
    });
    const respondent = only(mergeSubmissions(await intakeOf([fromHealth, fromEducation])));
    expect(answerOf(respondent, 'A.3')).toMatchObject({ status: 'single', value: 'yes', sources: [0] });
    expect(answerOf(respondent, 'A.3').evidence.map((e) => e.url)).toEqual(['https://education.go.ke/data']);
    const a1 = answerOf(respondent, 'A.1');
    expect(a1).toMatchObject({ status: 'agreed', value: null, sources: [0, 1], candidates: [] });
    expect(a1.evidence.map((e) => e.url)).toEqual(['https://health.go.ke/portal', 'https://education.go.ke/portal']);
    expect(a1.fingerprint).toBe(candidatesFingerprint([]));
  });

  it('leaves out a question nobody answered and nobody gave evidence for', async () => {
    const document = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'yes', 'B.5': '   ', 'B.1': [] } });
    expect(Object.keys(document.answers)).toEqual(expect.arrayContaining(['B.5', 'B.1']));
    const respondent = only(mergeSubmissions(await intakeOf([document])));
    expect(respondent.answers.map((a) => a.questionId)).toEqual(['A.3']);
  });

  it('merges only the latest version of one signer, and says which file superseded which', async () => {
    const first = await signedDocument({ signer: health, place: 'Kenya', signedAt: '2024-05-01T10:00:00.000Z', answers: { 'A.3': 'no', 'B.3': 3 } });
    const second = await signedDocument({ signer: health, place: 'Kenya', signedAt: '2024-05-08T10:00:00.000Z', answers: { 'A.3': 'yes' }, revises: first.submissionId });
    const result = mergeSubmissions(await intakeOf([first, second]));
    expect(result.files.map((f) => f.standing)).toEqual([{ kind: 'superseded', by: 1 }, { kind: 'merged' }]);
    const respondent = only(result);
    expect(respondent.contributions.map((c) => c.submissionId)).toEqual([second.submissionId]);
    // The later version no longer answers B.3: the earlier answer is not resurrected.
    expect(respondent.answers.map((a) => [a.questionId, a.status, a.value])).toEqual([['A.3', 'single', 'yes']]);
  });

  it('does not let a different signer supersede: their values conflict instead', async () => {
    const first = await signedDocument({ signer: health, place: 'Kenya', signedAt: '2024-05-01T10:00:00.000Z', answers: { 'A.3': 'no' } });
    const second = await signedDocument({ signer: education, place: 'Kenya', signedAt: '2024-05-08T10:00:00.000Z', answers: { 'A.3': 'yes' }, revises: first.submissionId });
    const result = mergeSubmissions(await intakeOf([first, second]));
    expect(result.files.map((f) => f.standing.kind)).toEqual(['merged', 'merged']);
    expect(answerOf(only(result), 'A.3').status).toBe('conflict');
  });

  it('counts a duplicate once', async () => {
    const document = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'no' } });
    const result = mergeSubmissions(await intakeOf([document, { name: 'again.json', document }]));
    const respondent = only(result);
    expect(respondent.contributions).toHaveLength(1);
    expect(answerOf(respondent, 'A.3')).toMatchObject({ status: 'single', sources: [0] });
  });
});

describe('mergeSubmissions: files with a problem', () => {
  it('keeps a tampered file out of the merge until the coordinator includes it', async () => {
    const valid = await signedDocument({ signer: health, place: 'Kenya', signedAt: '2024-05-01T10:00:00.000Z', answers: { 'A.3': 'yes' } });
    const other = await signedDocument({ signer: education, place: 'Kenya', signedAt: '2024-05-02T10:00:00.000Z', answers: { 'A.3': 'yes', 'B.3': 4 } });
    const files = await intakeOf([valid, { name: 'tampered.json', bytes: editedBytes(other, 'A.3', 'no') }], { trusted: [cardOf(health), cardOf(education)] });

    const out = mergeSubmissions(files);
    expect(out.filesNeedingDecision).toBe(1);
    expect(out.files[1]).toMatchObject({ standing: { kind: 'keptOut' }, needsDecision: true });
    expect(only(out).contributions.map((c) => c.organisation)).toEqual(['Ministry of Health']);
    expect(only(out).answers.map((a) => [a.questionId, a.status])).toEqual([['A.3', 'single']]);

    const choices = [{ fileHash: files[1]?.fileHash ?? '', include: true, reason: 'The ministry confirmed the correction' }];
    const included = mergeSubmissions(files, { choices });
    expect(included.filesNeedingDecision).toBe(0);
    const respondent = only(included);
    expect(respondent.contributions.map((c) => [c.organisation, c.verification, c.trusted])).toEqual([
      ['Ministry of Health', 'valid', true],
      ['Ministry of Education', 'changed', false],
    ]);
    expect(answerOf(respondent, 'A.3').status).toBe('conflict');
    expect(answerOf(respondent, 'B.3')).toMatchObject({ status: 'single', value: 4, sources: [1] });
  });

  it('reports the trust of each valid contribution', async () => {
    const trustedDoc = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'yes' } });
    const unknownDoc = await signedDocument({ signer: education, place: 'Kenya', answers: { 'A.4': 'data@education.go.ke' } });
    const respondent = only(mergeSubmissions(await intakeOf([trustedDoc, unknownDoc], { trusted: [cardOf(health)] })));
    expect(respondent.contributions.map((c) => [c.organisation, c.trusted])).toEqual([
      ['Ministry of Health', true],
      ['Ministry of Education', false],
    ]);
  });

  it('merges nothing from unreadable files but lists them', async () => {
    const document = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'yes' } });
    const result = mergeSubmissions(await intakeOf([document, { name: 'broken.json', bytes: new TextEncoder().encode('{"format":') }]));
    expect(result.files.map((f) => [f.file.name, f.standing.kind])).toEqual([
      ['kenya-ministry-of-health-1.json', 'merged'],
      ['broken.json', 'unreadable'],
    ]);
    expect(result.filesNeedingDecision).toBe(0);
    expect(only(result).contributions).toHaveLength(1);
  });
});

describe('mergeSubmissions: respondents and question order', () => {
  it('groups by questionnaire version and place, sorted by questionnaire then place', async () => {
    const msq = bundled('msq-2024');
    const files = await intakeOf([
      await signedDocument({ signer: health, place: 'Uganda', answers: { 'A.3': 'yes' } }),
      await signedDocument({ definition: msq, signer: health, place: 'Kenya' }),
      await signedDocument({ signer: education, place: 'Kenya', answers: { 'A.3': 'yes' } }),
      await signedDocument({ signer: ict, place: 'Ghana', answers: { 'A.3': 'no' } }),
    ]);
    const result = mergeSubmissions(files);
    expect(result.respondents.map((r) => [r.key, r.place, r.kind, r.questionnaire.id])).toEqual([
      ['msq-2024@1.0.0/country/kenya', 'Kenya', 'country', 'msq-2024'],
      ['test-all-types@1.0.0/country/ghana', 'Ghana', 'country', 'test-all-types'],
      ['test-all-types@1.0.0/country/kenya', 'Kenya', 'country', 'test-all-types'],
      ['test-all-types@1.0.0/country/uganda', 'Uganda', 'country', 'test-all-types'],
    ]);
  });

  it('orders questions as the definition does when it is given, naturally by id otherwise', async () => {
    const custom = loadQuestionnaireDefinition(definition([section('S', [text('Z.1'), text('A.10'), text('A.2')]), section('T', [text('B.1')])]), 'custom.json');
    const document = await signedDocument({ definition: custom, signer: health, place: 'Kenya', answers: { 'A.2': 'two', 'B.1': 'b', 'Z.1': 'z', 'A.10': 'ten' } });
    const files = await intakeOf([document]);
    expect(only(mergeSubmissions(files, { definitions: [custom] })).answers.map((a) => a.questionId)).toEqual(['Z.1', 'A.10', 'A.2', 'B.1']);
    expect(only(mergeSubmissions(files)).answers.map((a) => a.questionId)).toEqual(['A.2', 'A.10', 'B.1', 'Z.1']);
  });

  it('sorts ids naturally', () => {
    expect(['A.10', 'A.2', 'A.2.1', 'B.1', 'A.1'].sort(naturalCompare)).toEqual(['A.1', 'A.2', 'A.2.1', 'A.10', 'B.1']);
  });
});

describe('mergeSubmissions: conflict decisions', () => {
  async function conflicting() {
    const fromHealth = await signedDocument({
      signer: health,
      place: 'Kenya',
      signedAt: '2024-05-01T10:00:00.000Z',
      answers: { 'A.3': 'yes', 'B.1': ['web', 'sms'], 'B.4': 87.5, 'C.1': [{ rowId: 'r1', answers: { name: 'Ministry of Health', sector: 'health' } }] },
      evidence: { 'A.3': [evidenceItem('https://health.go.ke/open-data', 'Open data')] },
    });
    const fromEducation = await signedDocument({
      signer: education,
      place: 'Kenya',
      signedAt: '2024-05-02T10:00:00.000Z',
      answers: { 'A.3': 'no', 'B.1': ['mobile', 'web'], 'B.4': 80, 'C.1': [{ rowId: 'r1', answers: { name: 'Ministry of Education', sector: 'education' } }] },
      evidence: { 'A.3': [evidenceItem('https://education.go.ke/data', 'Data')] },
    });
    const files = await intakeOf([fromHealth, fromEducation]);
    const open = mergeSubmissions(files);
    const fingerprintOf = (question: string) => answerOf(only(open), question).fingerprint;
    return { files, open, fingerprintOf };
  }

  it('has the conflicts open without decisions', async () => {
    const { open } = await conflicting();
    expect(open.openConflicts).toBe(4);
    expect(only(open).answers.filter((a) => a.status === 'conflict').map((a) => a.questionId)).toEqual(['A.3', 'B.1', 'B.4', 'C.1']);
  });

  it('resolves a conflict by choosing a candidate: its value, evidence and sources', async () => {
    const { files, fingerprintOf } = await conflicting();
    const decision: ConflictDecision = { respondent: KENYA, question: 'A.3', fingerprint: fingerprintOf('A.3'), resolution: resolution({ kind: 'choose', key: valueKey('no') }) };
    const result = mergeSubmissions(files, { decisions: [decision] });
    const a3 = answerOf(only(result), 'A.3');
    expect(a3).toMatchObject({ status: 'resolved', value: 'no', sources: [1], resolution: decision.resolution });
    expect(a3.evidence.map((e) => e.url)).toEqual(['https://education.go.ke/data']);
    expect(a3.candidates).toHaveLength(2);
    expect(result.openConflicts).toBe(3);
    expect(result.staleDecisions).toEqual([]);
  });

  it('resolves list conflicts by combining: every option, every distinct row', async () => {
    const { files, fingerprintOf } = await conflicting();
    const result = mergeSubmissions(files, {
      decisions: [
        { respondent: KENYA, question: 'B.1', fingerprint: fingerprintOf('B.1'), resolution: resolution({ kind: 'combine' }) },
        { respondent: KENYA, question: 'C.1', fingerprint: fingerprintOf('C.1'), resolution: resolution({ kind: 'combine' }) },
      ],
    });
    const respondent = only(result);
    expect(answerOf(respondent, 'B.1')).toMatchObject({ status: 'resolved', value: ['web', 'sms', 'mobile'], sources: [0, 1] });
    expect(answerOf(respondent, 'C.1').value).toEqual([
      { rowId: 'r1', answers: { name: 'Ministry of Health', sector: 'health' } },
      { rowId: 'r1-2', answers: { name: 'Ministry of Education', sector: 'education' } },
    ]);
    expect(result.openConflicts).toBe(2);
  });

  it('resolves a conflict with a value the coordinator wrote, with all evidence', async () => {
    const { files } = await conflicting();
    // A decision without a fingerprint applies to whatever the values are.
    const result = mergeSubmissions(files, { decisions: [{ respondent: KENYA, question: 'A.3', resolution: resolution({ kind: 'write', value: 'na' }, 'Neither ministry runs it') }] });
    const a3 = answerOf(only(result), 'A.3');
    expect(a3).toMatchObject({ status: 'resolved', value: 'na', sources: [0, 1], resolution: { reason: 'Neither ministry runs it' } });
    expect(a3.evidence).toHaveLength(2);
  });

  it('reports a decision made for other values as stale and keeps the conflict open', async () => {
    const { files } = await conflicting();
    const stale = candidatesFingerprint([valueKey('yes'), valueKey('na')]);
    const result = mergeSubmissions(files, { decisions: [{ respondent: KENYA, question: 'A.3', fingerprint: stale, resolution: resolution({ kind: 'choose', key: valueKey('yes') }) }] });
    expect(answerOf(only(result), 'A.3').status).toBe('conflict');
    expect(result.staleDecisions).toEqual([{ respondent: KENYA, question: 'A.3', why: 'valuesChanged' }]);
  });

  it('reports choosing a value that is no candidate as stale', async () => {
    const { files } = await conflicting();
    const result = mergeSubmissions(files, { decisions: [{ respondent: KENYA, question: 'A.3', resolution: resolution({ kind: 'choose', key: valueKey('na') }) }] });
    expect(answerOf(only(result), 'A.3').status).toBe('conflict');
    expect(result.staleDecisions).toEqual([{ respondent: KENYA, question: 'A.3', why: 'noSuchCandidate' }]);
  });

  it('reports combining values that have no union as stale', async () => {
    const { files } = await conflicting();
    const result = mergeSubmissions(files, { decisions: [{ respondent: KENYA, question: 'B.4', resolution: resolution({ kind: 'combine' }) }] });
    expect(answerOf(only(result), 'B.4').status).toBe('conflict');
    expect(result.staleDecisions).toEqual([{ respondent: KENYA, question: 'B.4', why: 'cannotCombine' }]);
  });

  it('reports decisions for questions that are no conflict, or for unknown respondents, as stale', async () => {
    const one = await signedDocument({ signer: health, place: 'Kenya', answers: { 'A.3': 'yes', 'B.3': 2 } });
    const two = await signedDocument({ signer: education, place: 'Kenya', answers: { 'A.3': 'yes' } });
    const result = mergeSubmissions(await intakeOf([one, two]), {
      decisions: [
        { respondent: KENYA, question: 'A.3', resolution: resolution({ kind: 'choose', key: valueKey('yes') }) },
        { respondent: KENYA, question: 'B.3', resolution: resolution({ kind: 'write', value: 3 }) },
        { respondent: KENYA, question: 'D.1', resolution: resolution({ kind: 'write', value: 'no' }) },
        { respondent: 'test-all-types@1.0.0/country/atlantis', question: 'A.3', resolution: resolution({ kind: 'write', value: 'no' }) },
      ],
    });
    expect(answerOf(only(result), 'A.3')).toMatchObject({ status: 'agreed', value: 'yes' });
    expect(answerOf(only(result), 'B.3')).toMatchObject({ status: 'single', value: 2 });
    expect(result.staleDecisions).toEqual([
      { respondent: KENYA, question: 'A.3', why: 'noSuchConflict' },
      { respondent: KENYA, question: 'B.3', why: 'noSuchConflict' },
      { respondent: KENYA, question: 'D.1', why: 'noSuchConflict' },
      { respondent: 'test-all-types@1.0.0/country/atlantis', question: 'A.3', why: 'noSuchConflict' },
    ]);
  });

  it('applies the later of two decisions for the same question', async () => {
    const { files } = await conflicting();
    const result = mergeSubmissions(files, {
      decisions: [
        { respondent: KENYA, question: 'A.3', resolution: resolution({ kind: 'choose', key: valueKey('yes') }) },
        { respondent: KENYA, question: 'A.3', resolution: resolution({ kind: 'choose', key: valueKey('no') }) },
      ],
    });
    expect(answerOf(only(result), 'A.3').value).toBe('no');
    expect(result.staleDecisions).toEqual([]);
  });

  it('is pure: the same input gives the same result', async () => {
    const { files, fingerprintOf } = await conflicting();
    const options = { decisions: [{ respondent: KENYA, question: 'A.3', fingerprint: fingerprintOf('A.3'), resolution: resolution({ kind: 'choose' as const, key: valueKey('no') }) }] };
    expect(mergeSubmissions(files, options)).toEqual(mergeSubmissions(files, options));
  });
});
