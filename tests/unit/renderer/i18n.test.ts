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

/** Keys whose French text is rightly the English one. */
const SAME_IN_FRENCH: ReadonlySet<string> = new Set([
  'app.name',
  'app.version',
  'about.licenceTextOf',
  'home.questionnaires',
  'home.questionnaire',
  'home.actions',
  'newResponse.questionnaire',
  'newResponse.organisation',
  'answer.sections',
  'check.section',
  'identity.organisation',
  'submit.questionnaire',
]);

describe('translations', () => {
  it('French has exactly the keys of English', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it('French keeps every placeholder of English, and no string is left empty or untranslated by mistake', () => {
    const flatEn = new Map(keys(en).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string]));
    const flatFr = new Map(keys(fr).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fr) as string]));
    const identical: string[] = [];
    for (const [key, text] of flatEn) {
      const translated = flatFr.get(key) ?? '';
      expect(translated.trim(), key).not.toBe('');
      expect(placeholders(translated), key).toEqual(placeholders(text));
      if (translated === text) identical.push(key);
    }
    // Strings that are the same in both languages: names, placeholders alone, and words French
    // shares with English. Anything else identical was left untranslated by mistake.
    expect(identical.filter((key) => !SAME_IN_FRENCH.has(key))).toEqual([]);
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

describe('keys used by the screens', () => {
  it('every literal t("…") key in the renderer exists in English (plurals by their _one/_other forms)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const join = (...parts: string[]) => path.join(...parts);
    const root = join(import.meta.dirname, '../../../renderer/src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'));
    const known = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, '')));
    const used = new Set<string>();
    for (const file of files) {
      const source = fs.readFileSync(join(root, file), 'utf8');
      // t('a.b'), t("a.b"), and keys handed to notices: reportError('a.b', …) / key: 'a.b'.
      for (const match of source.matchAll(/\b(?:t|reportError)\(\s*'([a-z][A-Za-z]*(?:\.[A-Za-z0-9-]+)+)'|\bkey: '([a-z][A-Za-z]*(?:\.[A-Za-z0-9-]+)+)'/g)) {
        const key = match[1] ?? match[2];
        if (key) used.add(key);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((key) => !known.has(key));
    expect(missing).toEqual([]);
  });
});
