import type { AnswerValue, Answers, GroupRow } from '../schemas/answers';
import { isAnswered } from '../schemas/answers';
import type { Condition, QuestionnaireDefinition, ScalarQuestion } from '../schemas/questionnaire';
import { assertNever } from '../errors';

/** Reads the answer a condition refers to; `undefined` when unanswered or hidden. */
export type AnswerLookup = (questionId: string) => AnswerValue | undefined;

/**
 * Evaluates a relevance condition. Every comparison is false when the question it refers to is
 * unanswered or hidden; only `notAnswered` is true then. So "show when A = yes" and "show when
 * A != yes" both stay hidden until A has an answer, which is what a person reading the form expects.
 */
export function evaluateCondition(condition: Condition, lookup: AnswerLookup): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, lookup));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, lookup));
  if ('not' in condition) return !evaluateCondition(condition.not, lookup);

  const value = lookup(condition.question);
  const answered = isAnswered(value);
  if ('otherQuestion' in condition) return compareAnswers(condition.op, value, lookup(condition.otherQuestion));
  switch (condition.op) {
    case 'answered':
      return answered;
    case 'notAnswered':
      return !answered;
    case 'equals':
      return answered && value === condition.value;
    case 'notEquals':
      return answered && value !== condition.value;
    case 'in':
      return answered && isScalar(value) && condition.value.includes(value);
    case 'notIn':
      return answered && isScalar(value) && !condition.value.includes(value);
    case 'includes':
      return Array.isArray(value) && value.some((item) => item === condition.value);
    case 'gt':
      return typeof value === 'number' && value > condition.value;
    case 'gte':
      return typeof value === 'number' && value >= condition.value;
    case 'lt':
      return typeof value === 'number' && value < condition.value;
    case 'lte':
      return typeof value === 'number' && value <= condition.value;
    default:
      return assertNever(condition);
  }
}

/**
 * Compares two answers: numbers with numbers, text with text (ISO dates order correctly as text).
 * False when either is unanswered or they are of different kinds.
 */
function compareAnswers(
  op: 'equals' | 'notEquals' | 'gt' | 'gte' | 'lt' | 'lte',
  left: AnswerValue | undefined,
  right: AnswerValue | undefined,
): boolean {
  if (!isAnswered(left) || !isAnswered(right) || !isScalar(left) || !isScalar(right)) return false;
  if (typeof left !== typeof right) return false;
  switch (op) {
    case 'equals':
      return left === right;
    case 'notEquals':
      return left !== right;
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    default:
      return assertNever(op);
  }
}

/** Every question a condition reads, in no particular order. */
export function conditionQuestions(condition: Condition, into: Set<string> = new Set()): Set<string> {
  if ('all' in condition) for (const c of condition.all) conditionQuestions(c, into);
  else if ('any' in condition) for (const c of condition.any) conditionQuestions(c, into);
  else if ('not' in condition) conditionQuestions(condition.not, into);
  else {
    into.add(condition.question);
    if ('otherQuestion' in condition) into.add(condition.otherQuestion);
  }
  return into;
}

function isScalar(value: AnswerValue | undefined): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/** Which sections and questions are shown for the current answers. */
export interface Visibility {
  readonly sections: ReadonlySet<string>;
  readonly questions: ReadonlySet<string>;
}

/**
 * Computes visibility in one pass in definition order. The loader guarantees that a condition only
 * refers to questions that come before it, so every referenced question is decided already, and an
 * answer to a hidden question counts as unanswered (it is kept in storage, but ignored here).
 */
export function computeVisibility(definition: QuestionnaireDefinition, answers: Answers): Visibility {
  const sections = new Set<string>();
  const questions = new Set<string>();
  const lookup: AnswerLookup = (id) => (questions.has(id) ? answers.get(id) : undefined);
  for (const section of definition.sections) {
    if (section.relevant && !evaluateCondition(section.relevant, lookup)) continue;
    sections.add(section.id);
    for (const question of section.questions) {
      if (!question.relevant || evaluateCondition(question.relevant, lookup)) questions.add(question.id);
    }
  }
  return { sections, questions };
}

/**
 * Visible sub-questions of one row of a repeatable group. A sub-question's condition refers to an
 * earlier sub-question of the same row, or to a top-level question through `outer`.
 */
export function visibleRowQuestions(
  subQuestions: readonly ScalarQuestion[],
  row: GroupRow,
  outer: AnswerLookup,
): ReadonlySet<string> {
  const visible = new Set<string>();
  const siblingIds = new Set(subQuestions.map((q) => q.id));
  const lookup: AnswerLookup = (id) => {
    if (!siblingIds.has(id)) return outer(id);
    return visible.has(id) ? row.answers[id] : undefined;
  };
  for (const question of subQuestions) {
    if (!question.relevant || evaluateCondition(question.relevant, lookup)) visible.add(question.id);
  }
  return visible;
}

/** Lookup over visible questions only, for conditions evaluated after `computeVisibility`. */
export function visibleLookup(answers: Answers, visibility: Visibility): AnswerLookup {
  return (id) => (visibility.questions.has(id) ? answers.get(id) : undefined);
}
