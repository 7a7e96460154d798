import { describe, expect, it } from 'vitest';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import type { ScoreResult } from '../../../shared/scoring/model';
import { ScorePlanMismatchError, improvementPlan } from '../../../shared/scoring/plan';
import { scoreResponse } from '../../../shared/scoring/score';
import { everyQuestion, loadBundledDefinition, textOf } from '../../helpers/bundled-definition';
import { definition, section, yesNo } from '../../helpers/builders';
import type { AnswerSet } from '../../helpers/scoring-fixtures';
import { allMet, indicatorRefs, mixedByCriterion, withOutcomes } from '../../helpers/scoring-fixtures';

const losi = loadBundledDefinition('losi-2024');
const osi = loadBundledDefinition('osi-2024');

function score(def: QuestionnaireDefinition, set: AnswerSet): ScoreResult {
  const result = scoreResponse(def, set.answers, set.evidence);
  if (result === undefined) throw new Error('expected a score');
  return result;
}

describe('improvementPlan on the LOSI', () => {
  it('lists every indicator not met, by criterion in section order, then in definition order', () => {
    const set = mixedByCriterion(losi, { IF: 6, CP: 29, SP: 22, PE: 13, EGL: 10, TEC: 12 });
    const plan = improvementPlan(losi, score(losi, set), 'en');
    // The last CP indicator and the last two PE indicators are the ones not met.
    const refs = indicatorRefs(losi);
    const lastOf = (criterion: string, n: number) => refs.filter((r) => r.criterion === criterion).slice(-n).map((r) => r.questionId);
    expect(plan.map((item) => item.questionId)).toEqual([...lastOf('CP', 1), ...lastOf('PE', 2)]);
    expect(plan.map((item) => item.criterion)).toEqual(['CP', 'PE', 'PE']);
  });

  it('is empty when everything is met, and has all 95 when nothing is', () => {
    expect(improvementPlan(losi, score(losi, allMet(losi)), 'en')).toEqual([]);
    const plan = improvementPlan(losi, score(losi, mixedByCriterion(losi, {})), 'en');
    expect(plan).toHaveLength(95);
    expect(plan.map((i) => i.questionId)).toEqual(indicatorRefs(losi).map((r) => r.questionId));
  });

  it('gives each item its status, criterion by criterion', () => {
    const set = withOutcomes(losi, { 'LOSI.281': 'notMet', 'LOSI.214': 'unanswered', 'LOSI.277': 'yesWithoutEvidence' }, 'met');
    const plan = improvementPlan(losi, score(losi, set), 'en');
    expect(plan.map((i) => [i.criterion, i.questionId, i.status])).toEqual([
      ['IF', 'LOSI.281', 'notMet'],
      ['PE', 'LOSI.277', 'yesWithoutEvidence'],
      ['TEC', 'LOSI.214', 'unanswered'],
    ]);
  });

  it('carries the question label and its guidance, what, why and how, as the definition writes them', () => {
    const set = withOutcomes(losi, { 'LOSI.281': 'notMet' }, 'met');
    const [item] = improvementPlan(losi, score(losi, set), 'en');
    const question = everyQuestion(losi).find((q) => q.id === 'LOSI.281');
    expect(item).toEqual({
      criterion: 'IF',
      code: 'LOSI #281',
      questionId: 'LOSI.281',
      sectionId: 'IF',
      label: textOf(question?.label),
      status: 'notMet',
      what: textOf(question?.guidance?.what),
      why: textOf(question?.guidance?.why),
      how: textOf(question?.guidance?.how),
    });
    expect(item?.label).toMatch(/official portal/);
    expect(item?.how).toMatch(/official government domain/);
  });

  it('gives the 2022 share where the reference has one: PE indicators and those moved to EGL, not the IF #236', () => {
    const set = withOutcomes(losi, { 'LOSI.279': 'notMet', 'LOSI.270a': 'notMet', 'LOSI.236-IF': 'notMet', 'LOSI.236-PE': 'notMet', 'LOSI.270b': 'notMet' }, 'met');
    const plan = improvementPlan(losi, score(losi, set), 'en');
    expect(plan.map((i) => [i.questionId, i.referenceShare])).toEqual([
      ['LOSI.236-IF', undefined],
      ['LOSI.236-PE', 0.459],
      ['LOSI.270b', undefined],
      ['LOSI.279', 0.192],
      ['LOSI.270a', 0.226],
    ]);
    expect(plan[0]).not.toHaveProperty('referenceShare');
  });
});

describe('improvementPlan on the OSI', () => {
  it('lists the subindices in section order, EGL last, with no reference shares', () => {
    const plan = improvementPlan(osi, score(osi, mixedByCriterion(osi, { IF: 25, CP: 8, SP: 64, EPI: 56, TEC: 16, EGL: 17 })), 'en');
    expect(plan.map((i) => i.criterion)).toEqual(['IF', 'SP', 'EGL']);
    expect(plan.every((i) => i.referenceShare === undefined && i.how !== undefined && i.code.startsWith('OSI #'))).toBe(true);
  });
});

describe('improvementPlan when two sections share a criterion code', () => {
  it('keeps the criterion together, at the place of its first section', () => {
    const split = loadQuestionnaireDefinition(
      definition(
        [
          section('A1', [yesNo('a', { indicators: ['LOSI #1'] })], { code: 'IF' }),
          section('B', [yesNo('b', { indicators: ['LOSI #2'] })], { code: 'CP' }),
          section('A2', [yesNo('c', { indicators: ['LOSI #3'] })], { code: 'IF' }),
        ],
        { instrument: 'losi' },
      ),
      'split.json',
    );
    const plan = improvementPlan(split, score(split, { answers: new Map(), evidence: new Map() }), 'en');
    expect(plan.map((i) => [i.criterion, i.questionId, i.sectionId])).toEqual([
      ['IF', 'a', 'A1'],
      ['IF', 'c', 'A2'],
      ['CP', 'b', 'B'],
    ]);
  });
});

describe('improvementPlan texts in the requested language', () => {
  const bilingual = loadQuestionnaireDefinition(
    definition(
      [
        section(
          'A',
          [
            yesNo('a', {
              label: { en: 'Is there a privacy policy?', fr: 'Existe-t-il une politique de confidentialité ?' },
              indicators: ['LOSI #1'],
              guidance: { what: { en: 'A published policy.', fr: 'Une politique publiée.' }, how: 'Publish it.' },
            }),
            yesNo('b', { label: 'Plain label', indicators: ['LOSI #2'] }),
          ],
          { code: 'IF' },
        ),
      ],
      { instrument: 'losi', languages: ['en', 'fr'] },
    ),
    'bilingual.json',
  );
  const result = score(bilingual, { answers: new Map(), evidence: new Map() });

  it('uses the requested language, a regional variant\'s base language, else the default', () => {
    expect(improvementPlan(bilingual, result, 'fr')[0]).toMatchObject({ label: 'Existe-t-il une politique de confidentialité ?', what: 'Une politique publiée.', how: 'Publish it.' });
    expect(improvementPlan(bilingual, result, 'fr-CA')[0]?.label).toBe('Existe-t-il une politique de confidentialité ?');
    expect(improvementPlan(bilingual, result, 'de')[0]).toMatchObject({ label: 'Is there a privacy policy?', what: 'A published policy.' });
  });

  it('leaves out guidance parts the definition does not give', () => {
    const [first, second] = improvementPlan(bilingual, result, 'en');
    expect(first).not.toHaveProperty('why');
    expect(second).toEqual({ criterion: 'IF', code: 'LOSI #2', questionId: 'b', sectionId: 'A', label: 'Plain label', status: 'unanswered' });
  });
});

describe('improvementPlan with a score from another definition', () => {
  it('refuses it, naming the question it cannot find', () => {
    const result = score(osi, mixedByCriterion(osi, {}));
    expect(() => improvementPlan(losi, result, 'en')).toThrow(ScorePlanMismatchError);
    expect(() => improvementPlan(losi, result, 'en')).toThrow(/"losi-2024".*"OSI\.010"/);
  });
});
