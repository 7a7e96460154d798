import { describe, expect, it } from 'vitest';
import {
  LOSI_2024_METHOD,
  OSI_2024_METHOD,
  SURVEY_LEVEL_BANDS,
  ScoreOutOfRangeError,
  levelOf,
  referenceShareFor,
  scoringMethodFor,
} from '../../../shared/scoring/methods';
import type { Level } from '../../../shared/scoring/model';
import { loadBundledDefinition } from '../../helpers/bundled-definition';

describe('levelOf at and around each band boundary', () => {
  const cases: [number, Level][] = [
    [0, 'low'],
    [0.1, 'low'],
    [0.2499999, 'low'],
    [0.25, 'middle'],
    [0.2500001, 'middle'],
    [0.4999999, 'middle'],
    [0.5, 'high'],
    [0.5000001, 'high'],
    [0.7499999, 'high'],
    [0.75, 'high'],
    [0.7500001, 'veryHigh'],
    [0.9, 'veryHigh'],
    [1, 'veryHigh'],
  ];
  for (const [index, level] of cases) {
    it(`${String(index)} is ${level}`, () => {
      expect(levelOf(index, SURVEY_LEVEL_BANDS)).toBe(level);
    });
  }

  it('uses the LOSI and OSI methods the same way', () => {
    expect(LOSI_2024_METHOD.bands).toBe(SURVEY_LEVEL_BANDS);
    expect(OSI_2024_METHOD.bands).toBe(SURVEY_LEVEL_BANDS);
  });

  it('refuses a score outside 0–1 or not a number, naming it', () => {
    for (const bad of [-0.0001, 1.0001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => levelOf(bad, SURVEY_LEVEL_BANDS)).toThrow(ScoreOutOfRangeError);
    }
    expect(() => levelOf(1.5, SURVEY_LEVEL_BANDS)).toThrow(/from 0 to 1.*1\.5/);
  });

  it('follows the bands it is given (a corrected bound is a data change)', () => {
    const stricter = [
      { level: 'veryHigh', min: 0.8, inclusive: true },
      { level: 'low', min: 0, inclusive: true },
    ] as const;
    expect(levelOf(0.8, stricter)).toBe('veryHigh');
    expect(levelOf(0.79, stricter)).toBe('low');
  });

  it('throws rather than guessing when no band covers the score', () => {
    expect(() => levelOf(0, [{ level: 'high', min: 0, inclusive: false }])).toThrow(ScoreOutOfRangeError);
  });
});

describe('scoringMethodFor', () => {
  it('gives the LOSI and OSI methods by instrument, and none for the questionnaires', () => {
    expect(scoringMethodFor(loadBundledDefinition('losi-2024'))).toBe(LOSI_2024_METHOD);
    expect(scoringMethodFor(loadBundledDefinition('osi-2024'))).toBe(OSI_2024_METHOD);
    expect(scoringMethodFor(loadBundledDefinition('msq-2024'))).toBeUndefined();
    expect(scoringMethodFor(loadBundledDefinition('lgq-2024'))).toBeUndefined();
    expect(scoringMethodFor(loadBundledDefinition('test-all-types'))).toBeUndefined();
  });
});

describe('the methods as data', () => {
  it('LOSI: share of all indicators, reconstructed, indicative', () => {
    expect(LOSI_2024_METHOD).toMatchObject({
      id: 'losi-2024-share',
      instrument: 'losi',
      index: { kind: 'shareOfIndicators' },
      provenance: { index: 'reconstructed', bands: 'reconstructed' },
      indicative: true,
    });
  });

  it('OSI: the reconstructed subindex weights, summing to 1, with no weight for EGL', () => {
    expect(OSI_2024_METHOD.index).toEqual({ kind: 'weightedCriteria', weights: { SP: 0.45, EPI: 0.35, IF: 0.1, CP: 0.05, TEC: 0.05 } });
    if (OSI_2024_METHOD.index.kind !== 'weightedCriteria') throw new Error('unreachable');
    const total = Object.values(OSI_2024_METHOD.index.weights).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(OSI_2024_METHOD.provenance).toEqual({ index: 'reconstructed', weights: 'reconstructed', bands: 'reconstructed' });
    expect(OSI_2024_METHOD.reference).toBeUndefined();
  });

  it('LOSI carries the 17 participation shares of 2022, each a 2024 indicator code of the definition', () => {
    const reference = LOSI_2024_METHOD.reference;
    expect(reference?.year).toBe(2022);
    expect(reference?.population).toMatch(/146 cities/);
    const shares = reference?.shares ?? {};
    expect(Object.keys(shares)).toHaveLength(17);
    expect(shares['LOSI #279']).toBe(0.192);
    expect(shares['LOSI #271']).toBe(0.801);
    expect(shares['LOSI #270a']).toBe(0.226);
    expect(shares['LOSI #273']).toBe(0.863);
    const codes = new Set(loadBundledDefinition('losi-2024').sections.flatMap((s) => s.questions.flatMap((q) => q.indicators)));
    for (const [code, share] of Object.entries(shares)) {
      expect(codes.has(code), code).toBe(true);
      expect(share).toBeGreaterThan(0);
      expect(share).toBeLessThan(1);
    }
  });
});

describe('referenceShareFor', () => {
  it('gives the 2022 share to PE indicators and to those moved to EGL', () => {
    expect(referenceShareFor(LOSI_2024_METHOD, { code: 'LOSI #277', criterion: 'PE' })).toBe(0.404);
    expect(referenceShareFor(LOSI_2024_METHOD, { code: 'LOSI #237', criterion: 'EGL' })).toBe(0.411);
  });

  it('keeps the open-data-provision share off the IF item that shares its code', () => {
    expect(referenceShareFor(LOSI_2024_METHOD, { code: 'LOSI #236', criterion: 'PE' })).toBe(0.459);
    expect(referenceShareFor(LOSI_2024_METHOD, { code: 'LOSI #236', criterion: 'IF' })).toBeUndefined();
  });

  it('gives nothing for indicators without a share, or methods without a reference', () => {
    expect(referenceShareFor(LOSI_2024_METHOD, { code: 'LOSI #281', criterion: 'IF' })).toBeUndefined();
    expect(referenceShareFor(OSI_2024_METHOD, { code: 'OSI #037', criterion: 'EPI' })).toBeUndefined();
  });
});
