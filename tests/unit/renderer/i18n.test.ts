import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fr } from '../../../renderer/src/i18n/locales/fr';
import { pickLanguage } from '../../../renderer/src/i18n';
import i18next from 'i18next';

function keys(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('translations', () => {
  it('French has exactly the keys of English', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it('French keeps every placeholder of English, and no string is left empty or untranslated by mistake', () => {
    const flatEn = new Map(keys(en).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string]));
    const flatFr = new Map(keys(fr).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fr) as string]));
    let identical = 0;
    for (const [key, text] of flatEn) {
      const translated = flatFr.get(key) ?? '';
      expect(translated.trim(), key).not.toBe('');
      expect(placeholders(translated), key).toEqual(placeholders(text));
      if (translated === text) identical += 1;
    }
    // A few strings are the same in both languages (names, "Questionnaire", "Actions"), not most.
    expect(identical).toBeLessThan(12);
  });

  it('picks the saved language, else the first supported preferred one, else English', () => {
    expect(pickLanguage('fr', ['en-US'])).toBe('fr');
    expect(pickLanguage(undefined, ['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickLanguage('xx', ['de'])).toBe('en');
  });

  it('knows right-to-left scripts, so the layout can mirror', () => {
    expect(i18next.dir('ar')).toBe('rtl');
    expect(i18next.dir('fr')).toBe('ltr');
  });
});
