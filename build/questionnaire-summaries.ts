import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash } from '../shared/crypto/hash';
import { QuestionnaireDefinitionError } from '../shared/errors';
import { summarizeEdition } from '../shared/questionnaire/edition-summary';
import type { EditionSummary } from '../shared/questionnaire/edition-summary';
import { loadQuestionnaireDefinition, readDefinitionJson } from '../shared/questionnaire/load';

/**
 * The build-time half of `virtual:bundled-questionnaires` (build/vite-plugin-questionnaires.ts):
 * reads, checks and summarises the built-in definitions with the app's own shared code. The plugin
 * loads this file through Vite's module runner rather than importing it, so the Vite config itself
 * never imports shared/ (whose extensionless imports Vite's native config loader would refuse).
 */

/** One built-in definition as the module lists it (the module adds `text`, its loader). */
export interface BundledListing {
  /** `questionnaires/<slug>/questionnaire.json`, as problems name it. */
  readonly file: string;
  /** The file on disk, `/`-separated, imported `?raw` by the loader. */
  readonly path: string;
  readonly summary: EditionSummary;
}

/**
 * Reads and checks every `<slug>/questionnaire.json` under `folder`; throws a
 * QuestionnaireDefinitionError on the first broken one, or on two files with the same id and version.
 */
export async function listBundledQuestionnaires(folder: string): Promise<BundledListing[]> {
  const slugs = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const listed: BundledListing[] = [];
  for (const slug of slugs) {
    const file = path.join(folder, slug, 'questionnaire.json');
    if (!existsSync(file)) continue;
    const name = `questionnaires/${slug}/questionnaire.json`;
    const json = readDefinitionJson(await readFile(file, 'utf8'), name);
    const summary = summarizeEdition(loadQuestionnaireDefinition(json, name), await contentHash(json));
    const clash = listed.find((other) => other.summary.id === summary.id && other.summary.version === summary.version);
    if (clash) throw new QuestionnaireDefinitionError([{ file: name, path: '', problem: `${summary.id} ${summary.version} is also ${clash.file}` }]);
    listed.push({ file: name, path: file.split(path.sep).join('/'), summary });
  }
  return listed;
}

/** The problems of a failed listing, a line each, or undefined when `error` is not a definition error. */
export function describeDefinitionFailure(error: unknown): string | undefined {
  if (!(error instanceof QuestionnaireDefinitionError)) return undefined;
  return error.problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.problem}`).join('\n');
}
