import { AppError } from '../errors';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { IndicatorScore, Level, LevelBand, ScoringMethod } from './model';

/**
 * The scoring methods of the two self-assessments, as data (see README.md for the reasoning and
 * the sources). Much of the method is reconstructed from public material rather than stated by
 * the UN, so every part carries its provenance, and corrections are edits to this data, not code.
 */

/** A score outside 0–1 (or not a number) was asked for a level: a bug upstream, never rounded away. */
export class ScoreOutOfRangeError extends AppError {
  constructor(index: number) {
    super('INVALID_PAYLOAD', `A score must be a number from 0 to 1 to have a level; got ${String(index)}.`);
  }
}

/**
 * The four levels of the E-Government Survey. Very High is strictly above 0.75 (the 2022 text puts
 * cities meeting *more than* 75 % of indicators there); the other bounds are inclusive, so exactly
 * 0.75 and 0.50 are High and exactly 0.25 is Middle.
 */
export const SURVEY_LEVEL_BANDS: readonly LevelBand[] = [
  { level: 'veryHigh', min: 0.75, inclusive: false },
  { level: 'high', min: 0.5, inclusive: true },
  { level: 'middle', min: 0.25, inclusive: true },
  { level: 'low', min: 0, inclusive: true },
];

/**
 * 2022 shares of the 146 assessed cities meeting each participation indicator (Figure 3.10 of the
 * 2022 Survey), under the 2024 code the indicator maps to. #270a, #237 and #273 moved to EGL in
 * 2024 but are still LOSI indicators, so they keep their share.
 */
const LOSI_2022_PARTICIPATION_SHARES: Readonly<Record<string, number>> = {
  'LOSI #279': 0.192,
  'LOSI #270a': 0.226,
  'LOSI #267': 0.295,
  'LOSI #278': 0.315,
  'LOSI #275': 0.349,
  'LOSI #250': 0.37,
  'LOSI #252': 0.377,
  'LOSI #276': 0.377,
  'LOSI #277': 0.404,
  'LOSI #237': 0.411,
  'LOSI #236': 0.459,
  'LOSI #272': 0.486,
  'LOSI #274': 0.527,
  'LOSI #280': 0.534,
  'LOSI #219': 0.712,
  'LOSI #271': 0.801,
  'LOSI #273': 0.863,
};

/**
 * The criteria in which the 2022 participation shares apply. The third-party indicator list
 * also gives #236 to an IF item (open-data *policy*), almost certainly a mis-extracted code: the
 * 2022 share is of "open data provision", the PE #236, so it must not be shown against the IF one.
 */
const LOSI_REFERENCE_CRITERIA: ReadonlySet<string> = new Set(['PE', 'EGL']);

export const LOSI_2024_METHOD: ScoringMethod = {
  id: 'losi-2024-share',
  instrument: 'losi',
  index: { kind: 'shareOfIndicators' },
  bands: SURVEY_LEVEL_BANDS,
  provenance: {
    // The formula is inferred (high confidence: it is the only one that fits the Verified 75 % bound).
    index: 'reconstructed',
    // The Very High bound is verified; the other bounds and the inclusive sides are reconstructed.
    bands: 'reconstructed',
  },
  indicative: true,
  reference: {
    year: 2022,
    population: '146 cities assessed in 2022',
    // The shares themselves are verified; the mapping of 2022 items to 2024 codes is reconstructed.
    provenance: 'reconstructed',
    shares: LOSI_2022_PARTICIPATION_SHARES,
  },
};

/**
 * OSI subindex weights attributed to the 2022 Survey annex, as fractions of the index. EGL has no
 * known weight: it is scored and shown but stays out of the index.
 */
const OSI_2024_WEIGHTS: Readonly<Record<string, number>> = { SP: 0.45, EPI: 0.35, IF: 0.1, CP: 0.05, TEC: 0.05 };

export const OSI_2024_METHOD: ScoringMethod = {
  id: 'osi-2024-weighted',
  instrument: 'osi',
  index: { kind: 'weightedCriteria', weights: OSI_2024_WEIGHTS },
  bands: SURVEY_LEVEL_BANDS,
  provenance: {
    // The UN rescales the weighted score across countries, which one country cannot do: the index
    // here is the weighted share itself.
    index: 'reconstructed',
    // "Confirm before relying on it": not checked against the annex text.
    weights: 'reconstructed',
    // The Survey's four levels, applied to a self-assessed share.
    bands: 'reconstructed',
  },
  indicative: true,
};

/** The method that scores a definition, by its instrument; undefined for the questionnaires and others. */
export function scoringMethodFor(definition: QuestionnaireDefinition): ScoringMethod | undefined {
  switch (definition.instrument) {
    case 'losi':
      return LOSI_2024_METHOD;
    case 'osi':
      return OSI_2024_METHOD;
    default:
      return undefined;
  }
}

/**
 * The level of a score: the first band (highest first) whose bound the score reaches (or passes,
 * for an exclusive bound). Throws for a score outside 0–1 rather than guessing a level.
 */
export function levelOf(index: number, bands: readonly LevelBand[]): Level {
  if (!Number.isFinite(index) || index < 0 || index > 1) throw new ScoreOutOfRangeError(index);
  for (const band of bands) {
    if (band.inclusive ? index >= band.min : index > band.min) return band.level;
  }
  // Only reachable with bands whose lowest bound is above 0 or exclusive at 0: a data error.
  throw new ScoreOutOfRangeError(index);
}

/**
 * The earlier edition's share of units meeting this indicator, when the method has one for it.
 * Use this rather than reading `method.reference.shares` by code: a code may be carried by an
 * unrelated indicator in another criterion (LOSI #236), and only the matching one has the share.
 */
export function referenceShareFor(method: ScoringMethod, indicator: Pick<IndicatorScore, 'code' | 'criterion'>): number | undefined {
  const share = method.reference?.shares[indicator.code];
  if (share === undefined) return undefined;
  if (method.id === LOSI_2024_METHOD.id && !LOSI_REFERENCE_CRITERIA.has(indicator.criterion)) return undefined;
  return share;
}
