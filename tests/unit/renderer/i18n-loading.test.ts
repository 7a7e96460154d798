import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The app loads one language's strings at start (renderer/src/i18n/index.ts). A catalogue that
 * cannot be fetched, as a chunk missing from an offline copy, must fall back to English, never stop
 * the app from starting.
 */
vi.mock('../../../renderer/src/i18n/locales/fr', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

beforeAll(() => {
  // initI18n sets <html lang dir>; a plain object stands in for the document here.
  vi.stubGlobal('document', { documentElement: {} });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('initI18n', () => {
  it('starts in English when the chosen language cannot be loaded', async () => {
    const { initI18n, i18next, switchLanguage } = await import('../../../renderer/src/i18n');
    await initI18n('fr');
    expect(i18next.language).toBe('en');
    expect(i18next.t('nav.about')).toBe('About');
    expect((globalThis.document as unknown as { documentElement: { lang?: string } }).documentElement.lang).toBe('en');
    // Switching to it later fails without changing the language in use.
    await expect(switchLanguage('fr')).rejects.toThrow();
    expect(i18next.language).toBe('en');
  });
});
