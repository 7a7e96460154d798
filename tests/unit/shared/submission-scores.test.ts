import { beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../shared/crypto/hash';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { scoreResponse } from '../../../shared/scoring/score';
import { scoreSummaryOf } from '../../../shared/scoring/summary';
import { changedParts } from '../../../shared/submission/digests';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { submissionDocumentSchema } from '../../../shared/submission/document';
import { submissionFileText } from '../../../shared/submission/sign';
import { verifySubmissionJson } from '../../../shared/submission/verify';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import { definition, section, text, when, yesNo } from '../../helpers/builders';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { IndicatorRef } from '../../helpers/scoring-fixtures';
import { answerRecords, answerSet } from '../../helpers/scoring-fixtures';
import { signedSubmission } from '../../helpers/signed-submission';

/**
 * Scores in the signed submission (issue 8): a LOSI or OSI submission carries the score summary of
 * exactly the answers and evidence it exports, under its own digest, so an edit to it is named;
 * other questionnaires carry none, and their files are what they were before scores existed.
 */

let losi: QuestionnaireDefinition;

/**
 * A hand-made LOSI response: IF all 6 met, the first 15 of CP's 30 and 11 of SP's 22 met, the first
 * 2 PE indicators answered yes without evidence and the rest no, EGL unanswered, TEC all no.
 * 32 of 95 met: index 32/95 = 0.33684…, Middle.
 */
function mixedOutcome(ref: IndicatorRef): 'met' | 'yesWithoutEvidence' | 'notMet' | 'unanswered' {
  switch (ref.criterion) {
    case 'IF':
      return 'met';
    case 'CP':
      return ref.indexInCriterion < 15 ? 'met' : 'notMet';
    case 'SP':
      return ref.indexInCriterion < 11 ? 'met' : 'notMet';
    case 'PE':
      return ref.indexInCriterion < 2 ? 'yesWithoutEvidence' : 'notMet';
    case 'EGL':
      return 'unanswered';
    default:
      return 'notMet';
  }
}

const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

let document: SubmissionDocument;

beforeAll(async () => {
  losi = loadBundledDefinition('losi-2024');
  const { answers, evidence } = answerRecords(answerSet(losi, mixedOutcome));
  ({ document } = await signedSubmission({ definition: losi, answers, evidence, acknowledged: [] }));
});

describe('a signed LOSI submission', () => {
  it('carries the score summary of its answers, with the method, its provenance and the counts', () => {
    const scores = document.scores;
    expect(scores).toBeDefined();
    expect(scores).toMatchObject({
      method: 'losi-2024-share',
      instrument: 'losi',
      indicative: true,
      provenance: { index: 'reconstructed', bands: 'reconstructed' },
      index: 0.3368,
      level: 'middle',
      totals: { indicators: 95, met: 32, yesWithoutEvidence: 2, notMet: 51, unanswered: 10 },
    });
    expect(scores?.criteria).toEqual([
      { criterion: 'IF', total: 6, met: 6, yesWithoutEvidence: 0, notMet: 0, unanswered: 0, share: 1 },
      { criterion: 'CP', total: 30, met: 15, yesWithoutEvidence: 0, notMet: 15, unanswered: 0, share: 0.5 },
      { criterion: 'SP', total: 22, met: 11, yesWithoutEvidence: 0, notMet: 11, unanswered: 0, share: 0.5 },
      { criterion: 'PE', total: 15, met: 0, yesWithoutEvidence: 2, notMet: 13, unanswered: 0, share: 0 },
      { criterion: 'EGL', total: 10, met: 0, yesWithoutEvidence: 0, notMet: 0, unanswered: 10, share: 0 },
      { criterion: 'TEC', total: 12, met: 0, yesWithoutEvidence: 0, notMet: 12, unanswered: 0, share: 0 },
    ]);
  });

  it('is the summary anyone recomputes from the signed answers and evidence alone', () => {
    const result = scoreResponse(losi, document.answers, document.evidence);
    expect(result).toBeDefined();
    if (result) expect(document.scores).toEqual(scoreSummaryOf(result));
  });

  it('records a digest of the scores, and verifies as valid', async () => {
    expect(document.digests.scores).toBe(await contentHash(document.scores));
    expect(await changedParts(document)).toEqual([]);
    expect(await verifySubmissionJson(new TextEncoder().encode(submissionFileText(document)))).toMatchObject({ status: 'valid' });
  });

  it('names `scores` when the summary was edited after signing', async () => {
    const scores = document.scores;
    if (scores === undefined) throw new Error('no scores');
    const raised = { ...document, scores: { ...scores, index: 0.9, level: 'veryHigh' } };
    expect(await verifySubmissionJson(bytesOf(raised))).toMatchObject({ status: 'changed', changes: [{ where: 'scores' }] });

    // Counts that no longer add up are still a change to the signed summary, not an unreadable file:
    // a coordinator can then still decide to include the submission's answers.
    const criteria = scores.criteria.map((c) => (c.criterion === 'TEC' ? { ...c, met: 12 } : c));
    const inconsistent = { ...document, scores: { ...scores, criteria } };
    expect(await verifySubmissionJson(bytesOf(inconsistent))).toMatchObject({ status: 'changed', changes: [{ where: 'scores' }] });
  });

  it('names `scores` when the summary was removed after signing', async () => {
    const removed: Partial<SubmissionDocument> = { ...document };
    delete removed.scores;
    expect(await verifySubmissionJson(bytesOf(removed))).toMatchObject({ status: 'changed', changes: [{ where: 'scores' }] });
  });

  it('reports an edited answer as the answer, the stale summary as the signer signed it', async () => {
    // The summary is the signer's statement: verification compares digests, it does not rescore.
    const edited = { ...document, answers: { ...document.answers, 'LOSI.281': 'no' } };
    expect(await verifySubmissionJson(bytesOf(edited))).toMatchObject({ status: 'changed', changes: [{ where: 'answers.LOSI.281' }] });
  });

});

describe('other scored submissions', () => {
  it('OSI: carries the weighted method, its weights, and EGL scored but outside the index', async () => {
    const osi = loadBundledDefinition('osi-2024');
    const { answers, evidence } = answerRecords(answerSet(osi, () => 'met'));
    const { document: osiDocument } = await signedSubmission({ definition: osi, answers, evidence, acknowledged: [] });
    expect(osiDocument.scores).toMatchObject({ method: 'osi-2024-weighted', instrument: 'osi', index: 1, level: 'veryHigh', provenance: { weights: 'reconstructed' } });
    expect(osiDocument.scores?.criteria.find((c) => c.criterion === 'SP')?.weight).toBe(0.45);
    expect(osiDocument.scores?.criteria.find((c) => c.criterion === 'EGL')?.weight).toBeUndefined();
  });

  it('scores the shown questions only, as exported: an answered question hidden by its condition is unanswered', async () => {
    const hidden = loadQuestionnaireDefinition(
      definition(
        [
          section('IF', [yesNo('IF.1', { indicators: ['LOSI #1'], evidence: 'requiredWhenYes' }), yesNo('IF.2', { indicators: ['LOSI #2'], evidence: 'requiredWhenYes' }).showIf(when('IF.1', 'yes'))], { code: 'IF' }),
        ],
        { id: 'losi-mini', instrument: 'losi', respondentKind: 'city' },
      ),
      'losi-mini',
    );
    const link = { id: 'e1', url: 'https://www.city.example/page', title: 'Page', accessed: '2024-05-01' };
    const { document: doc } = await signedSubmission({ definition: hidden, answers: { 'IF.1': 'no', 'IF.2': 'yes' }, evidence: { 'IF.2': [link] }, acknowledged: [] });
    expect(doc.answers).toEqual({ 'IF.1': 'no' });
    expect(doc.evidence).toEqual({});
    expect(doc.scores).toMatchObject({ index: 0, level: 'low', totals: { indicators: 2, met: 0, notMet: 1, unanswered: 1 } });
  });
});

describe('submissions of questionnaires without a scoring method', () => {
  it.each(['msq-2024', 'lgq-2024', 'test-all-types'])('%s: no scores, no scores digest, and verifies', async (id) => {
    const definition = loadBundledDefinition(id);
    const { document: plain } = await signedSubmission(id === 'test-all-types' ? {} : { definition, answers: {}, evidence: {}, acknowledged: [] });
    expect(plain.scores).toBeUndefined();
    expect('scores' in plain).toBe(false);
    expect('scores' in plain.digests).toBe(false);
    expect(await verifySubmissionJson(bytesOf(plain))).toMatchObject({ status: 'valid' });
  });

  it('names `scores` when a summary is added to a file signed without one', async () => {
    const { document: plain } = await signedSubmission();
    const added = { ...plain, scores: document.scores };
    expect(submissionDocumentSchema.safeParse(added).success).toBe(true);
    expect(await verifySubmissionJson(bytesOf(added))).toMatchObject({ status: 'changed', changes: [{ where: 'scores' }] });
  });
});

describe('a definition the scorer cannot read', () => {
  it('is still signed, without scores: a score is an addition, never a reason a submission cannot be made', async () => {
    // An imported LOSI-like definition whose text follow-up also carries an indicator code.
    const odd = loadQuestionnaireDefinition(
      definition([section('IF', [yesNo('P.1', { indicators: ['LOSI #236'] }), text('P.1.url', { indicators: ['LOSI #236'] })], { code: 'IF' })], {
        id: 'odd-losi',
        instrument: 'losi',
      }),
      'test',
    );
    expect(() => scoreResponse(odd, { 'P.1': 'yes' }, {})).toThrow(/cannot be scored/);
    const { document } = await signedSubmission({ definition: odd, answers: { 'P.1': 'yes', 'P.1.url': 'https://x.example/' }, evidence: {}, acknowledged: [] });
    expect(document.scores).toBeUndefined();
    expect(await verifySubmissionJson(new TextEncoder().encode(submissionFileText(document)))).toMatchObject({ status: 'valid' });
  });
});
