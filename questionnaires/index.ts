import type { QuestionnaireDefinition } from '../shared/schemas/questionnaire';
import { loadQuestionnaireDefinition } from '../shared/questionnaire/load';
import type { DefinitionProblem } from '../shared/errors';
import { QuestionnaireDefinitionError } from '../shared/errors';

/**
 * The definitions shipped with the app. Each `<slug>/questionnaire.json` is checked by the same
 * loader that checks imported files; a broken one is reported, never silently dropped.
 */
const files = import.meta.glob<unknown>('./*/questionnaire.json', { eager: true, import: 'default' });

export interface BundledQuestionnaires {
  readonly definitions: readonly QuestionnaireDefinition[];
  readonly problems: readonly DefinitionProblem[];
}

export function loadBundledQuestionnaires(): BundledQuestionnaires {
  const definitions: QuestionnaireDefinition[] = [];
  const problems: DefinitionProblem[] = [];
  for (const [path, data] of Object.entries(files)) {
    const file = `questionnaires/${path.slice(2)}`;
    try {
      definitions.push(loadQuestionnaireDefinition(data, file));
    } catch (error) {
      if (!(error instanceof QuestionnaireDefinitionError)) throw error;
      problems.push(...error.problems);
    }
  }
  definitions.sort((a, b) => a.id.localeCompare(b.id));
  return { definitions, problems };
}
