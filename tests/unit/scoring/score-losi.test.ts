import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { LOSI_2024_METHOD } from '../../../shared/scoring/methods';
import type { CriterionScore, ScoreResult } from '../../../shared/scoring/model';
import { scoreResponse } from '../../../shared/scoring/score';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { AnswerSet } from '../../helpers/scoring-fixtures';
import {
  allMet,
  allUnanswered,
  allYesWithoutEvidence,
  answerRecords,
  evidenceItem,
  indicatorRefs,
  mixedByCriterion,
  noneMet,
  withOutcomes,
} from '../../helpers/scoring-fixtures';

const losi = loadBundledDefinition('losi-2024');
const COUNTS = { IF: 6, CP: 30, SP: 22, PE: 15, EGL: 10, TEC: 12 } as const;

function score(set: AnswerSet, definition: QuestionnaireDefinition = losi): ScoreResult {
  const result = scoreResponse(definition, set.answers, set.evidence);
  if (result === undefined) throw new Error('expected a score');
  return result;
}

const byCriterion = (result: ScoreResult): Record<string, CriterionScore> => Object.fromEntries(result.criteria.map((c) => [c.criterion, c]));

describe('LOSI 2024: the shape of a score', () => {
  it('scores the 95 indicators in six criteria, in section order, with the LOSI method', () => {
    const result = score(noneMet(losi));
    expect(result.method).toBe(LOSI_2024_METHOD);
    expect(result.indicators).toHaveLength(95);
    expect(result.criteria.map((c) => [c.criterion, c.total])).toEqual(Object.entries(COUNTS));
    expect(result.criteria.every((c) => c.weight === undefined)).toBe(true);
    // Definition order, and only indicator questions (not the portal URL or follow-up texts).
    expect(result.indicators.map((i) => i.questionId)).toEqual(indicatorRefs(losi).map((r) => r.questionId));
    expect(result.indicators[0]).toEqual({ code: 'LOSI #281', questionId: 'LOSI.281', sectionId: 'IF', criterion: 'IF', status: 'notMet' });
  });

  it('keeps both questions carrying #236 as separate indicators, each in its own criterion', () => {
    const result = score(withOutcomes(losi, { 'LOSI.236-PE': 'met' }));
    const both = result.indicators.filter((i) => i.code === 'LOSI #236');
    expect(both.map((i) => [i.criterion, i.status])).toEqual([
      ['IF', 'notMet'],
      ['PE', 'met'],
    ]);
  });
});

describe('LOSI 2024: hand-made answer sets', () => {
  it('all met: index 1, Very High, every criterion 1', () => {
    const result = score(allMet(losi));
    expect(result.index).toBe(1);
    expect(result.level).toBe('veryHigh');
    expect(result.totals).toEqual({ indicators: 95, met: 95, yesWithoutEvidence: 0, notMet: 0, unanswered: 0 });
    expect(result.criteria.every((c) => c.share === 1 && c.met === c.total)).toBe(true);
  });

  it('none met: index 0, Low', () => {
    const result = score(noneMet(losi));
    expect(result.index).toBe(0);
    expect(result.level).toBe('low');
    expect(result.totals).toEqual({ indicators: 95, met: 0, yesWithoutEvidence: 0, notMet: 95, unanswered: 0 });
    expect(result.criteria.every((c) => c.share === 0)).toBe(true);
  });

  it('mixed: exact shares per criterion, and the index is met ÷ 95 whatever the criterion', () => {
    const result = score(mixedByCriterion(losi, { IF: 3, CP: 15, SP: 11, PE: 5, EGL: 10 }));
    const c = byCriterion(result);
    expect(c.IF?.share).toBe(3 / 6);
    expect(c.CP?.share).toBe(15 / 30);
    expect(c.SP?.share).toBe(11 / 22);
    expect(c.PE?.share).toBe(5 / 15);
    expect(c.EGL?.share).toBe(1);
    expect(c.TEC?.share).toBe(0);
    expect(c.PE).toMatchObject({ total: 15, met: 5, notMet: 10, yesWithoutEvidence: 0, unanswered: 0 });
    expect(result.totals.met).toBe(44);
    // All indicators weigh the same: 44/95, not the mean of the six shares (0.472…).
    expect(result.index).toBe(44 / 95);
    expect(result.level).toBe('middle');
  });

  it('72 met is the first Very High count, 71 is High; 48 High, 47 Middle; 24 Middle, 23 Low', () => {
    const met = (n: number) => score(mixedByCriterion(losi, spread(n))).level;
    expect([met(72), met(71), met(48), met(47), met(24), met(23)]).toEqual(['veryHigh', 'high', 'high', 'middle', 'middle', 'low']);
  });

  it('yes without evidence: not met, counted apart, and no help to the index', () => {
    const result = score(allYesWithoutEvidence(losi));
    expect(result.totals).toEqual({ indicators: 95, met: 0, yesWithoutEvidence: 95, notMet: 0, unanswered: 0 });
    expect(result.index).toBe(0);
    expect(result.level).toBe('low');

    const some = score(withOutcomes(losi, { 'LOSI.281': 'yesWithoutEvidence', 'LOSI.215': 'met', 'LOSI.216': 'yesWithoutEvidence' }));
    expect(byCriterion(some).IF).toMatchObject({ total: 6, met: 1, yesWithoutEvidence: 2, notMet: 3, unanswered: 0, share: 1 / 6 });
    expect(some.indicators.find((i) => i.questionId === 'LOSI.281')?.status).toBe('yesWithoutEvidence');
    expect(some.index).toBe(1 / 95);
  });

  it('unanswered: counted apart and not met', () => {
    const none = score(allUnanswered(losi));
    expect(none.totals).toEqual({ indicators: 95, met: 0, yesWithoutEvidence: 0, notMet: 0, unanswered: 95 });
    expect(none.index).toBe(0);
    expect(none.level).toBe('low');

    const half = score(mixedByCriterion(losi, { TEC: 6 }, 'unanswered'));
    expect(byCriterion(half).TEC).toMatchObject({ total: 12, met: 6, unanswered: 6, notMet: 0, share: 0.5 });
    expect(half.totals).toMatchObject({ met: 6, unanswered: 89 });
    expect(half.index).toBe(6 / 95);
  });

  it('all four statuses in one criterion add up', () => {
    const result = score(
      withOutcomes(losi, { 'LOSI.281': 'met', 'LOSI.215': 'met', 'LOSI.216': 'yesWithoutEvidence', 'LOSI.224': 'notMet', 'LOSI.236-IF': 'unanswered' }, 'unanswered'),
    );
    expect(byCriterion(result).IF).toMatchObject({ total: 6, met: 2, yesWithoutEvidence: 1, notMet: 1, unanswered: 2, share: 2 / 6 });
  });

  it('reads plain records (as a signed submission holds them) the same as maps', () => {
    const set = mixedByCriterion(losi, { CP: 7, SP: 2 });
    const records = answerRecords(set);
    expect(scoreResponse(losi, records.answers, records.evidence)).toEqual(score(set));
  });

  it('does not change its inputs', () => {
    const set = mixedByCriterion(losi, { CP: 7 });
    const before = JSON.stringify([[...set.answers], [...set.evidence]]);
    score(set);
    expect(JSON.stringify([[...set.answers], [...set.evidence]])).toBe(before);
  });

  it('counts evidence only when its link passes the evidence URL policy (as the validator does)', () => {
    const set = withOutcomes(losi, { 'LOSI.281': 'yesWithoutEvidence', 'LOSI.215': 'yesWithoutEvidence' });
    set.evidence.set('LOSI.281', [{ ...evidenceItem('LOSI.281'), url: 'javascript:alert(1)' }]);
    set.evidence.set('LOSI.215', [{ ...evidenceItem('LOSI.215'), url: 'javascript:alert(1)' }, evidenceItem('LOSI.215', 2)]);
    const statuses = score(set).indicators.slice(0, 2).map((i) => i.status);
    expect(statuses).toEqual(['yesWithoutEvidence', 'met']);
  });

  it('still counts evidence whose last link check failed (the validator only warns)', () => {
    const set = withOutcomes(losi, { 'LOSI.281': 'met' });
    const [item] = set.evidence.get('LOSI.281') ?? [];
    if (item === undefined) throw new Error('fixture gave no evidence');
    set.evidence.set('LOSI.281', [{ ...item, check: { status: 'broken', httpStatus: 404, checkedAt: 1 } }]);
    expect(score(set).indicators[0]?.status).toBe('met');
  });

  it('evidence for an answer of no changes nothing: still not met', () => {
    const set = withOutcomes(losi, { 'LOSI.281': 'notMet' });
    set.evidence.set('LOSI.281', [evidenceItem('LOSI.281')]);
    expect(score(set).indicators[0]?.status).toBe('notMet');
  });

  it('a value other than yes or no (kept as entered, flagged by the engine) is not a yes', () => {
    const set = withOutcomes(losi, { 'LOSI.281': 'met' });
    set.answers.set('LOSI.281', 'Yes ');
    set.answers.set('LOSI.215', '   ');
    const [first, second] = score(set).indicators;
    expect(first?.status).toBe('notMet');
    expect(second?.status).toBe('unanswered');
  });
});

describe('LOSI 2024: hidden questions count as unanswered', () => {
  const raw = (): Record<string, unknown> & { sections: { id: string; relevant?: unknown; questions: { id: string; relevant?: unknown }[] }[] } =>
    JSON.parse(readFileSync(join(import.meta.dirname, '../../../questionnaires/losi-2024/questionnaire.json'), 'utf8')) as never;

  it('a question hidden by its condition does not score, though its answer and evidence are kept', () => {
    const input = raw();
    const ifSection = input.sections.find((s) => s.id === 'IF');
    const q215 = ifSection?.questions.find((q) => q.id === 'LOSI.215');
    if (q215 === undefined) throw new Error('LOSI.215 not found');
    q215.relevant = { question: 'LOSI.281', op: 'equals', value: 'yes' };
    const conditional = loadQuestionnaireDefinition(input, 'losi-conditional.json');

    const hidden = withOutcomes(conditional, { 'LOSI.281': 'notMet', 'LOSI.215': 'met' });
    const result = score(hidden, conditional);
    expect(result.indicators.find((i) => i.questionId === 'LOSI.215')?.status).toBe('unanswered');
    expect(result.totals).toMatchObject({ met: 0, unanswered: 1, notMet: 94 });
    expect(hidden.answers.get('LOSI.215')).toBe('yes');

    const shown = score(withOutcomes(conditional, { 'LOSI.281': 'met', 'LOSI.215': 'met' }), conditional);
    expect(shown.totals.met).toBe(2);
  });

  it('every question of a hidden section counts as unanswered', () => {
    const input = raw();
    const tec = input.sections.find((s) => s.id === 'TEC');
    if (tec === undefined) throw new Error('TEC not found');
    tec.relevant = { question: 'portal.url', op: 'notAnswered' };
    const conditional = loadQuestionnaireDefinition(input, 'losi-conditional.json');
    const result = score(allMet(conditional), conditional);
    expect(byCriterion(result).TEC).toMatchObject({ total: 12, met: 0, unanswered: 12, share: 0 });
    expect(result.totals).toMatchObject({ met: 83, unanswered: 12 });
    expect(result.index).toBe(83 / 95);
  });
});

/** `n` met indicators spread over the criteria in section order, filling each before the next. */
function spread(n: number): Record<string, number> {
  const met: Record<string, number> = {};
  let left = n;
  for (const [criterion, total] of Object.entries(COUNTS)) {
    met[criterion] = Math.min(total, left);
    left -= met[criterion];
  }
  return met;
}
