import type { Answers } from '../schemas/answers';
import { isAnswered } from '../schemas/answers';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { Visibility } from './relevance';

export interface Progress {
  readonly answered: number;
  readonly total: number;
}

/** Answered / shown questions per visible section; hidden questions count for nothing. */
export function progressBySection(
  definition: QuestionnaireDefinition,
  answers: Answers,
  visibility: Visibility,
): ReadonlyMap<string, Progress> {
  const result = new Map<string, Progress>();
  for (const section of definition.sections) {
    if (!visibility.sections.has(section.id)) continue;
    let answered = 0;
    let total = 0;
    for (const question of section.questions) {
      if (!visibility.questions.has(question.id)) continue;
      total += 1;
      if (isAnswered(answers.get(question.id))) answered += 1;
    }
    result.set(section.id, { answered, total });
  }
  return result;
}

export function totalProgress(bySection: ReadonlyMap<string, Progress>): Progress {
  let answered = 0;
  let total = 0;
  for (const progress of bySection.values()) {
    answered += progress.answered;
    total += progress.total;
  }
  return { answered, total };
}
