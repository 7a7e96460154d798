import type { LocalizedText } from '../schemas/questionnaire';

/**
 * Picks the text for a language: the requested one, else the definition's default language, else
 * the first one given. Questionnaire content stays as defined; only the app's own screens are
 * translated by the i18n layer.
 */
export function localize(text: LocalizedText, language: string, defaultLanguage: string): string {
  if (typeof text === 'string') return text;
  const base = language.split('-')[0] ?? language;
  return text[language] ?? text[base] ?? text[defaultLanguage] ?? Object.values(text)[0] ?? '';
}

/** The language a piece of content is shown in, for the `lang` attribute of its element. */
export function localizedLanguage(text: LocalizedText, language: string, defaultLanguage: string): string {
  if (typeof text === 'string') return defaultLanguage;
  const base = language.split('-')[0] ?? language;
  if (text[language] !== undefined) return language;
  if (text[base] !== undefined) return base;
  if (text[defaultLanguage] !== undefined) return defaultLanguage;
  return Object.keys(text)[0] ?? defaultLanguage;
}
