import type { TFunction } from 'i18next';
import type { AnswerProblem } from '../../../../shared/engine/answer-check';
import type { EvidenceUrlRefusal } from '../../../../shared/evidence/evidence-url';
import type { Finding, FindingProblem } from '../../../../shared/engine/validation/findings';
import type { LinkStatus } from '../../../../shared/schemas/evidence';
import { localize } from '../../../../shared/questionnaire/localize';
import { formatNumber } from '../../i18n/format';

/** Languages for a message: the UI's (numbers) and the definition's (its own texts). */
export interface MessageLanguages {
  readonly ui: string;
  readonly content: string;
  readonly contentDefault: string;
}

/** Words for a type-level problem of one answer. */
export function answerProblemMessage(t: TFunction, problem: AnswerProblem, languages: MessageLanguages): string {
  switch (problem.code) {
    case 'belowMin':
      return t('problems.belowMin', { min: typeof problem.min === 'number' ? formatNumber(problem.min, languages.ui) : problem.min });
    case 'aboveMax':
      return t('problems.aboveMax', { max: typeof problem.max === 'number' ? formatNumber(problem.max, languages.ui) : problem.max });
    case 'tooLong':
      return t('problems.tooLong', { maxLength: formatNumber(problem.maxLength, languages.ui) });
    case 'tooShort':
      return t('problems.tooShort', { minLength: formatNumber(problem.minLength, languages.ui) });
    case 'patternMismatch':
      return t('problems.patternMismatch', { description: localize(problem.description, languages.content, languages.contentDefault) });
    case 'tooFewSelected':
      return t('problems.tooFewSelected', { count: problem.min });
    case 'tooManySelected':
      return t('problems.tooManySelected', { count: problem.max });
    default:
      return t(`problems.${problem.code}`);
  }
}

export function urlRefusalMessage(t: TFunction, refusal: EvidenceUrlRefusal): string {
  switch (refusal.reason) {
    case 'tooLong':
      return t('urlRefusal.tooLong', { max: refusal.max });
    case 'scheme':
      return t('urlRefusal.scheme', { scheme: refusal.scheme });
    default:
      return t(`urlRefusal.${refusal.reason}`);
  }
}

export function linkStatusMessage(t: TFunction, status: LinkStatus, httpStatus?: number, finalUrl?: string): string {
  if (status === 'broken') return httpStatus === undefined ? t('linkStatus.brokenNoStatus') : t('linkStatus.broken', { httpStatus });
  if (status === 'redirected') return t('linkStatus.redirected', { finalUrl: finalUrl ?? '' });
  return t(`linkStatus.${status}`);
}

function problemMessage(t: TFunction, problem: FindingProblem, evidenceIndex: number, languages: MessageLanguages): string {
  const index = evidenceIndex + 1;
  switch (problem.code) {
    case 'required':
      return t('problems.required');
    case 'tooFewRows':
      return t('problems.tooFewRows', { count: problem.min });
    case 'tooManyRows':
      return t('problems.tooManyRows', { count: problem.max });
    case 'evidenceRequired':
      return problem.when === 'yes' ? t('problems.evidenceRequiredYes') : t('problems.evidenceRequiredAnswered');
    case 'evidenceUrlRefused':
      return t('problems.evidenceUrlRefused', { index, reason: urlRefusalMessage(t, problem.refusal) });
    case 'evidenceDuplicate':
      return t('problems.evidenceDuplicate', { index, first: problem.firstIndex + 1 });
    case 'evidenceLocal':
      return t('problems.evidenceLocal', { index });
    case 'linkProblem':
      return t('problems.linkProblem', { index, status: linkStatusMessage(t, problem.status, problem.httpStatus, problem.finalUrl) });
    case 'rule':
      return localize(problem.message, languages.content, languages.contentDefault);
    default:
      return answerProblemMessage(t, problem, languages);
  }
}

/**
 * What a finding says, for a person: what is wrong and how to fix it. `rowName` names the group
 * row of a cell finding (e.g. "Ministry 2"), which the message then mentions.
 */
export function findingMessage(t: TFunction, finding: Finding, languages: MessageLanguages, rowName?: string): string {
  const evidenceIndex = finding.place.kind === 'evidence' ? finding.place.evidenceIndex : 0;
  if (finding.place.kind === 'cell' && rowName !== undefined) {
    if (finding.problem.code === 'required') return t('problems.requiredCell', { row: rowName });
    return t('problems.cell', { row: rowName, message: problemMessage(t, finding.problem, 0, languages) });
  }
  return problemMessage(t, finding.problem, evidenceIndex, languages);
}
