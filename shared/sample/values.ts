import { checkAnswer } from '../engine/answer-check';
import type { ScalarAnswer } from '../schemas/answers';
import type { ScalarQuestion } from '../schemas/questionnaire';
import { sampleFromPattern } from './pattern';
import type { TextContext } from './text';
import { longText, shortText, urlFor } from './text';

/** Limits a rule puts on a number or year, on top of the question's own `min` / `max`. */
export interface Bounds {
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

export interface ValueContext extends TextContext {
  /** Limits from the definition's rules, e.g. "not after the survey year". */
  readonly bounds: Bounds;
  /** The day the response was last changed (ISO date): no date answer lies after it. */
  readonly today: string;
}

/** An answer for one scalar question that the question's own checks accept, or undefined. */
export function scalarValue(question: ScalarQuestion, context: ValueContext): ScalarAnswer | undefined {
  const value = rawValue(question, context);
  if (value === undefined) return undefined;
  if (checkAnswer(question, value) === undefined) return value;
  // A text that misses a pattern or a length limit: try the pattern, then a bare minimum.
  if (question.type === 'shortText' && question.pattern) {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const sampled = sampleFromPattern(question.pattern.regex, context.random);
      if (sampled !== undefined && checkAnswer(question, sampled) === undefined) return sampled;
    }
  }
  return undefined;
}

function rawValue(question: ScalarQuestion, context: ValueContext): ScalarAnswer | undefined {
  const { random, profile } = context;
  switch (question.type) {
    case 'yesNo':
      return random.chance(context.rowTheme ? 0.7 : profile.maturity) ? 'yes' : 'no';
    case 'yesNoNa':
      return random.chance(profile.maturity * 0.9) ? 'yes' : random.chance(0.8) ? 'no' : 'na';
    case 'singleChoice': {
      const usual = question.options.filter((o) => o.value !== 'other');
      return random.pick(usual.length > 0 && !random.chance(0.08) ? usual : question.options).value;
    }
    case 'multipleChoice':
      return multipleChoice(question, context);
    case 'shortText':
      return fitLength(shortText(context), question.minLength, question.maxLength);
    case 'longText':
      return fitLength(longText(context), question.minLength, question.maxLength);
    case 'integer':
      return integer(question, context);
    case 'decimal':
      return decimal(question, context);
    case 'year':
      return year(question, context);
    case 'date':
      return date(question, context);
    case 'url':
      return urlFor(context);
    case 'email':
      return `${/lead|agency|contact/.test(context.label) ? 'contact' : 'info'}@${profile.organisationHost}`;
  }
}

function multipleChoice(question: Extract<ScalarQuestion, { type: 'multipleChoice' }>, { random }: ValueContext): string[] {
  const values = question.options.map((o) => o.value);
  const exclusive = values.filter((v) => v === 'none');
  const usual = values.filter((v) => v !== 'none' && v !== 'other');
  const min = Math.max(1, question.minSelected ?? 1);
  const max = Math.min(question.maxSelected ?? values.length, values.length);
  // "None" excludes the others; a few respondents choose it when the question allows one answer.
  if (exclusive.length > 0 && min <= 1 && random.chance(0.05)) return exclusive;
  const pool = random.chance(0.2) && values.includes('other') ? [...usual, 'other'] : usual.length >= min ? usual : values.filter((v) => v !== 'none');
  const count = Math.min(pool.length, Math.max(min, random.int(1, Math.min(max, 3))));
  const chosen = new Set(random.sample(pool, count));
  // Options keep the definition's order, as a person ticking boxes would leave them.
  return values.filter((v) => chosen.has(v));
}

function fitLength(text: string, minLength: number | undefined, maxLength: number): string {
  let out = text;
  while (minLength !== undefined && out.trim().length < minLength) out = `${out} ${text}`;
  if (out.length > maxLength) out = out.slice(0, maxLength).trimEnd();
  return out;
}

/** Picks in the preferred range where it meets the allowed one, else anywhere allowed. */
function pickNumber(context: ValueContext, allowed: [number, number], preferred: [number, number], decimals: number): number | undefined {
  const [lo, hi] = allowed;
  if (lo > hi) return undefined;
  const from = Math.max(lo, preferred[0]);
  const to = Math.min(hi, preferred[1]);
  const [a, b] = from <= to ? [from, to] : [lo, Math.min(hi, lo + Math.max(1, Math.abs(lo)))];
  const factor = 10 ** decimals;
  const value = Math.round((a + context.random.next() * (b - a)) * factor) / factor;
  return Math.min(hi, Math.max(lo, value));
}

/** The question's own limits narrowed by the rules' ones, unless the rules cannot be met anyway. */
function allowedRange(min: number | undefined, max: number | undefined, bounds: Bounds, floor: number): [number, number] {
  const own: [number, number] = [min ?? floor, max ?? Number.MAX_SAFE_INTEGER];
  const narrowed: [number, number] = [Math.max(own[0], bounds.min ?? -Infinity), Math.min(own[1], bounds.max ?? Infinity)];
  return narrowed[0] <= narrowed[1] ? narrowed : own;
}

function integer(question: Extract<ScalarQuestion, { type: 'integer' }>, context: ValueContext): number | undefined {
  const { label, profile } = context;
  const city = profile.kind === 'city' ? 0.1 : 1;
  const preferred: [number, number] = /visits/.test(label)
    ? [2_000_000 * city, 40_000_000 * city]
    : /transactions/.test(label)
      ? [500_000 * city, 12_000_000 * city]
      : /registered|users/.test(label)
        ? [150_000 * city, 4_000_000 * city]
        : /datasets/.test(label)
          ? [120, 9000]
          : /consultations/.test(label)
            ? [3, 60]
            : /places|centres/.test(label)
              ? [12, 600]
              : /websites/.test(label)
                ? [3, 25]
                : /services/.test(label)
                  ? [40, 1200]
                  : [1, 150];
  const value = pickNumber(context, allowedRange(question.min, question.max, context.bounds, 0), [Math.round(preferred[0]), Math.round(preferred[1])], 0);
  return value === undefined ? undefined : Math.round(value);
}

function decimal(question: Extract<ScalarQuestion, { type: 'decimal' }>, context: ValueContext): number | undefined {
  const { label } = context;
  const share = /share|per ?cent|%|rate/.test(label) || question.max === 100;
  if (/budget/.test(label)) return pickNumber(context, allowedRange(question.min, question.max, context.bounds, 0), [250_000, 25_000_000], 2);
  // People round shares to one decimal (87.5), which keeps sample numbers plain decimals.
  return pickNumber(context, allowedRange(question.min, question.max, context.bounds, 0), share ? [38, 96] : [1, 500], 1);
}

function year(question: Extract<ScalarQuestion, { type: 'year' }>, context: ValueContext): number | undefined {
  const { label, surveyYear } = context;
  const preferred: [number, number] = /expected|planned|will be/.test(label)
    ? [surveyYear, surveyYear + 3]
    : /reference year|latest|figures/.test(label)
      ? [surveyYear - 2, surveyYear - 1]
      : /first year/.test(label)
        ? [surveyYear - 6, surveyYear - 3]
        : /last year/.test(label)
          ? [surveyYear - 1, surveyYear]
          : [surveyYear - 12, surveyYear - 1];
  return pickNumber(context, allowedRange(question.min, question.max, context.bounds, 1000), preferred, 0);
}

const DAY = 86_400_000;

function date(question: Extract<ScalarQuestion, { type: 'date' }>, context: ValueContext): string {
  const today = Date.parse(`${context.today}T00:00:00Z`);
  const earliest = Date.parse(`${String(context.surveyYear - 2)}-01-01T00:00:00Z`);
  const lower = question.min === undefined ? earliest : Math.max(earliest, Date.parse(`${question.min}T00:00:00Z`));
  const upper = question.max === undefined ? today : Math.min(today, Date.parse(`${question.max}T00:00:00Z`));
  // "Date completed" is about today; other dates (a revision) lie further back.
  const span = /complet|this self-assessment|this questionnaire/.test(context.label) ? 3 : 400;
  const from = Math.max(lower, upper - span * DAY);
  const chosen = from <= upper ? from + context.random.int(0, Math.floor((upper - from) / DAY)) * DAY : lower;
  return new Date(chosen).toISOString().slice(0, 10);
}
