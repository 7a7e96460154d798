import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';
import { contentHash } from '../shared/crypto/hash';
import { QuestionnaireDefinitionError } from '../shared/errors';
import { summarizeEdition } from '../shared/questionnaire/edition-summary';
import type { EditionSummary } from '../shared/questionnaire/edition-summary';
import { loadQuestionnaireDefinition, readDefinitionJson } from '../shared/questionnaire/load';

/**
 * `virtual:bundled-questionnaires`: the definitions shipped with the app (issue 10). For each
 * `questionnaires/<slug>/questionnaire.json` it holds, made while the app is built, the summary the
 * home screen lists (title, edition, version, languages, question count, content hash), and a
 * function that fetches the file's text as a chunk of its own. Opening a LOSI response then
 * downloads, parses and checks LOSI alone, and the home screen none of them: all five used to come
 * with the first screen's code and be checked with zod at every start.
 *
 * Each file gets the same checks here as an imported definition (schema, ids, references); one
 * that fails them fails the build, naming the file, the place and the problem. The app checks the
 * text again when it loads it: the check at build time is for the summary, which is shown unchecked.
 */
export const BUNDLED_QUESTIONNAIRES_MODULE = 'virtual:bundled-questionnaires';
const RESOLVED = `\0${BUNDLED_QUESTIONNAIRES_MODULE}`;

/** One built-in definition as the module lists it (the code adds `text`, its loader). */
export interface BundledListing {
  /** `questionnaires/<slug>/questionnaire.json`, as problems name it. */
  readonly file: string;
  /** The file on disk, imported `?raw` by the loader. */
  readonly path: string;
  readonly summary: EditionSummary;
}

/** Reads and checks every `<slug>/questionnaire.json` under `folder`; throws on the first broken one. */
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

/** The module's code for a list of definitions. */
export function bundledQuestionnairesModule(listed: readonly BundledListing[]): string {
  const items = listed.map(
    (item) => `  { file: ${JSON.stringify(item.file)}, summary: ${JSON.stringify(item.summary)}, text: () => import(${JSON.stringify(`${item.path}?raw`)}).then((m) => m.default) }`,
  );
  return `export const bundledQuestionnaires = [\n${items.join(',\n')}\n];\n`;
}

/** `folder`: the absolute path of the repository's `questionnaires/`. */
export function bundledQuestionnaires(folder: string): Plugin {
  return {
    name: 'egov-desk-bundled-questionnaires',
    resolveId(id) {
      return id === BUNDLED_QUESTIONNAIRES_MODULE ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      let listed: BundledListing[];
      try {
        listed = await listBundledQuestionnaires(folder);
      } catch (error) {
        if (!(error instanceof QuestionnaireDefinitionError)) throw error;
        this.error(`a built-in questionnaire definition fails its checks:\n${error.problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.problem}`).join('\n')}`);
      }
      for (const item of listed) this.addWatchFile(item.path);
      return bundledQuestionnairesModule(listed);
    },
  };
}
