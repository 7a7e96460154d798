import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactQuestionnaireJson } from '../../../build/vite-plugin-compact-json';

type Load = (this: { error: (message: string) => never }, id: string) => Promise<string | null>;
const plugin = compactQuestionnaireJson();
if (typeof plugin.load !== 'function') throw new Error('the plugin has no load function');
const load = plugin.load as unknown as Load;
const context = { error: (message: string): never => { throw new Error(message); } };

/** The string a module `export default "…";` exports. */
const exported = (code: string | null): string => JSON.parse(/^export default (.*);$/s.exec(code ?? '')?.[1] ?? 'null') as string;

describe('built-in definitions without their indentation (issue 10)', () => {
  const file = join(import.meta.dirname, '../../../questionnaires/losi-2024/questionnaire.json');

  it('exports the same JSON value as the file, without its spacing', async () => {
    const text = await readFile(file, 'utf8');
    const compact = exported(await load.call(context, `${file}?raw`));
    expect(JSON.parse(compact)).toEqual(JSON.parse(text));
    expect(compact.length).toBeLessThan(text.length * 0.8);
    expect(compact).not.toMatch(/\n/);
  });

  it('leaves every other import alone', async () => {
    expect(await load.call(context, file)).toBeNull();
    expect(await load.call(context, `${file}?url`)).toBeNull();
    expect(await load.call(context, '/app/other/data.json?raw')).toBeNull();
  });

  it('fails the build on a definition that is not JSON, naming the file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'egov-compact-'));
    try {
      await mkdir(join(folder, 'questionnaires', 'bad'), { recursive: true });
      const bad = join(folder, 'questionnaires', 'bad', 'questionnaire.json');
      await writeFile(bad, '{ "id": ');
      await expect(load.call(context, `${bad}?raw`)).rejects.toThrow(`${bad} is not valid JSON`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
