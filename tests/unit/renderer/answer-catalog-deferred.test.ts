import { describe, expect, it, vi } from 'vitest';
import type * as Sha256 from '../../../shared/crypto/sha256';

/**
 * The catalog hashes a built-in definition only when asked for its content hash (review of issue
 * 10): building the catalog, and finding an edition without a recorded hash, hash nothing; finding
 * one with a hash hashes that questionnaire alone, once.
 */
const hashed = vi.hoisted(() => ({ calls: 0 }));

vi.mock('../../../shared/crypto/sha256', async (importOriginal) => {
  const original = await importOriginal<typeof Sha256>();
  return {
    ...original,
    sha256HexSync: (bytes: Uint8Array) => {
      hashed.calls += 1;
      return original.sha256HexSync(bytes);
    },
  };
});

describe('built-in definitions are hashed when needed, not at start-up', () => {
  it('hashes none to build the catalog, and only the edition asked for, once', async () => {
    const { buildCatalog, findEntry } = await import('../../../renderer/src/app/catalog');
    const catalog = await buildCatalog([]);
    expect(catalog.entries.length).toBeGreaterThanOrEqual(5);
    expect(hashed.calls).toBe(0);

    const losi = catalog.entries.find((entry) => entry.definition.id === 'losi-2024');
    if (!losi) throw new Error('losi-2024 is not bundled');
    expect(findEntry(catalog, 'losi-2024', losi.definition.version)).toBe(losi);
    expect(hashed.calls).toBe(0);

    const hash = losi.contentHash;
    expect(hashed.calls).toBe(1);
    expect(findEntry(catalog, 'losi-2024', losi.definition.version, hash)).toBe(losi);
    expect(findEntry(catalog, 'msq-2024', catalog.entries.find((e) => e.definition.id === 'msq-2024')?.definition.version ?? '', hash)).toBeUndefined();
    // LOSI's hash is remembered; MSQ's was computed to compare (and differs); the others never.
    expect(hashed.calls).toBe(2);
    expect(losi.contentHash).toBe(hash);
    expect(hashed.calls).toBe(2);
  });
});
