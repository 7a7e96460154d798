import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import { parseQuestionnaireJson } from '../../shared/questionnaire/load';
import type { LocalizedText, Question, QuestionnaireDefinition } from '../../shared/schemas/questionnaire';

/** Loads `questionnaires/<id>/questionnaire.json` through the app's own loader. */
export function loadBundledDefinition(id: string): QuestionnaireDefinition {
  const file = join(import.meta.dirname, '../../questionnaires', id, 'questionnaire.json');
  return parseQuestionnaireJson(readFileSync(file, 'utf8'), file);
}

/** Every question, with the sub-questions of repeatable groups after their group. */
export function everyQuestion(definition: QuestionnaireDefinition): Question[] {
  return definition.sections.flatMap((s) => s.questions.flatMap((q) => (q.type === 'group' ? [q, ...q.questions] : [q])));
}

/** The English text of a label or help (all four instruments are written in English). */
export const textOf = (text: LocalizedText | undefined): string => (text === undefined ? '' : typeof text === 'string' ? text : (text.en ?? ''));

/** Every question has a provenance, a unique id, and a label and help in plain text (no markup). */
export function expectCleanQuestions(questions: readonly Question[]): void {
  const ids = questions.map((q) => q.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const q of questions) {
    expect(['verified', 'third-party-copy', 'reconstructed'], q.id).toContain(q.provenance);
    expect(`${textOf(q.label)} ${textOf(q.help)}`, q.id).not.toMatch(/<[a-z/]|\*\*|\]\(|`/i);
  }
}

/** Counts start at 0 and carry a unit, percentages run 0-100, years have bounds. */
export function expectSensibleNumbers(questions: readonly Question[]): void {
  for (const q of questions) {
    if (q.type === 'integer') {
      expect(q.min, q.id).toBe(0);
      expect(q.unit, q.id).toBeDefined();
    }
    if (q.type === 'decimal' && q.unit === '%') expect([q.min, q.max], q.id).toEqual([0, 100]);
    if (q.type === 'year') {
      expect(q.min, q.id).toBeDefined();
      expect(q.max, q.id).toBeDefined();
    }
  }
}
