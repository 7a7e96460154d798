import { describe, expect, it } from 'vitest';
import { OSI_2024_METHOD } from '../../../shared/scoring/methods';
import type { CriterionScore, ScoreResult } from '../../../shared/scoring/model';
import { scoreResponse } from '../../../shared/scoring/score';
import { scoreSummaryOf } from '../../../shared/scoring/summary';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { AnswerSet } from '../../helpers/scoring-fixtures';
import { allMet, allUnanswered, answerSet, indicatorRefs, mixedByCriterion, noneMet } from '../../helpers/scoring-fixtures';

const osi = loadBundledDefinition('osi-2024');
const COUNTS = { IF: 26, CP: 8, SP: 65, EPI: 56, TEC: 16, EGL: 18 } as const;

function score(set: AnswerSet): ScoreResult {
  const result = scoreResponse(osi, set.answers, set.evidence);
  if (result === undefined) throw new Error('expected a score');
  return result;
}

const byCriterion = (result: ScoreResult): Record<string, CriterionScore> => Object.fromEntries(result.criteria.map((c) => [c.criterion, c]));

describe('OSI 2024: the shape of a score', () => {
  it('scores every indicator question, by subindex in section order, with the weights', () => {
    const result = score(noneMet(osi));
    expect(result.method).toBe(OSI_2024_METHOD);
    expect(result.criteria.map((c) => [c.criterion, c.total])).toEqual(Object.entries(COUNTS));
    expect(result.indicators).toHaveLength(189);
    expect(result.criteria.map((c) => c.weight)).toEqual([0.1, 0.05, 0.45, 0.35, 0.05, undefined]);
  });

  it('scores each service level as its own indicator (#183 has three questions)', () => {
    const result = score(noneMet(osi));
    expect(result.indicators.filter((i) => i.code === 'OSI #183')).toHaveLength(3);
  });
});

describe('OSI 2024: hand-made answer sets', () => {
  it('all met: index 1, Very High', () => {
    const result = score(allMet(osi));
    expect(result.index).toBe(1);
    expect(result.level).toBe('veryHigh');
    expect(result.totals).toEqual({ indicators: 189, met: 189, yesWithoutEvidence: 0, notMet: 0, unanswered: 0 });
  });

  it('none met: index 0, Low', () => {
    const result = score(noneMet(osi));
    expect(result.index).toBe(0);
    expect(result.level).toBe('low');
  });

  it('unanswered: index 0, every indicator counted as unanswered', () => {
    const result = score(allUnanswered(osi));
    expect(result.index).toBe(0);
    expect(result.totals).toEqual({ indicators: 189, met: 0, yesWithoutEvidence: 0, notMet: 0, unanswered: 189 });
  });

  it('mixed: exact shares per subindex; the index weighs them SP 45, EPI 35, IF 10, CP 5, TEC 5', () => {
    const result = score(mixedByCriterion(osi, { IF: 13, CP: 2, SP: 13, EPI: 14, TEC: 12, EGL: 18 }));
    const c = byCriterion(result);
    expect([c.IF?.share, c.CP?.share, c.SP?.share, c.EPI?.share, c.TEC?.share, c.EGL?.share]).toEqual([0.5, 0.25, 0.2, 0.25, 0.75, 1]);
    // 0.10·0.5 + 0.05·0.25 + 0.45·0.2 + 0.35·0.25 + 0.05·0.75 = 0.2775; EGL, fully met, adds nothing.
    expect(result.index).toBeCloseTo(0.2775, 12);
    expect(result.level).toBe('middle');
    expect(result.totals.met).toBe(13 + 2 + 13 + 14 + 12 + 18);
  });

  it('keeps EGL outside the index: EGL alone scores 0, everything but EGL scores 1', () => {
    const onlyEgl = score(mixedByCriterion(osi, { EGL: 18 }));
    expect(byCriterion(onlyEgl).EGL?.share).toBe(1);
    expect(onlyEgl.index).toBe(0);
    const allButEgl = score(answerSet(osi, (ref) => (ref.criterion === 'EGL' ? 'notMet' : 'met')));
    expect(byCriterion(allButEgl).EGL?.share).toBe(0);
    expect(allButEgl.index).toBe(1);
    expect(allButEgl.level).toBe('veryHigh');
  });

  it('weighs a subindex, not its number of indicators: all of CP (8) counts for less than all of EPI (56)', () => {
    expect(score(mixedByCriterion(osi, { CP: 8 })).index).toBeCloseTo(0.05, 12);
    expect(score(mixedByCriterion(osi, { EPI: 56 })).index).toBeCloseTo(0.35, 12);
    expect(score(mixedByCriterion(osi, { SP: 65 })).index).toBeCloseTo(0.45, 12);
  });

  it('yes without evidence is not met and lowers nothing else', () => {
    const set = mixedByCriterion(osi, { SP: 65 });
    const firstSp = indicatorRefs(osi).find((r) => r.criterion === 'SP');
    if (firstSp === undefined) throw new Error('no SP indicator');
    set.evidence.delete(firstSp.questionId);
    const result = score(set);
    expect(byCriterion(result).SP).toMatchObject({ met: 64, yesWithoutEvidence: 1, share: 64 / 65 });
    expect(result.index).toBeCloseTo(0.45 * (64 / 65), 12);
  });
});

describe('OSI 2024: levels exactly on the band boundaries, where the weights allow it', () => {
  it('0.75 exactly is High, one more TEC feature makes it Very High', () => {
    // SP 1 · 0.45 + EPI 0.5 · 0.35 + IF 1 · 0.10 + CP 0.5 · 0.05 = 0.75
    const at = score(mixedByCriterion(osi, { SP: 65, EPI: 28, IF: 26, CP: 4 }));
    expect(at.index).toBe(0.75);
    expect(at.level).toBe('high');
    const above = score(mixedByCriterion(osi, { SP: 65, EPI: 28, IF: 26, CP: 4, TEC: 1 }));
    expect(above.index).toBeCloseTo(0.75 + 0.05 / 16, 12);
    expect(above.level).toBe('veryHigh');
    const below = score(mixedByCriterion(osi, { SP: 65, EPI: 28, IF: 26, CP: 3 }));
    expect(below.level).toBe('high');
  });

  it('0.50 exactly is High, one feature less is Middle', () => {
    // SP 1 · 0.45 + CP 1 · 0.05 = 0.50
    const at = score(mixedByCriterion(osi, { SP: 65, CP: 8 }));
    expect(at.index).toBe(0.5);
    expect(at.level).toBe('high');
    expect(score(mixedByCriterion(osi, { SP: 65, CP: 7 })).level).toBe('middle');
  });

  it('0.25 exactly is Middle, one feature less is Low', () => {
    // EPI 0.5 · 0.35 + IF 0.5 · 0.10 + CP 0.5 · 0.05 = 0.25
    const at = score(mixedByCriterion(osi, { EPI: 28, IF: 13, CP: 4 }));
    expect(at.index).toBe(0.25);
    expect(at.level).toBe('middle');
    expect(score(mixedByCriterion(osi, { EPI: 28, IF: 13, CP: 3 })).level).toBe('low');
  });

  it('lands exactly on a boundary even where floating point would miss it by one bit', () => {
    // CP 1 · 0.05 + EPI 0.5 · 0.35 + TEC 0.5 · 0.05 = 0.25, summed naively as 0.24999999999999997.
    const quarter = score(mixedByCriterion(osi, { CP: 8, EPI: 28, TEC: 8 }));
    expect(quarter.index).toBe(0.25);
    expect(quarter.level).toBe('middle');
    // SP 1 · 0.45 + EPI 0.75 · 0.35 + TEC 0.75 · 0.05 = 0.75, summed naively as 0.7499999999999999.
    const threeQuarters = score(mixedByCriterion(osi, { SP: 65, EPI: 42, TEC: 12 }));
    expect(threeQuarters.index).toBe(0.75);
    expect(threeQuarters.level).toBe('high');
  });
});

describe('OSI 2024: speed', () => {
  it('scores the OSI 1,000 times, with changing answers, and stays right', () => {
    // Runs as the score view does, on every change; only correctness is asserted (no timing).
    const refs = indicatorRefs(osi);
    const set = noneMet(osi);
    const met = allMet(osi);
    let last: ScoreResult | undefined;
    for (let i = 0; i < 1000; i += 1) {
      const ref = refs[i % refs.length];
      if (ref === undefined) throw new Error('no indicator');
      set.answers.set(ref.questionId, 'yes');
      const items = met.evidence.get(ref.questionId);
      if (items !== undefined) set.evidence.set(ref.questionId, items);
      last = scoreResponse(osi, set.answers, set.evidence);
    }
    expect(last?.index).toBe(1);
    expect(last?.totals.met).toBe(189);
  });
});

describe('OSI 2024: the level follows the index as shown and signed (4 decimals)', () => {
  it('bands 0.499951… as High, because it shows and signs as 0.5', () => {
    // IF 0/26, CP 0/8, SP 51/65, EPI 16/56, TEC 15/16: (0.45·51/65 + 0.35·16/56 + 0.05·15/16) ÷ 1 = 0.4999519…
    const result = score(mixedByCriterion(osi, { SP: 51, EPI: 16, TEC: 15 }));
    expect(result.index).toBeCloseTo(0.499951923, 8);
    expect(result.level).toBe('high');
    const summary = scoreSummaryOf(result);
    expect([summary.index, summary.level]).toEqual([0.5, 'high']);
  });
});
