import { z } from 'zod';
import { LEVELS } from './model';
import type { ScoreResult } from './model';

/**
 * The score summary a signed submission carries (and the Scores sheets show): the method and its
 * provenance, the index, the level and the counts, without the per-indicator detail (the answers
 * themselves are in the submission). Numbers are rounded to 4 decimals so that the signed bytes do
 * not depend on floating-point noise.
 */

const provenance = z.enum(['verified', 'third-party-copy', 'reconstructed']);
const share = z.number().min(0).max(1);
const count = z.int().min(0);

export const criterionSummarySchema = z.strictObject({
  criterion: z.string().regex(/^[A-Z]{2,5}$/, 'must be a criterion code such as "IF"'),
  total: count,
  met: count,
  yesWithoutEvidence: count,
  notMet: count,
  unanswered: count,
  share,
  weight: z.number().min(0).optional(),
});
export type CriterionSummary = z.infer<typeof criterionSummarySchema>;

export const scoreSummarySchema = z
  .strictObject({
    method: z.string().min(1).max(64),
    instrument: z.enum(['osi', 'losi']),
    /** Always true: a self-assessment is an estimate, never the official index. */
    indicative: z.literal(true),
    provenance: z.strictObject({ index: provenance, weights: provenance.optional(), bands: provenance }),
    index: share,
    level: z.enum(LEVELS),
    totals: z.strictObject({ indicators: count, met: count, yesWithoutEvidence: count, notMet: count, unanswered: count }),
    criteria: z.array(criterionSummarySchema).max(50),
  })
  .superRefine((summary, ctx) => {
    // A summary whose counts do not add up was not made by scoreSummaryOf: refuse it, say where.
    const addsUp = (c: { total?: number; indicators?: number; met: number; yesWithoutEvidence: number; notMet: number; unanswered: number }) =>
      c.met + c.yesWithoutEvidence + c.notMet + c.unanswered === (c.total ?? c.indicators);
    if (!addsUp(summary.totals)) ctx.addIssue({ code: 'custom', path: ['totals'], message: 'met, yes without evidence, not met and unanswered must add up to the indicators' });
    summary.criteria.forEach((c, i) => {
      if (!addsUp(c)) ctx.addIssue({ code: 'custom', path: ['criteria', i], message: `criterion ${c.criterion}: the counts must add up to its total` });
    });
    const criteriaTotal = summary.criteria.reduce((n, c) => n + c.total, 0);
    if (criteriaTotal !== summary.totals.indicators) {
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: `the criteria hold ${String(criteriaTotal)} indicators, the totals ${String(summary.totals.indicators)}` });
    }
  });
export type ScoreSummary = z.infer<typeof scoreSummarySchema>;

/** Rounds to 4 decimals (a share shown as a percentage keeps two decimals). */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The summary of a score, ready to sign: index and shares rounded to 4 decimals. */
export function scoreSummaryOf(result: ScoreResult): ScoreSummary {
  const { method } = result;
  return {
    method: method.id,
    instrument: method.instrument,
    indicative: true,
    provenance: {
      index: method.provenance.index,
      ...(method.provenance.weights === undefined ? {} : { weights: method.provenance.weights }),
      bands: method.provenance.bands,
    },
    index: round4(result.index),
    // scoreResponse rounds the index to 4 decimals before banding it, so the signed index and level agree.
    level: result.level,
    totals: { ...result.totals },
    criteria: result.criteria.map((c) => ({
      criterion: c.criterion,
      total: c.total,
      met: c.met,
      yesWithoutEvidence: c.yesWithoutEvidence,
      notMet: c.notMet,
      unanswered: c.unanswered,
      share: round4(c.share),
      ...(c.weight === undefined ? {} : { weight: c.weight }),
    })),
  };
}
