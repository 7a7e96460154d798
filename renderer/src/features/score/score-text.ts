import type { TFunction } from 'i18next';
import type { IndicatorStatus, Level, MethodProvenance, ScoreResult, ScoringMethod } from '../../../../shared/scoring/model';
import type { ScoreAnnouncementKind } from './score-announcement';

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

/**
 * What the live region says once a change has settled (see score-announcement.ts): a new level
 * while answering, or the new index on the score view.
 */
export function announcementText(t: TFunction, kind: ScoreAnnouncementKind, result: Pick<ScoreResult, 'index' | 'level'>, language: string): string {
  const values = { percent: formatIndexPercent(result.index, language), level: levelName(t, result.level) };
  switch (kind) {
    case 'level':
      return t('score.announceLevel', values);
    case 'index':
      return t('score.announce', values);
  }
}

/*
 * The provenance sentences. Each part of the method and each provenance has its own whole
 * sentence: an adjective slotted into one sentence cannot agree with its subject in French
 * ("cette formule est reconstituée", "ces poids sont reconstitués").
 */

function indexSentence(t: TFunction, provenance: MethodProvenance): string {
  switch (provenance) {
    case 'verified':
      return t('score.notice.index.verified');
    case 'third-party-copy':
      return t('score.notice.index.thirdPartyCopy');
    case 'reconstructed':
      return t('score.notice.index.reconstructed');
  }
}

function weightsSentence(t: TFunction, provenance: MethodProvenance): string {
  switch (provenance) {
    case 'verified':
      return t('score.notice.weights.verified');
    case 'third-party-copy':
      return t('score.notice.weights.thirdPartyCopy');
    case 'reconstructed':
      return t('score.notice.weights.reconstructed');
  }
}

function bandsSentence(t: TFunction, provenance: MethodProvenance): string {
  switch (provenance) {
    case 'verified':
      return t('score.notice.bands.verified');
    case 'third-party-copy':
      return t('score.notice.bands.thirdPartyCopy');
    case 'reconstructed':
      return t('score.notice.bands.reconstructed');
  }
}

function referenceSentence(t: TFunction, provenance: MethodProvenance, year: number): string {
  switch (provenance) {
    case 'verified':
      return t('score.notice.reference.verified', { year });
    case 'third-party-copy':
      return t('score.notice.reference.thirdPartyCopy', { year });
    case 'reconstructed':
      return t('score.notice.reference.reconstructed', { year });
  }
}

/**
 * The "indicative" notice: why this is not the official index, where each part of the method
 * comes from, and that a yes counts only with its evidence. One sentence per line.
 */
export function indicativeLines(t: TFunction, method: ScoringMethod): string[] {
  const lines = [t('score.notice.indicative')];
  if (method.index.kind === 'shareOfIndicators') {
    lines.push(indexSentence(t, method.provenance.index));
  } else {
    lines.push(weightsSentence(t, method.provenance.weights ?? method.provenance.index));
    lines.push(t('score.notice.noNormalisation'));
  }
  lines.push(bandsSentence(t, method.provenance.bands));
  if (method.reference) lines.push(referenceSentence(t, method.reference.provenance, method.reference.year));
  lines.push(t('score.notice.evidence'));
  return lines;
}
