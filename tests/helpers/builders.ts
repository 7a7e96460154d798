import type { Condition, Question, QuestionnaireDefinition, Section } from '../../shared/schemas/questionnaire';

/**
 * A tiny DSL for inline test definitions: `definition([section('A', [yesNo('A.1'), text('A.2').showIf(...)])])`.
 * Builders return plain objects (the input form of the schema), so tests can also break them on purpose.
 */

type QuestionInput = Record<string, unknown> & { id: string; type: string };

export interface Built extends QuestionInput {
  showIf(condition: Condition): Built;
}

function question(id: string, type: string, extra: Record<string, unknown> = {}): Built {
  const q: QuestionInput = { id, type, label: `Question ${id}`, ...extra };
  // Not enumerable: the built object stays a plain definition input that strict schemas accept.
  Object.defineProperty(q, 'showIf', {
    enumerable: false,
    value: (condition: Condition): Built => question(id, type, { ...extra, relevant: condition }),
  });
  return q as Built;
}

export const yesNo = (id: string, extra?: Record<string, unknown>) => question(id, 'yesNo', extra);
export const yesNoNa = (id: string, extra?: Record<string, unknown>) => question(id, 'yesNoNa', extra);
export const text = (id: string, extra?: Record<string, unknown>) => question(id, 'shortText', extra);
export const longText = (id: string, extra?: Record<string, unknown>) => question(id, 'longText', extra);
export const integer = (id: string, extra?: Record<string, unknown>) => question(id, 'integer', extra);
export const decimal = (id: string, extra?: Record<string, unknown>) => question(id, 'decimal', extra);
export const year = (id: string, extra?: Record<string, unknown>) => question(id, 'year', extra);
export const date = (id: string, extra?: Record<string, unknown>) => question(id, 'date', extra);
export const url = (id: string, extra?: Record<string, unknown>) => question(id, 'url', extra);
export const email = (id: string, extra?: Record<string, unknown>) => question(id, 'email', extra);
export const choice = (id: string, values: string[], extra?: Record<string, unknown>) =>
  question(id, 'singleChoice', { options: values.map((value) => ({ value, label: value })), ...extra });
export const multi = (id: string, values: string[], extra?: Record<string, unknown>) =>
  question(id, 'multipleChoice', { options: values.map((value) => ({ value, label: value })), ...extra });
export const group = (id: string, questions: Built[], extra?: Record<string, unknown>) => question(id, 'group', { questions: questions.map(plain), ...extra });

export const when = (questionId: string, value: string | number) => ({ question: questionId, op: 'equals' as const, value });

function plain(q: Built): Record<string, unknown> {
  return { ...q };
}

export function section(id: string, questions: Built[], extra: Record<string, unknown> = {}) {
  return { id, title: `Section ${id}`, questions: questions.map(plain), ...extra };
}

/** A definition input; pass it to `loadQuestionnaireDefinition` to get the parsed form. */
export function definition(sections: ReturnType<typeof section>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'test',
    edition: 'test',
    version: '1.0.0',
    title: 'Test',
    languages: ['en'],
    respondentKind: 'country',
    sections,
    ...extra,
  };
}

export type { Question, QuestionnaireDefinition, Section };
