import { describe, expect, it } from 'vitest';
import { BUNDLED_QUESTIONNAIRES, loadBundledQuestionnaires } from '../../../questionnaires';
import { contentHash } from '../../../shared/crypto/hash';
import { summarizeEdition } from '../../../shared/questionnaire/edition-summary';
import { buildCatalog, findEntry, loadEntry } from '../../../renderer/src/app/catalog';

/**
 * The built-in definitions (issue 10): listed from summaries made when the app is built, fetched and
 * checked one by one when their questions are needed. The summaries must say exactly what the files
 * say, above all their content hash, which responses and signed submissions record.
 */
describe('built-in definitions in the catalog', () => {
  it('are summarised at build time exactly as the app reads them, content hash included', async () => {
    const { definitions, problems } = await loadBundledQuestionnaires();
    expect(problems).toEqual([]);
    expect(definitions.map((d) => d.definition.id).sort()).toEqual(['lgq-2024', 'losi-2024', 'msq-2024', 'osi-2024', 'test-all-types']);
    for (const { file, json, definition } of definitions) {
      const bundled = BUNDLED_QUESTIONNAIRES.find((b) => b.file === file);
      expect(bundled?.summary, file).toEqual(summarizeEdition(definition, await contentHash(json)));
    }
  });

  it('finds an edition by id, version and hash, and refuses another content under the same id and version', async () => {
    const catalog = await buildCatalog([]);
    const losi = catalog.entries.find((e) => e.id === 'losi-2024');
    if (!losi) throw new Error('losi-2024 is not bundled');
    expect(losi.origin).toBe('bundled');
    expect(findEntry(catalog, 'losi-2024', losi.version, losi.contentHash)?.definition.id).toBe('losi-2024');
    expect(findEntry(catalog, 'losi-2024', losi.version)).toBe(losi);
    expect(findEntry(catalog, 'losi-2024', losi.version, `sha256:${'0'.repeat(64)}`)).toBeUndefined();
    expect((await loadEntry('losi-2024', losi.version, losi.contentHash))?.definition).toBe(losi.definition);
    expect(await loadEntry('losi-2024', losi.version, `sha256:${'0'.repeat(64)}`)).toBeUndefined();
    expect(await loadEntry('losi-2024', '9.9.9')).toBeUndefined();
  });
});
