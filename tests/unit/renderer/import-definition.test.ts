import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, QuestionnaireDefinitionError } from '../../../shared/errors';
import { buildCatalog } from '../../../renderer/src/app/catalog';
import type { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { DefinitionsRepository } from '../../../renderer/src/db/repositories/definitions';
import { importDefinitionFile } from '../../../renderer/src/features/definitions/import-definition';
import { definition, section, text, yesNo } from '../../helpers/builders';
import { freshDatabase } from '../../helpers/fake-db';

let db: EgovDeskDatabase;
afterEach(async () => {
  await db.delete();
});

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
const edition = (version: string, label = 'Is there a portal?') =>
  definition([section('A', [yesNo('A.1', { label }), text('A.2').showIf({ question: 'A.1', op: 'equals', value: 'yes' })])], {
    id: 'city-survey',
    edition: '2026',
    version,
    title: 'City survey',
  });

function setUp() {
  db = freshDatabase();
  const repository = new DefinitionsRepository(db);
  return { repository, catalog: async () => buildCatalog(await repository.list()) };
}

describe('importing a questionnaire definition', () => {
  it('adds a valid edition, which then appears in the catalog with its hash, alongside the built-in ones', async () => {
    const { repository, catalog } = setUp();
    const outcome = await importDefinitionFile({ name: 'city-2026.json', data: encode(edition('1.0.0')) }, await catalog(), repository, () => 42);
    expect(outcome.kind).toBe('added');
    const entries = (await catalog()).entries;
    const imported = entries.find((e) => e.key === 'city-survey@1.0.0');
    expect(imported).toMatchObject({ origin: 'imported', importedAt: 42 });
    expect(imported?.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(entries.some((e) => e.origin === 'bundled')).toBe(true);
  });

  it('keeps two editions of the same questionnaire side by side', async () => {
    const { repository, catalog } = setUp();
    await importDefinitionFile({ name: 'v1.json', data: encode(edition('1.0.0')) }, await catalog(), repository);
    await importDefinitionFile({ name: 'v2.json', data: encode(edition('1.1.0', 'Is there an official portal?')) }, await catalog(), repository);
    expect((await catalog()).entries.filter((e) => e.definition.id === 'city-survey').map((e) => e.definition.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('reports the same file twice as already available, storing nothing more', async () => {
    const { repository, catalog } = setUp();
    await importDefinitionFile({ name: 'a.json', data: encode(edition('1.0.0')) }, await catalog(), repository);
    const again = await importDefinitionFile({ name: 'copy.json', data: encode(edition('1.0.0')) }, await catalog(), repository);
    expect(again.kind).toBe('alreadyAvailable');
    expect(await db.definitions.count()).toBe(1);
  });

  it('refuses a different content under a version that already exists, and stores nothing', async () => {
    const { repository, catalog } = setUp();
    await importDefinitionFile({ name: 'a.json', data: encode(edition('1.0.0')) }, await catalog(), repository);
    const changed = importDefinitionFile({ name: 'tampered.json', data: encode(edition('1.0.0', 'Changed wording')) }, await catalog(), repository);
    await expect(changed).rejects.toThrow(AppError);
    await expect(changed).rejects.toThrow(/already exists with different content/);
    expect(await db.definitions.count()).toBe(1);
  });

  it('refuses to replace a built-in edition with other content', async () => {
    const { repository, catalog } = setUp();
    const builtIn: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../../../questionnaires/test-all-types/questionnaire.json'), 'utf8'));
    const altered = { ...(builtIn as Record<string, unknown>), title: 'Hijacked' };
    await expect(importDefinitionFile({ name: 'x.json', data: encode(altered) }, await catalog(), repository)).rejects.toThrow(/already exists/);
    expect((await importDefinitionFile({ name: 'same.json', data: encode(builtIn) }, await catalog(), repository)).kind).toBe('alreadyAvailable');
    expect(await db.definitions.count()).toBe(0);
  });

  it.each([
    ['malformed JSON', new TextEncoder().encode('{ "schemaVersion": 1, '), /not valid JSON/],
    ['a schema error', encode({ ...edition('1.0.0'), sections: [] }), /sections/],
    ['a reference to a missing question', encode(definition([section('A', [text('A.2').showIf({ question: 'Z', op: 'answered' })])])), /does not exist/],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8/],
    ['a huge file', new Uint8Array(6 * 1024 * 1024), /at most/],
  ])('refuses %s with the file name, the path and the problem, storing nothing', async (_what, data, problem) => {
    const { repository, catalog } = setUp();
    const attempt = importDefinitionFile({ name: 'bad.json', data }, await catalog(), repository);
    await expect(attempt).rejects.toThrow(QuestionnaireDefinitionError);
    await expect(attempt).rejects.toThrow(problem);
    await expect(attempt).rejects.toThrow(/bad\.json/);
    expect(await db.definitions.count()).toBe(0);
  });

  it.each([
    ['a script tag', '<script>alert(2)</script> Portal?'],
    ['an image with an error handler', '<img src=x onerror="alert(1)"> Portal?'],
    ['a javascript: link', 'See javascript:alert(1)'],
  ])('refuses a label with %s, naming the path, and stores nothing', async (_what, label) => {
    const { repository, catalog } = setUp();
    const attempt = importDefinitionFile({ name: 'hostile.json', data: encode(edition('2.0.0', label)) }, await catalog(), repository);
    await expect(attempt).rejects.toThrow(/hostile\.json: sections\[0\]\.questions\[0\]\.label: .*must be plain text/);
    expect(await db.definitions.count()).toBe(0);
  });

  it('accepts plain text that merely contains angle brackets and ampersands', async () => {
    const { repository, catalog } = setUp();
    const label = 'Offices with <5 staff & more than 2 > 1?';
    await importDefinitionFile({ name: 'ok.json', data: encode(edition('2.1.0', label)) }, await catalog(), repository);
    const entry = (await catalog()).entries.find((e) => e.key === 'city-survey@2.1.0');
    expect(entry?.definition.sections[0]?.questions[0]?.label).toBe(label);
  });

  it('reports a stored copy that no longer matches its hash instead of using it', async () => {
    const { repository, catalog } = setUp();
    await importDefinitionFile({ name: 'a.json', data: encode(edition('1.0.0')) }, await catalog(), repository);
    await db.definitions.update('city-survey@1.0.0', { json: edition('1.0.0', 'Edited behind the app’s back') });
    const after = await catalog();
    expect(after.entries.some((e) => e.key === 'city-survey@1.0.0')).toBe(false);
    expect(after.problems).toContainEqual(expect.objectContaining({ file: 'a.json', problem: expect.stringMatching(/content hash/) as unknown }));
  });
});
