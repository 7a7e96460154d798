import type { TFunction } from 'i18next';
import type { AnswerValue, ScalarAnswer } from '../../../../shared/schemas/answers';
import { isGroupRows } from '../../../../shared/schemas/answers';
import type { Question, ScalarQuestion } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import { formatNumber } from '../../i18n/format';

export interface TextLanguages {
  readonly ui: string;
  readonly content: string;
  readonly contentDefault: string;
}

/** A submitted scalar answer as a reviewer reads it: option labels, localised numbers, plain text. */
export function scalarAnswerText(t: TFunction, question: ScalarQuestion, value: ScalarAnswer, languages: TextLanguages): string {
  const option = (v: string) => {
    if (question.type === 'yesNo' || question.type === 'yesNoNa') {
      return v === 'yes' ? t('answer.yes') : v === 'no' ? t('answer.no') : v === 'na' ? t('answer.notApplicable') : v;
    }
    if (question.type === 'singleChoice' || question.type === 'multipleChoice') {
      const found = question.options.find((o) => o.value === v);
      return found ? localize(found.label, languages.content, languages.contentDefault) : v;
    }
    return v;
  };
  if (Array.isArray(value)) return value.map(option).join('; ');
  if (typeof value === 'number') return formatNumber(value, languages.ui);
  return option(value);
}

/** One line per row for a group ("Ministry 1: Name: Health; Website: …"), else the scalar text. */
export function answerLines(t: TFunction, question: Question, value: AnswerValue, languages: TextLanguages): string[] {
  if (question.type !== 'group') return isGroupRows(value) ? [] : [scalarAnswerText(t, question, value, languages)];
  if (!isGroupRows(value)) return [];
  const rowLabel = question.rowLabel ? localize(question.rowLabel, languages.content, languages.contentDefault) : t('answer.row');
  return value.map((row, index) => {
    const cells = question.questions
      .filter((sub) => row.answers[sub.id] !== undefined)
      .map((sub) => {
        const cell = row.answers[sub.id];
        const text = cell === undefined ? '' : scalarAnswerText(t, sub, cell, languages);
        return `${localize(sub.label, languages.content, languages.contentDefault)}: ${text}`;
      });
    return `${rowLabel} ${String(index + 1)}: ${cells.join('; ')}`;
  });
}
