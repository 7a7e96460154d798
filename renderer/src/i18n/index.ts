import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './locales/en';
import { CATALOGUES } from './languages';
import type { UiLanguage } from './languages';

export { LANGUAGE_SETTING, UI_LANGUAGES, isUiLanguage, pickLanguage } from './languages';
export type { UiLanguage } from './languages';

/** Text direction of a language, by the script it is written in. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return i18next.dir(language);
}

/** Makes a language's catalogue available; resolves at once when it already is. */
export async function loadLanguage(language: UiLanguage): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  i18next.addResourceBundle(language, 'translation', await CATALOGUES[language]());
}

/** Loads the language's catalogue, then switches to it. */
export async function switchLanguage(language: UiLanguage): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

/**
 * Starts fetching a language's catalogue (main.tsx, before the saved choice is read from IndexedDB);
 * the module is fetched once, so initI18n then finds it loaded or on its way.
 */
export function prefetchLanguage(language: UiLanguage): void {
  CATALOGUES[language]().catch(() => undefined);
}

export async function initI18n(requested: UiLanguage): Promise<void> {
  // A catalogue that cannot be loaded (a chunk missing from an offline copy) falls back to English
  // rather than stopping the app; English failing too is reported by main.tsx.
  let language = requested;
  let translation: Messages;
  try {
    translation = await CATALOGUES[requested]();
  } catch (error) {
    if (requested === 'en') throw error;
    language = 'en';
    translation = await CATALOGUES.en();
  }
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { [language]: { translation } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(language);
  i18next.on('languageChanged', applyDocumentLanguage);
  // English is the fallback for a key another language lacks (a test keeps French complete, so
  // this is a safety net): loaded after the start, never delaying it.
  if (language !== 'en') loadLanguage('en').catch(() => undefined);
}

/** `lang` and `dir` on <html>: screen readers pick the voice, and CSS logical properties mirror. */
export function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export { i18next };
