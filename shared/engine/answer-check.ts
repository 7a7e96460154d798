import type { AnswerValue } from '../schemas/answers';
import type { LocalizedText, ScalarQuestion } from '../schemas/questionnaire';
import { compileTextPattern } from '../questionnaire/text-pattern';

/**
 * Type-level problems of one stored answer: what a field can tell a person right after they leave
 * it. Each problem is a code plus parameters, turned into words by the UI's i18n layer.
 */
export type AnswerProblem =
  | { readonly code: 'notANumber' }
  | { readonly code: 'notAWholeNumber' }
  | { readonly code: 'belowMin'; readonly min: number | string }
  | { readonly code: 'aboveMax'; readonly max: number | string }
  | { readonly code: 'tooLong'; readonly maxLength: number }
  | { readonly code: 'tooShort'; readonly minLength: number }
  | { readonly code: 'patternMismatch'; readonly description: LocalizedText }
  | { readonly code: 'notAYear' }
  | { readonly code: 'notADate' }
  | { readonly code: 'notAnEmail' }
  | { readonly code: 'notAUrl' }
  | { readonly code: 'notAnOption' }
  | { readonly code: 'tooFewSelected'; readonly min: number }
  | { readonly code: 'tooManySelected'; readonly max: number };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function range(value: number, min: number | undefined, max: number | undefined): AnswerProblem | undefined {
  if (min !== undefined && value < min) return { code: 'belowMin', min };
  if (max !== undefined && value > max) return { code: 'aboveMax', max };
  return undefined;
}

/** Returns the first problem with an answered value, or undefined when it is well-formed. */
export function checkAnswer(question: ScalarQuestion, value: AnswerValue): AnswerProblem | undefined {
  switch (question.type) {
    case 'yesNo':
      return value === 'yes' || value === 'no' ? undefined : { code: 'notAnOption' };
    case 'yesNoNa':
      return value === 'yes' || value === 'no' || value === 'na' ? undefined : { code: 'notAnOption' };
    case 'singleChoice':
      return typeof value === 'string' && question.options.some((o) => o.value === value) ? undefined : { code: 'notAnOption' };
    case 'multipleChoice': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && question.options.some((o) => o.value === v))) {
        return { code: 'notAnOption' };
      }
      if (question.minSelected !== undefined && value.length < question.minSelected) return { code: 'tooFewSelected', min: question.minSelected };
      if (question.maxSelected !== undefined && value.length > question.maxSelected) return { code: 'tooManySelected', max: question.maxSelected };
      return undefined;
    }
    case 'shortText':
    case 'longText': {
      if (typeof value !== 'string') return { code: 'notAnOption' };
      if (value.length > question.maxLength) return { code: 'tooLong', maxLength: question.maxLength };
      if (question.minLength !== undefined && value.trim().length < question.minLength) return { code: 'tooShort', minLength: question.minLength };
      const pattern = question.type === 'shortText' ? question.pattern : undefined;
      if (pattern && !compileTextPattern(pattern.regex).test(value.trim())) return { code: 'patternMismatch', description: pattern.description };
      return undefined;
    }
    case 'integer':
      if (typeof value !== 'number') return { code: 'notANumber' };
      if (!Number.isInteger(value)) return { code: 'notAWholeNumber' };
      return range(value, question.min, question.max);
    case 'decimal':
      if (typeof value !== 'number') return { code: 'notANumber' };
      return range(value, question.min, question.max);
    case 'year':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1000 || value > 9999) return { code: 'notAYear' };
      return range(value, question.min, question.max);
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) return { code: 'notADate' };
      if (question.min !== undefined && value < question.min) return { code: 'belowMin', min: question.min };
      if (question.max !== undefined && value > question.max) return { code: 'aboveMax', max: question.max };
      return undefined;
    case 'email':
      return typeof value === 'string' && EMAIL.test(value.trim()) ? undefined : { code: 'notAnEmail' };
    case 'url':
      return typeof value === 'string' && isHttpUrl(value) ? undefined : { code: 'notAUrl' };
  }
}
