import type { AnswerValue } from '../../../../shared/schemas/answers';
import { isGroupRows } from '../../../../shared/schemas/answers';
import type { ChoiceOption, Question } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';

/**
 * A value the coordinator writes to resolve a conflict, read as the question expects it: a number
 * for number questions, option values for choices (for multiple choice, separated by commas), text
 * otherwise. Repeatable groups cannot be written as one line of text: choose or combine instead.
 * When the definition is not known, the kind of value follows the candidates.
 */

export type WrittenShape = 'text' | 'number' | 'integer' | 'option' | 'options' | 'notWritable';

export type WrittenProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'notANumber' }
  | { readonly kind: 'notAnInteger' }
  | { readonly kind: 'unknownOptions'; readonly options: readonly string[] }
  | { readonly kind: 'oneOptionOnly' }
  | { readonly kind: 'notWritable' };

export type WrittenValue = { readonly ok: true; readonly value: AnswerValue } | { readonly ok: false; readonly problem: WrittenProblem };

const YES_NO: readonly ChoiceOption[] = [{ value: 'yes', label: 'yes' }, { value: 'no', label: 'no' }];
const YES_NO_NA: readonly ChoiceOption[] = [...YES_NO, { value: 'na', label: 'na' }];

/** The options a choice question offers (yes/no questions included), or undefined for other types. */
export function optionsOf(question: Question | undefined): readonly ChoiceOption[] | undefined {
  if (question === undefined) return undefined;
  if (question.type === 'yesNo') return YES_NO;
  if (question.type === 'yesNoNa') return YES_NO_NA;
  if (question.type === 'singleChoice' || question.type === 'multipleChoice') return question.options;
  return undefined;
}

export function writtenShape(question: Question | undefined, candidates: readonly AnswerValue[]): WrittenShape {
  if (question !== undefined) {
    switch (question.type) {
      case 'integer':
      case 'year':
        return 'integer';
      case 'decimal':
        return 'number';
      case 'multipleChoice':
        return 'options';
      case 'singleChoice':
      case 'yesNo':
      case 'yesNoNa':
        return 'option';
      case 'group':
        return 'notWritable';
      default:
        return 'text';
    }
  }
  if (candidates.some((value) => isGroupRows(value))) return 'notWritable';
  if (candidates.length > 0 && candidates.every((value) => typeof value === 'number')) return 'number';
  if (candidates.length > 0 && candidates.every((value) => Array.isArray(value))) return 'options';
  return 'text';
}

/** A number as people type it: optional sign, digits, one decimal point or comma; spaces between groups ignored. */
function parseNumber(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f_]/g, '');
  const normalised = /^[+-]?\d+,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalised)) return undefined;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/** Finds an option by its value (exactly, then ignoring case) or by its label in any language given. */
function matchOption(token: string, options: readonly ChoiceOption[], language: string, defaultLanguage: string): string | undefined {
  const lower = token.toLocaleLowerCase();
  return (
    options.find((o) => o.value === token)?.value ??
    options.find((o) => o.value.toLocaleLowerCase() === lower)?.value ??
    options.find((o) => localize(o.label, language, defaultLanguage).toLocaleLowerCase() === lower)?.value
  );
}

export function parseWrittenValue(
  text: string,
  question: Question | undefined,
  candidates: readonly AnswerValue[],
  languages: { readonly content: string; readonly contentDefault: string } = { content: 'en', contentDefault: 'en' },
): WrittenValue {
  const shape = writtenShape(question, candidates);
  if (shape === 'notWritable') return { ok: false, problem: { kind: 'notWritable' } };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: { kind: 'empty' } };
  switch (shape) {
    case 'number':
    case 'integer': {
      const value = parseNumber(trimmed);
      if (value === undefined) return { ok: false, problem: { kind: 'notANumber' } };
      if (shape === 'integer' && !Number.isInteger(value)) return { ok: false, problem: { kind: 'notAnInteger' } };
      return { ok: true, value };
    }
    case 'option':
    case 'options': {
      const tokens = [...new Set(trimmed.split(/[,;]/).map((token) => token.trim()).filter((token) => token !== ''))];
      if (tokens.length === 0) return { ok: false, problem: { kind: 'empty' } };
      const options = optionsOf(question);
      const values: string[] = [];
      const unknown: string[] = [];
      for (const token of tokens) {
        const value = options === undefined ? token : matchOption(token, options, languages.content, languages.contentDefault);
        if (value === undefined) unknown.push(token);
        else if (!values.includes(value)) values.push(value);
      }
      if (unknown.length > 0) return { ok: false, problem: { kind: 'unknownOptions', options: unknown } };
      if (shape === 'options') return { ok: true, value: values };
      const [only] = values;
      if (only === undefined || values.length > 1) return { ok: false, problem: { kind: 'oneOptionOnly' } };
      return { ok: true, value: only };
    }
    case 'text':
      return { ok: true, value: trimmed };
  }
}
