import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBundledQuestionnaires } from '../../../build/questionnaire-summaries';
import { BUNDLED_QUESTIONNAIRES_MODULE, bundledQuestionnaires, bundledQuestionnairesModule } from '../../../build/vite-plugin-questionnaires';
import { contentHash } from '../../../shared/crypto/hash';
import { QuestionnaireDefinitionError } from '../../../shared/errors';

const source = join(import.meta.dirname, '../../../questionnaires');
let folder = '';

/** A questionnaires folder holding copies of the given built-in definitions, plus what `extra` writes. */
async function folderWith(slugs: readonly string[], extra?: (root: string) => Promise<void>): Promise<string> {
  folder = await mkdtemp(join(tmpdir(), 'egov-questionnaires-'));
  for (const slug of slugs) await cp(join(source, slug), join(folder, slug), { recursive: true });
  await extra?.(folder);
  return folder;
}

afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = '';
});

describe('the built-in definitions module (issue 10)', () => {
  it('lists each definition with its checked summary and content hash, by folder name', async () => {
    const listed = await listBundledQuestionnaires(await folderWith(['test-all-types', 'losi-2024']));
    expect(listed.map((item) => item.file)).toEqual(['questionnaires/losi-2024/questionnaire.json', 'questionnaires/test-all-types/questionnaire.json']);
    const losi = listed[0];
    const json: unknown = JSON.parse(await readFile(join(source, 'losi-2024', 'questionnaire.json'), 'utf8'));
    expect(losi?.summary).toMatchObject({ id: 'losi-2024', version: '1.0.0', questionCount: 102, contentHash: await contentHash(json) });
  });

  it('fails on a definition that does not pass its checks, naming the file, the place and the problem', async () => {
    const root = await folderWith(['test-all-types'], async (at) => {
      await mkdir(join(at, 'broken'));
      await writeFile(join(at, 'broken', 'questionnaire.json'), JSON.stringify({ schemaVersion: 1, id: 'broken' }));
    });
    const failure = await listBundledQuestionnaires(root).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QuestionnaireDefinitionError);
    expect((failure as QuestionnaireDefinitionError).problems[0]?.file).toBe('questionnaires/broken/questionnaire.json');
  });

  it('fails on text that is not JSON, and on two files with the same id and version', async () => {
    const notJson = await folderWith([], async (at) => {
      await mkdir(join(at, 'bad'));
      await writeFile(join(at, 'bad', 'questionnaire.json'), '{ "id": ');
    });
    await expect(listBundledQuestionnaires(notJson)).rejects.toThrow(/not valid JSON/);
    await rm(notJson, { recursive: true, force: true });

    const twice = await folderWith(['test-all-types'], async (at) => {
      await cp(join(at, 'test-all-types'), join(at, 'zz-copy'), { recursive: true });
    });
    await expect(listBundledQuestionnaires(twice)).rejects.toThrow(QuestionnaireDefinitionError);
    const problems = await listBundledQuestionnaires(twice).catch((error: unknown) => (error as QuestionnaireDefinitionError).problems);
    expect(problems).toEqual([{ file: 'questionnaires/zz-copy/questionnaire.json', path: '', problem: 'test-all-types 1.0.0 is also questionnaires/test-all-types/questionnaire.json' }]);
  });

  it('writes each definition’s text as a lazy import, never inline', async () => {
    const listed = await listBundledQuestionnaires(await folderWith(['test-all-types']));
    const code = bundledQuestionnairesModule(listed);
    expect(code).toContain(`import(${JSON.stringify(`${listed[0]?.path ?? ''}?raw`)})`);
    expect(code).not.toContain('"sections"');
  });

  it('is the module `virtual:bundled-questionnaires`, and a broken definition fails the build', async () => {
    const root = await folderWith([], async (at) => {
      await mkdir(join(at, 'broken'));
      await writeFile(join(at, 'broken', 'questionnaire.json'), '{}');
    });
    const plugin = bundledQuestionnaires(root);
    if (typeof plugin.resolveId !== 'function' || typeof plugin.load !== 'function') throw new Error('the plugin has no resolveId or load function');
    const resolveId = plugin.resolveId as unknown as (id: string) => string | null;
    const resolved = resolveId(BUNDLED_QUESTIONNAIRES_MODULE);
    expect(resolved).toBe(`\0${BUNDLED_QUESTIONNAIRES_MODULE}`);
    expect(resolveId('./other')).toBeNull();
    const context = {
      error: (message: string): never => { throw new Error(message); },
      addWatchFile: () => undefined,
    };
    const load = plugin.load as unknown as (this: typeof context, id: string) => Promise<string | null>;
    await expect(load.call(context, resolved ?? '')).rejects.toThrow(/a built-in questionnaire definition fails its checks:\n {2}questionnaires\/broken\/questionnaire.json/);
  });
});
