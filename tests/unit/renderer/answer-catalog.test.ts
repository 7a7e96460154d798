import { describe, expect, it } from 'vitest';
import { loadBundledQuestionnaires } from '../../../questionnaires';
import { contentHash } from '../../../shared/crypto/hash';
import { buildCatalog, findEntry } from '../../../renderer/src/app/catalog';

/**
 * The answer screen's start-up work (issue 10): built-in definitions are hashed on demand, not all at
 * start-up. The hash computed on demand must be exactly the published content hash, since responses
 * and signed submissions record it.
 */
describe('built-in definitions in the catalog', () => {
  it('hash on demand to the same content hash as shared/crypto/hash', async () => {
    const catalog = await buildCatalog([]);
    const bundled = loadBundledQuestionnaires().definitions;
    expect(bundled.length).toBeGreaterThanOrEqual(4);
    for (const { json, definition } of bundled) {
      const entry = catalog.entries.find((e) => e.key === `${definition.id}@${definition.version}`);
      expect(entry?.origin).toBe('bundled');
      expect(entry?.contentHash).toBe(await contentHash(json));
    }
  });

  it('finds an edition by id, version and hash, and refuses another content under the same id and version', async () => {
    const catalog = await buildCatalog([]);
    const losi = loadBundledQuestionnaires().definitions.find((d) => d.definition.id === 'losi-2024');
    if (!losi) throw new Error('losi-2024 is not bundled');
    const hash = await contentHash(losi.json);
    expect(findEntry(catalog, 'losi-2024', losi.definition.version, hash)?.definition.id).toBe('losi-2024');
    expect(findEntry(catalog, 'losi-2024', losi.definition.version)?.contentHash).toBe(hash);
    expect(findEntry(catalog, 'losi-2024', losi.definition.version, `sha256:${'0'.repeat(64)}`)).toBeUndefined();
  });
});
