import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import type { ScoreResult } from '../../../shared/scoring/model';
import { scoreResponse } from '../../../shared/scoring/score';
import type { ScoreSummary } from '../../../shared/scoring/summary';
import { round4, scoreSummaryOf, scoreSummarySchema } from '../../../shared/scoring/summary';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { AnswerSet } from '../../helpers/scoring-fixtures';
import { mixedByCriterion, withOutcomes } from '../../helpers/scoring-fixtures';

const losi = loadBundledDefinition('losi-2024');
const osi = loadBundledDefinition('osi-2024');

function score(def: typeof losi, set: AnswerSet): ScoreResult {
  const result = scoreResponse(def, set.answers, set.evidence);
  if (result === undefined) throw new Error('expected a score');
  return result;
}

describe('scoreSummaryOf', () => {
  it('summarises a LOSI score: method, provenance, rounded index and shares, counts', () => {
    const result = score(losi, mixedByCriterion(losi, { IF: 3, CP: 15, SP: 11, PE: 5, EGL: 10 }));
    const summary = scoreSummaryOf(result);
    expect(summary).toMatchObject({
      method: 'losi-2024-share',
      instrument: 'losi',
      indicative: true,
      provenance: { index: 'reconstructed', bands: 'reconstructed' },
      index: 0.4632, // 44/95 = 0.463157…
      level: 'middle',
      totals: { indicators: 95, met: 44, yesWithoutEvidence: 0, notMet: 51, unanswered: 0 },
    });
    expect(summary.provenance).not.toHaveProperty('weights');
    expect(summary.criteria.map((c) => [c.criterion, c.share])).toEqual([
      ['IF', 0.5],
      ['CP', 0.5],
      ['SP', 0.5],
      ['PE', 0.3333],
      ['EGL', 1],
      ['TEC', 0],
    ]);
    expect(summary.criteria.every((c) => !('weight' in c))).toBe(true);
  });

  it('summarises an OSI score with its weights and their provenance', () => {
    const summary = scoreSummaryOf(score(osi, mixedByCriterion(osi, { IF: 13, CP: 2, SP: 13, EPI: 14, TEC: 12, EGL: 18 })));
    expect(summary.method).toBe('osi-2024-weighted');
    expect(summary.provenance).toEqual({ index: 'reconstructed', weights: 'reconstructed', bands: 'reconstructed' });
    expect(summary.index).toBe(0.2775);
    expect(summary.criteria.map((c) => c.weight)).toEqual([0.1, 0.05, 0.45, 0.35, 0.05, undefined]);
    expect(summary.criteria.find((c) => c.criterion === 'EGL')).not.toHaveProperty('weight');
  });

  it('counts yes-without-evidence and unanswered apart in the summary too', () => {
    const summary = scoreSummaryOf(score(losi, withOutcomes(losi, { 'LOSI.281': 'yesWithoutEvidence', 'LOSI.215': 'met' }, 'unanswered')));
    expect(summary.totals).toEqual({ indicators: 95, met: 1, yesWithoutEvidence: 1, notMet: 0, unanswered: 93 });
    expect(summary.criteria[0]).toMatchObject({ criterion: 'IF', total: 6, met: 1, yesWithoutEvidence: 1, unanswered: 4, share: 0.1667 });
  });

  it('gives the same canonical bytes for the same answers (stable signed numbers)', () => {
    const a = scoreSummaryOf(score(osi, mixedByCriterion(osi, { SP: 13, EPI: 14 })));
    const b = scoreSummaryOf(score(osi, mixedByCriterion(osi, { SP: 13, EPI: 14 })));
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('rounds to 4 decimals', () => {
    expect([round4(1 / 3), round4(2 / 3), round4(0.99995), round4(0), round4(1)]).toEqual([0.3333, 0.6667, 1, 0, 1]);
  });
});

describe('scoreSummarySchema', () => {
  const summary = (): ScoreSummary => scoreSummaryOf(score(osi, mixedByCriterion(osi, { IF: 13, CP: 2, SP: 13, EPI: 14, TEC: 12, EGL: 18 })));

  it('round-trips a summary through JSON unchanged', () => {
    const original = summary();
    const parsed = scoreSummarySchema.parse(JSON.parse(JSON.stringify(original)));
    expect(parsed).toEqual(original);
    const losiSummary = scoreSummaryOf(score(losi, mixedByCriterion(losi, { PE: 7 })));
    expect(scoreSummarySchema.parse(JSON.parse(JSON.stringify(losiSummary)))).toEqual(losiSummary);
  });

  it('refuses unknown fields, a non-indicative summary, an index outside 0–1 and unknown levels', () => {
    const good = summary();
    const bad: unknown[] = [
      { ...good, extra: 1 },
      { ...good, indicative: false },
      { ...good, index: 1.2 },
      { ...good, index: -0.1 },
      { ...good, level: 'excellent' },
      { ...good, instrument: 'msq' },
      { ...good, provenance: { index: 'official', bands: 'reconstructed' } },
      { ...good, criteria: [{ ...good.criteria[0], share: 2 }] },
      { ...good, criteria: [{ ...good.criteria[0], criterion: 'if' }] },
      { ...good, totals: { ...good.totals, met: 1.5 } },
    ];
    for (const value of bad) expect(scoreSummarySchema.safeParse(value).success, JSON.stringify(value).slice(0, 80)).toBe(false);
  });

  it('refuses counts that do not add up, saying where', () => {
    const good = summary();
    const totals = scoreSummarySchema.safeParse({ ...good, totals: { ...good.totals, met: good.totals.met + 1 } });
    expect(totals.success).toBe(false);
    expect(totals.error?.issues.map((i) => i.path.join('.'))).toContain('totals');

    const first = good.criteria[0];
    if (first === undefined) throw new Error('no criterion');
    const criterion = scoreSummarySchema.safeParse({ ...good, criteria: [{ ...first, notMet: first.notMet + 1 }, ...good.criteria.slice(1)] });
    expect(criterion.success).toBe(false);
    expect(criterion.error?.issues.map((i) => i.path.join('.'))).toContain('criteria.0');

    const dropped = scoreSummarySchema.safeParse({ ...good, criteria: good.criteria.slice(1) });
    expect(dropped.success).toBe(false);
    expect(dropped.error?.issues.map((i) => i.message).join()).toMatch(/the criteria hold \d+ indicators, the totals 189/);
  });
});
