import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import type { Plugin } from 'vite';
import type * as Summaries from './questionnaire-summaries.ts';
import type { BundledListing } from './questionnaire-summaries.ts';

/**
 * `virtual:bundled-questionnaires`: the definitions shipped with the app (issue 10). For each
 * `questionnaires/<slug>/questionnaire.json` it holds, made while the app is built, the summary the
 * home screen lists (title, edition, version, languages, provenance, question count, content hash),
 * and a function that fetches the file's text as a chunk of its own. Opening a LOSI response then
 * downloads, parses and checks LOSI alone, and the home screen none of them: all five used to come
 * with the first screen's code and be checked with zod at every start.
 *
 * Each file gets the same checks here as an imported definition (schema, ids, references); one
 * that fails them fails the build, naming the file, the place and the problem. The app checks the
 * text again when it loads it: the check at build time is for the summary, which is shown as is.
 * The checks run in build/questionnaire-summaries.ts, loaded through Vite's module runner.
 */
export const BUNDLED_QUESTIONNAIRES_MODULE = 'virtual:bundled-questionnaires';
const RESOLVED = `\0${BUNDLED_QUESTIONNAIRES_MODULE}`;
const SUMMARIES = fileURLToPath(new URL('./questionnaire-summaries.ts', import.meta.url));

/** The module's code for a list of definitions: summaries inline, each text a lazy `?raw` import. */
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
      const { module: summaries } = await runnerImport<typeof Summaries>(SUMMARIES, { configFile: false, logLevel: 'error' });
      let listed: BundledListing[];
      try {
        listed = await summaries.listBundledQuestionnaires(folder);
      } catch (error) {
        const problems = summaries.describeDefinitionFailure(error);
        if (problems === undefined) throw error;
        this.error(`a built-in questionnaire definition fails its checks:\n${problems}`);
      }
      for (const item of listed) this.addWatchFile(item.path);
      return bundledQuestionnairesModule(listed);
    },
  };
}
