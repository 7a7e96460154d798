import type { TFunction } from 'i18next';
import type { IndicatorStatus, Level, MethodProvenance, ScoreResult, ScoringMethod } from '../../../../shared/scoring/model';

/**
 * The words the score screens use for levels, statuses and the method's provenance. Each key is
 * written out (no keys built from data), so the catalogue check sees every one of them.
 */

export function levelName(t: TFunction, level: Level): string {
  switch (level) {
    case 'veryHigh':
      return t('score.level.veryHigh');
    case 'high':
      return t('score.level.high');
    case 'middle':
      return t('score.level.middle');
    case 'low':
      return t('score.level.low');
  }
}

export function statusName(t: TFunction, status: IndicatorStatus): string {
  switch (status) {
    case 'met':
      return t('score.status.met');
    case 'yesWithoutEvidence':
      return t('score.status.yesWithoutEvidence');
    case 'notMet':
      return t('score.status.notMet');
    case 'unanswered':
      return t('score.status.unanswered');
  }
}

export function provenanceName(t: TFunction, provenance: MethodProvenance): string {
  switch (provenance) {
    case 'verified':
      return t('score.provenance.verified');
    case 'third-party-copy':
      return t('score.provenance.thirdPartyCopy');
    case 'reconstructed':
      return t('score.provenance.reconstructed');
  }
}

/** A share as a whole percentage ("37 %"), for criteria and reference shares. */
export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A reference share as its source gives it, to a tenth of a percent ("37.7 %"; "37 %" when whole). */
export function formatReferenceShare(share: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** The index as a percentage with one decimal: one LOSI indicator moves it by about 1 %. */
export function formatIndexPercent(index: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(index);
}

/** The index on the Survey's own 0–1 scale, with two decimals (as the Survey prints it). */
export function formatIndex(index: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(index);
}

/** What the live region says once a change has settled: the index and the level. */
export function announcementText(t: TFunction, result: ScoreResult, language: string): string {
  return t('score.announce', { percent: formatIndexPercent(result.index, language), level: levelName(t, result.level) });
}

/**
 * The "indicative" notice: why this is not the official index, which parts of the method are
 * reconstructed, and that a yes counts only with its evidence. One sentence per line.
 */
export function indicativeLines(t: TFunction, method: ScoringMethod): string[] {
  const lines = [t('score.notice.indicative')];
  if (method.index.kind === 'shareOfIndicators') {
    lines.push(t('score.notice.shareIndex', { provenance: provenanceName(t, method.provenance.index) }));
  } else {
    const weights = method.provenance.weights ?? method.provenance.index;
    lines.push(t('score.notice.weightedIndex', { provenance: provenanceName(t, weights) }));
    lines.push(t('score.notice.noNormalisation'));
  }
  lines.push(t('score.notice.bands', { provenance: provenanceName(t, method.provenance.bands) }));
  if (method.reference) {
    lines.push(t('score.notice.reference', { year: method.reference.year, population: method.reference.population, provenance: provenanceName(t, method.reference.provenance) }));
  }
  lines.push(t('score.notice.evidence'));
  return lines;
}
