import type { AnswerValue } from '../../../shared/schemas/answers';
import type { Respondent } from '../../../shared/schemas/response';

/** Rows as stored in IndexedDB. Change them only through a new file in ./versions. */

export interface ResponseRow {
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: string;
  readonly respondent: Respondent;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Answered / shown questions when last saved, so the home screen needs no answers to show it. */
  readonly progress: { readonly answered: number; readonly total: number };
}

export interface AnswerRow {
  readonly responseId: string;
  readonly questionId: string;
  readonly value: AnswerValue;
  readonly updatedAt: number;
}

export interface SettingRow {
  readonly key: string;
  readonly value: string;
}
