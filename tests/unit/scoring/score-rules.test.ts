import { describe, expect, it } from 'vitest';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../shared/schemas/evidence';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import type { ScoreResult } from '../../../shared/scoring/model';
import { ScoringDefinitionError, scoreResponse } from '../../../shared/scoring/score';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { definition, group, section, text, yesNo, yesNoNa } from '../../helpers/builders';
import { allMet, evidenceItem } from '../../helpers/scoring-fixtures';

/** Small hand-written definitions isolate one rule of the scorer each. */
const indicator = (id: string, code: string, evidence = 'requiredWhenYes') => yesNo(id, { indicators: [code], evidence });

function load(sections: ReturnType<typeof section>[], instrument: 'losi' | 'osi' = 'losi'): QuestionnaireDefinition {
  return loadQuestionnaireDefinition(definition(sections, { instrument }), 'scoring-rules.json');
}

function score(def: QuestionnaireDefinition, answers: Record<string, AnswerValue>, evidence: Record<string, EvidenceItem[]> = {}): ScoreResult {
  const result = scoreResponse(def, answers, evidence);
  if (result === undefined) throw new Error('expected a score');
  return result;
}

const four = load([section('A', [1, 2, 3, 4].map((n) => indicator(`q${String(n)}`, `LOSI #${String(n)}`, 'none')), { code: 'IF' })]);
const yesFor = (n: number): Record<string, AnswerValue> => Object.fromEntries([1, 2, 3, 4].map((i) => [`q${String(i)}`, i <= n ? 'yes' : 'no']));

describe('instruments without a method', () => {
  it('gives no score for the questionnaires and other definitions', () => {
    for (const id of ['msq-2024', 'lgq-2024', 'test-all-types']) {
      const def = loadBundledDefinition(id);
      expect(scoreResponse(def, new Map(), new Map()), id).toBeUndefined();
    }
  });
});

describe('LOSI levels on exact boundaries (a four-indicator LOSI)', () => {
  it('0 Low, 0.25 Middle, 0.50 High, 0.75 High, 1 Very High', () => {
    const results = [0, 1, 2, 3, 4].map((n) => score(four, yesFor(n)));
    expect(results.map((r) => r.index)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(results.map((r) => r.level)).toEqual(['low', 'middle', 'high', 'high', 'veryHigh']);
  });
});

describe('what evidence a yes needs', () => {
  const def = load([
    section(
      'A',
      [
        indicator('none', 'LOSI #1', 'none'),
        indicator('optional', 'LOSI #2', 'optional'),
        indicator('whenYes', 'LOSI #3', 'requiredWhenYes'),
        indicator('required', 'LOSI #4', 'required'),
      ],
      { code: 'IF' },
    ),
  ]);
  const yes = { none: 'yes', optional: 'yes', whenYes: 'yes', required: 'yes' };

  it('only "requiredWhenYes" and "required" hold a yes back without evidence', () => {
    expect(score(def, yes).indicators.map((i) => i.status)).toEqual(['met', 'met', 'yesWithoutEvidence', 'yesWithoutEvidence']);
  });

  it('one evidence item is enough', () => {
    const evidence = { whenYes: [evidenceItem('whenYes')], required: [evidenceItem('required')] };
    expect(score(def, yes, evidence).indicators.every((i) => i.status === 'met')).toBe(true);
  });

  it('an empty evidence list is no evidence', () => {
    expect(score(def, yes, { whenYes: [] }).indicators[2]?.status).toBe('yesWithoutEvidence');
  });

  it('a "no" with a required policy is not met, whatever the evidence', () => {
    expect(score(def, { required: 'no' }).indicators[3]?.status).toBe('notMet');
  });
});

describe('how questions become indicators', () => {
  it('a yes/no/n.a. question: "na" is not met (the UN scores an absent feature 0)', () => {
    const def = load([section('A', [yesNoNa('a', { indicators: ['LOSI #1'] }), yesNoNa('b', { indicators: ['LOSI #2'] })], { code: 'TEC' })]);
    expect(score(def, { a: 'na', b: 'yes' }).indicators.map((i) => i.status)).toEqual(['notMet', 'met']);
  });

  it('each code of the instrument on one question is an indicator; other instruments\' codes are cross-references', () => {
    const def = load([section('A', [yesNo('a', { indicators: ['LOSI #1', 'LOSI #2', 'OSI #037'] }), indicator('b', 'LOSI #3', 'none')], { code: 'PE' })]);
    const result = score(def, { a: 'yes', b: 'no' });
    expect(result.indicators.map((i) => [i.code, i.questionId, i.status])).toEqual([
      ['LOSI #1', 'a', 'met'],
      ['LOSI #2', 'a', 'met'],
      ['LOSI #3', 'b', 'notMet'],
    ]);
    expect(result.index).toBe(2 / 3);
  });

  it('questions without a code of the instrument are not scored (context, follow-ups)', () => {
    const def = load([section('A', [text('portal'), indicator('a', 'LOSI #1', 'none'), text('follow', { indicators: ['OSI #1'] })], { code: 'IF' })]);
    expect(score(def, { portal: 'x', a: 'yes', follow: 'y' }).totals).toMatchObject({ indicators: 1, met: 1 });
  });

  it('sections sharing a code form one criterion, kept at its first section', () => {
    const def = load([
      section('A1', [indicator('a', 'LOSI #1', 'none')], { code: 'IF' }),
      section('B', [indicator('b', 'LOSI #2', 'none')], { code: 'CP' }),
      section('A2', [indicator('c', 'LOSI #3', 'none')], { code: 'IF' }),
    ]);
    const result = score(def, { a: 'yes', b: 'yes', c: 'no' });
    expect(result.criteria.map((c) => [c.criterion, c.sectionId, c.total, c.share])).toEqual([
      ['IF', 'A1', 2, 0.5],
      ['CP', 'B', 1, 1],
    ]);
    expect(result.indicators.map((i) => i.sectionId)).toEqual(['A1', 'B', 'A2']);
  });

  it('sections with a code but no indicator are not criteria', () => {
    const def = load([section('portal', [text('url')], { code: 'CTX' }), section('A', [indicator('a', 'LOSI #1', 'none')], { code: 'IF' })]);
    expect(score(def, {}).criteria.map((c) => c.criterion)).toEqual(['IF']);
  });

  it('an OSI definition missing some weighted subindices is weighed over those present', () => {
    const def = load(
      [
        section('S', [indicator('s1', 'OSI #1', 'none'), indicator('s2', 'OSI #2', 'none')], { code: 'SP' }),
        section('T', [indicator('t1', 'OSI #3', 'none')], { code: 'TEC' }),
        section('E', [indicator('e1', 'OSI #4', 'none')], { code: 'EGL' }),
      ],
      'osi',
    );
    const result = score(def, { s1: 'yes', s2: 'no', t1: 'yes', e1: 'yes' });
    // (0.5 · 0.45 + 1 · 0.05) ÷ (0.45 + 0.05)
    expect(result.index).toBeCloseTo(0.275 / 0.5, 12);
    expect(result.criteria.map((c) => c.weight)).toEqual([0.45, 0.05, undefined]);
  });

  it('reads only own keys of a record: a question named "constructor" is unanswered until answered', () => {
    const def = load([section('A', [indicator('constructor', 'LOSI #1', 'none'), indicator('toString', 'LOSI #2', 'none')], { code: 'IF' })]);
    expect(score(def, {}).totals.unanswered).toBe(2);
    expect(score(def, { toString: 'yes' }).indicators.map((i) => i.status)).toEqual(['unanswered', 'met']);
  });
});

describe('definitions a method cannot read are refused, with every reason', () => {
  const refusal = (def: QuestionnaireDefinition): ScoringDefinitionError => {
    try {
      scoreResponse(def, {}, {});
    } catch (error) {
      if (error instanceof ScoringDefinitionError) return error;
      throw error;
    }
    throw new Error('expected a ScoringDefinitionError');
  };

  it('an indicator in a section without a code, an indicator that is not yes/no, an indicator inside a group', () => {
    const def = load([
      section('A', [indicator('a', 'LOSI #1')]),
      section('B', [text('b', { indicators: ['LOSI #2'] }), group('g', [yesNo('g.1', { indicators: ['LOSI #3'] })])], { code: 'IF' }),
    ]);
    const error = refusal(def);
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.problems).toEqual([
      'a: its section A has no criterion code',
      'b: an indicator question must be yes/no, but it is shortText',
      'g.1: an indicator cannot sit inside the repeatable group g',
    ]);
    expect(error.message).toContain('"test" cannot be scored');
  });

  it('a LOSI definition without any LOSI indicator', () => {
    const def = load([section('A', [yesNo('a', { indicators: ['OSI #1'] })], { code: 'IF' })]);
    expect(refusal(def).problems).toEqual(['no question carries a LOSI indicator code']);
  });

  it('an OSI definition whose indicators all sit in unweighted subindices', () => {
    const def = load([section('E', [indicator('e', 'OSI #1')], { code: 'EGL' })], 'osi');
    expect(refusal(def).problems).toEqual(['none of the weighted criteria (SP, EPI, IF, CP, TEC) has an indicator']);
  });
});

describe('the bundled self-assessments can be scored', () => {
  it('LOSI and OSI load and score without a refusal', () => {
    for (const id of ['losi-2024', 'osi-2024']) {
      const def = loadBundledDefinition(id);
      const set = allMet(def);
      expect(scoreResponse(def, set.answers, set.evidence)?.index, id).toBe(1);
    }
  });
});
