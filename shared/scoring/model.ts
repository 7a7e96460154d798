/**
 * Self-assessment scores for the OSI and LOSI instruments (issue 8), as plain data shared by the
 * score view, the signed submission, the improvement plan and the coordinator's consolidated
 * workbook. Scores are pure functions of a definition, the answers and the evidence
 * (`scoreResponse` in score.ts); the method (what counts, weights, level bands, reference shares)
 * is data in methods.ts, with the provenance of every part, because much of it is reconstructed
 * rather than official and every place that shows a score must say so.
 */

/** The level bands of the E-Government Survey, highest first. */
export const LEVELS = ['veryHigh', 'high', 'middle', 'low'] as const;
export type Level = (typeof LEVELS)[number];

/** Whether a part of the method is stated by an official UN source or reconstructed from others. */
export type MethodProvenance = 'verified' | 'third-party-copy' | 'reconstructed';

/**
 * A lower bound of a level: a score at or above `min` (or strictly above, when `inclusive` is
 * false) and below the next higher level's bound has this level. Ordered highest first; the last
 * band has `min` 0.
 */
export interface LevelBand {
  readonly level: Level;
  readonly min: number;
  readonly inclusive: boolean;
}

export interface ScoringMethod {
  /** Stable id written into signed summaries, e.g. `losi-2024-share` or `osi-2024-weighted`. */
  readonly id: string;
  readonly instrument: 'osi' | 'losi';
  /**
   * How the overall index is made from the indicators:
   * - `shareOfIndicators`: indicators met ÷ all indicators (LOSI: every indicator weighs the same);
   * - `weightedCriteria`: the sum of each criterion's share times its weight, divided by the sum of
   *   the weights of the criteria present (OSI subindex weights). Criteria without a weight are
   *   scored and shown but do not enter the index.
   */
  readonly index: { readonly kind: 'shareOfIndicators' } | { readonly kind: 'weightedCriteria'; readonly weights: Readonly<Record<string, number>> };
  readonly bands: readonly LevelBand[];
  /** Where each part of the method comes from. */
  readonly provenance: {
    readonly index: MethodProvenance;
    readonly weights?: MethodProvenance;
    readonly bands: MethodProvenance;
  };
  /**
   * A self-assessment is an estimate, never the official index (the UN assesses portals itself and,
   * for the OSI, normalises across countries). Always true today; shown wherever a score is.
   */
  readonly indicative: true;
  /** Shares of assessed units meeting an indicator in an earlier edition, by indicator code (`LOSI #277`), 0–1. */
  readonly reference?: {
    readonly year: number;
    /** Who the share is of, e.g. "146 cities assessed in 2022". */
    readonly population: string;
    readonly provenance: MethodProvenance;
    readonly shares: Readonly<Record<string, number>>;
  };
}

/**
 * One indicator of a response:
 * - `met`: answered yes, with the evidence the question requires (a required link present);
 * - `yesWithoutEvidence`: answered yes, but the evidence the question requires is missing, so it
 *   does not count as met (the UI says why);
 * - `notMet`: answered no;
 * - `unanswered`: not answered (or hidden).
 */
export type IndicatorStatus = 'met' | 'yesWithoutEvidence' | 'notMet' | 'unanswered';

export interface IndicatorScore {
  /** The indicator code as the definition writes it, e.g. `LOSI #281`. */
  readonly code: string;
  readonly questionId: string;
  readonly sectionId: string;
  /** The criterion (LOSI) or subindex (OSI) code: the section's `code`, e.g. `IF`. */
  readonly criterion: string;
  readonly status: IndicatorStatus;
}

export interface CriterionScore {
  readonly criterion: string;
  readonly sectionId: string;
  readonly total: number;
  readonly met: number;
  readonly yesWithoutEvidence: number;
  readonly notMet: number;
  readonly unanswered: number;
  /** met ÷ total (0 when total is 0). */
  readonly share: number;
  /** The criterion's weight in the index (`weightedCriteria`), when it has one. */
  readonly weight?: number;
}

export interface ScoreResult {
  readonly method: ScoringMethod;
  /** Every indicator question, in definition order. */
  readonly indicators: readonly IndicatorScore[];
  /** Criteria in definition (section) order. */
  readonly criteria: readonly CriterionScore[];
  /** The overall index, 0–1. */
  readonly index: number;
  readonly level: Level;
  readonly totals: {
    readonly indicators: number;
    readonly met: number;
    readonly yesWithoutEvidence: number;
    readonly notMet: number;
    readonly unanswered: number;
  };
}
