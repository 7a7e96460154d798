import { describe, expect, it, vi } from 'vitest';
import { BUNDLED_QUESTIONNAIRES } from '../../../questionnaires';
import { buildCatalog, buildListing, loadEntry } from '../../../renderer/src/app/catalog';

/**
 * Issue 10: the home screen lists the built-in editions from their build-time summaries, fetching
 * none; opening a response fetches and checks its own edition alone, once per session. (A file of
 * its own: the catalog remembers what it fetched for the rest of the session.)
 */
describe('built-in definitions are fetched when needed, one by one', () => {
  it('lists every edition without fetching one, and opening one fetches that one alone, once', async () => {
    const fetched = new Map(BUNDLED_QUESTIONNAIRES.map((bundled) => [bundled.summary.id, vi.spyOn(bundled, 'text')]));
    const calls = () => Object.fromEntries([...fetched].map(([id, spy]) => [id, spy.mock.calls.length]));

    const listing = await buildListing([]);
    expect(listing.entries.map((e) => e.id).sort()).toEqual(['lgq-2024', 'losi-2024', 'msq-2024', 'osi-2024', 'test-all-types']);
    expect(listing.entries.map((e) => e.origin)).toEqual(Array(5).fill('bundled'));
    expect(listing.entries.find((e) => e.id === 'losi-2024')?.questionCount).toBe(102);
    expect(calls()).toEqual({ 'lgq-2024': 0, 'losi-2024': 0, 'msq-2024': 0, 'osi-2024': 0, 'test-all-types': 0 });

    const osi = listing.entries.find((e) => e.id === 'osi-2024');
    if (!osi) throw new Error('osi-2024 is not bundled');
    const entry = await loadEntry('osi-2024', osi.version, osi.contentHash);
    expect(entry?.definition.id).toBe('osi-2024');
    expect(await loadEntry('osi-2024', osi.version)).toBe(entry);
    expect(calls()).toEqual({ 'lgq-2024': 0, 'losi-2024': 0, 'msq-2024': 0, 'osi-2024': 1, 'test-all-types': 0 });

    // The full catalog (new response, review, merge…) fetches the rest, and OSI not again.
    const catalog = await buildCatalog([]);
    expect(catalog.entries.find((e) => e.id === 'osi-2024')).toBe(entry);
    expect(calls()).toEqual({ 'lgq-2024': 1, 'losi-2024': 1, 'msq-2024': 1, 'osi-2024': 1, 'test-all-types': 1 });
  });

  it('lists its editions in the same order as the full catalog', async () => {
    const [listing, catalog] = await Promise.all([buildListing([]), buildCatalog([])]);
    expect(listing.entries.map((e) => e.key)).toEqual(catalog.entries.map((e) => e.key));
  });
});
