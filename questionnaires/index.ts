import type { QuestionnaireDefinition } from '../shared/schemas/questionnaire';
import { loadQuestionnaireDefinition, readDefinitionJson } from '../shared/questionnaire/load';
import type { DefinitionProblem } from '../shared/errors';
import { QuestionnaireDefinitionError } from '../shared/errors';

/**
 * The definitions shipped with the app. Each `<slug>/questionnaire.json` is checked by the same
 * loader that checks imported files; a broken one is reported, never silently dropped.
 *
 * They ship as text and are read with JSON.parse when first asked for: bundled as object literals,
 * about 250 KB of the first screen's code had to be parsed as JavaScript before the app could start,
 * which took the browser several times longer than reading the same data as JSON (issue 10).
 */
const files = import.meta.glob<string>('./*/questionnaire.json', { eager: true, query: '?raw', import: 'default' });

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
  for (const [path, text] of Object.entries(files)) {
    const file = `questionnaires/${path.slice(2)}`;
    try {
      const json = readDefinitionJson(text, file);
      definitions.push({ file, json, definition: loadQuestionnaireDefinition(json, file) });
    } catch (error) {
      if (!(error instanceof QuestionnaireDefinitionError)) throw error;
      problems.push(...error.problems);
    }
  }
  return { definitions, problems };
}
