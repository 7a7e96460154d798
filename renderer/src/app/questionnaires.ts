import { loadBundledQuestionnaires } from '../../../questionnaires';
import type { BundledQuestionnaires } from '../../../questionnaires';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';

let loaded: BundledQuestionnaires | undefined;

/** The questionnaires shipped with the app, checked once per session. */
export function bundledQuestionnaires(): BundledQuestionnaires {
  loaded ??= loadBundledQuestionnaires();
  return loaded;
}

export function findQuestionnaire(id: string): QuestionnaireDefinition | undefined {
  return bundledQuestionnaires().definitions.find((definition) => definition.id === id);
}

/** Questions shown before any answer: the denominator of a new response's progress. */
export function countQuestions(definition: QuestionnaireDefinition): number {
  return definition.sections.reduce((sum, section) => sum + section.questions.length, 0);
}
