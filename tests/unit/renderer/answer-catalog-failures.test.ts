import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuestionnaireDefinitionError } from '../../../shared/errors';

/**
 * A built-in definition is a chunk fetched when needed (issue 10), so its fetch can fail (the app
 * updated on the server, the network gone before the offline copy was made). The catalog must then
 * say which edition is missing and why, never hang or reject, and try again next time; opening a
 * response to it must say why, not "unknown questionnaire".
 */

/** The catalog and the built-in list as a new session has them (the catalog remembers what it fetched). */
async function freshSession() {
  vi.resetModules();
  const [{ BUNDLED_QUESTIONNAIRES }, catalog] = await Promise.all([import('../../../questionnaires'), import('../../../renderer/src/app/catalog')]);
  const bundled = (id: string) => {
    const found = BUNDLED_QUESTIONNAIRES.find((b) => b.summary.id === id);
    if (!found) throw new Error(`${id} is not bundled`);
    return found;
  };
  return { ...catalog, count: BUNDLED_QUESTIONNAIRES.length, bundled };
}

let session: Awaited<ReturnType<typeof freshSession>>;
beforeEach(async () => {
  session = await freshSession();
});

describe('a built-in definition that cannot be fetched or read', () => {
  it('is listed as a problem, the others still offered, and fetched again by the next catalog', async () => {
    const { bundled, buildCatalog, count } = session;
    const msq = bundled('msq-2024');
    const text = vi.spyOn(msq, 'text').mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'));
    const first = await buildCatalog([]);
    expect(first.entries.map((e) => e.id)).not.toContain('msq-2024');
    expect(first.entries).toHaveLength(count - 1);
    expect(first.problems).toEqual([
      { file: 'questionnaires/msq-2024/questionnaire.json', path: '', problem: 'could not be loaded (Failed to fetch dynamically imported module); reload the app to try again' },
    ]);
    const second = await buildCatalog([]);
    expect(second.problems).toEqual([]);
    expect(second.entries.map((e) => e.id)).toContain('msq-2024');
    expect(text).toHaveBeenCalledTimes(2);
  });

  it('makes opening a response to it fail with the reason: the fetch error, or the checks’ problems', async () => {
    const { bundled, loadEntry } = session;
    const lgq = bundled('lgq-2024');
    vi.spyOn(lgq, 'text').mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'));
    await expect(loadEntry('lgq-2024', lgq.summary.version)).rejects.toThrow('Failed to fetch dynamically imported module');
    // Not remembered: the next open fetches again.
    expect((await loadEntry('lgq-2024', lgq.summary.version))?.definition.id).toBe('lgq-2024');

    const osi = bundled('osi-2024');
    vi.spyOn(osi, 'text').mockResolvedValueOnce(JSON.stringify({ schemaVersion: 1, id: 'osi-2024' }));
    const failure = await loadEntry('osi-2024', osi.summary.version).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('QuestionnaireDefinitionError');
    expect((failure as QuestionnaireDefinitionError).problems[0]?.file).toBe('questionnaires/osi-2024/questionnaire.json');
  });
});
