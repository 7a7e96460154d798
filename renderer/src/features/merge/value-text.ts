import type { TFunction } from 'i18next';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import { isGroupRows } from '../../../../shared/schemas/answers';
import type { Question, QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { formatNumber } from '../../i18n/format';
import type { TextLanguages } from '../review/answer-text';
import { answerLines } from '../review/answer-text';

/** A question of a definition by id: top-level questions (answers are kept per top-level question). */
export function findQuestion(definition: QuestionnaireDefinition | undefined, id: string): Question | undefined {
  if (definition === undefined) return undefined;
  for (const section of definition.sections) {
    const found = section.questions.find((question) => question.id === id);
    if (found) return found;
  }
  return undefined;
}

/**
 * An answer as people read it, one line per group row. With the question, option labels and
 * localised numbers (answer-text.ts); without it (an edition this device does not have), the
 * stored values themselves, still readable.
 */
export function valueLines(t: TFunction, question: Question | undefined, value: AnswerValue, languages: TextLanguages): string[] {
  if (question !== undefined) {
    const lines = answerLines(t, question, value, languages);
    if (lines.length > 0) return lines;
  }
  if (typeof value === 'number') return [formatNumber(value, languages.ui)];
  if (typeof value === 'string') return [value];
  if (isGroupRows(value)) {
    return value.map((row, index) => {
      const cells = Object.entries(row.answers).map(([id, cell]) => `${id}: ${Array.isArray(cell) ? cell.join('; ') : typeof cell === 'number' ? formatNumber(cell, languages.ui) : cell}`);
      return `${t('answer.row')} ${String(index + 1)}: ${cells.join('; ')}`;
    });
  }
  return [value.join('; ')];
}
