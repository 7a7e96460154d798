import { bundledQuestionnaires } from 'virtual:bundled-questionnaires';
import type { BundledQuestionnaire } from 'virtual:bundled-questionnaires';
import type { QuestionnaireDefinition } from '../shared/schemas/questionnaire';
import { loadQuestionnaireDefinition, readDefinitionJson } from '../shared/questionnaire/load';
import type { DefinitionProblem } from '../shared/errors';
import { QuestionnaireDefinitionError } from '../shared/errors';

export type { BundledQuestionnaire } from 'virtual:bundled-questionnaires';

/**
 * The definitions shipped with the app: each `<slug>/questionnaire.json`, listed with its summary
 * (made and checked when the app is built: build/vite-plugin-questionnaires.ts) and fetched as a
 * chunk of its own only when its questions are needed (issue 10). Once fetched it is checked again
 * by the same loader that checks imported files; a broken one is reported, never silently dropped.
 */
export const BUNDLED_QUESTIONNAIRES: readonly BundledQuestionnaire[] = bundledQuestionnaires;

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

/** Fetches and checks one built-in definition; a failed check is a QuestionnaireDefinitionError. */
export async function loadBundledDefinition(bundled: BundledQuestionnaire): Promise<BundledDefinition> {
  const json = readDefinitionJson(await bundled.text(), bundled.file);
  return { file: bundled.file, json, definition: loadQuestionnaireDefinition(json, bundled.file) };
}

/** Every built-in definition, fetched and checked; the broken ones as problems. */
export async function loadBundledQuestionnaires(): Promise<BundledQuestionnaires> {
  const definitions: BundledDefinition[] = [];
  const problems: DefinitionProblem[] = [];
  for (const result of await Promise.allSettled(BUNDLED_QUESTIONNAIRES.map(loadBundledDefinition))) {
    if (result.status === 'fulfilled') definitions.push(result.value);
    else if (result.reason instanceof QuestionnaireDefinitionError) problems.push(...result.reason.problems);
    else throw result.reason;
  }
  return { definitions, problems };
}
