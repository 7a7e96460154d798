import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

/**
 * The built-in questionnaire definitions, imported as text (`questionnaire.json?raw`, each a chunk
 * of its own: build/vite-plugin-questionnaires.ts), without the indentation of the files as written:
 * about a third less to download and scan when a definition is opened (issue 10). The value is
 * unchanged, and so is its content hash (taken of the canonical JSON, not of the file's spacing).
 * A file that is not JSON fails the build here, naming the file.
 */
export function compactQuestionnaireJson(): Plugin {
  return {
    name: 'egov-desk-compact-questionnaire-json',
    enforce: 'pre',
    apply: 'build',
    async load(id) {
      const [file = '', query] = id.split('?');
      if (query !== 'raw' || !/[\\/]questionnaires[\\/][^\\/]+[\\/]questionnaire\.json$/.test(file)) return null;
      const text = await readFile(file, 'utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        this.error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      return `export default ${JSON.stringify(JSON.stringify(value))};`;
    },
  };
}
