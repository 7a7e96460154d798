import type { QuestionnaireDefinition } from '../shared/schemas/questionnaire';
import { loadQuestionnaireDefinition } from '../shared/questionnaire/load';
import type { DefinitionProblem } from '../shared/errors';
import { QuestionnaireDefinitionError } from '../shared/errors';

/**
 * The definitions shipped with the app. Each `<slug>/questionnaire.json` is checked by the same
 * loader that checks imported files; a broken one is reported, never silently dropped.
 */
const files = import.meta.glob<unknown>('./*/questionnaire.json', { eager: true, import: 'default' });

export interface BundledDefinition {
  readonly file: string;
  /** The file's JSON value as published: what the content hash covers. */
  readonly json: unknown;
  readonly definition: QuestionnaireDefinition;
}

export interface BundledQuestionnaires {
  readonly definitions: readonly BundledDefinition[];
  readonly problems: readonly DefinitionProblem[];
}

export function loadBundledQuestionnaires(): BundledQuestionnaires {
  const definitions: BundledDefinition[] = [];
  const problems: DefinitionProblem[] = [];
  for (const [path, json] of Object.entries(files)) {
    const file = `questionnaires/${path.slice(2)}`;
    try {
      definitions.push({ file, json, definition: loadQuestionnaireDefinition(json, file) });
    } catch (error) {
      if (!(error instanceof QuestionnaireDefinitionError)) throw error;
      problems.push(...error.problems);
    }
  }
  return { definitions, problems };
}
