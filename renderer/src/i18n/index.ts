import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { fr } from './locales/fr';

/** Languages of the app's own screens; questionnaire content keeps the languages it was written in. */
export const UI_LANGUAGES = [
  { code: 'en', nativeName: 'English' },
  { code: 'fr', nativeName: 'Français' },
] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

export const LANGUAGE_SETTING = 'ui.language';

export function isUiLanguage(value: string | undefined): value is UiLanguage {
  return UI_LANGUAGES.some((language) => language.code === value);
}

/** The saved choice, else the browser's preferred languages, else English. */
export function pickLanguage(saved: string | undefined, preferred: readonly string[]): UiLanguage {
  if (isUiLanguage(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

/** Text direction of a language, by the script it is written in. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return i18next.dir(language);
}

export async function initI18n(language: UiLanguage): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, fr: { translation: fr } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(language);
  i18next.on('languageChanged', applyDocumentLanguage);
}

/** `lang` and `dir` on <html>: screen readers pick the voice, and CSS logical properties mirror. */
export function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export { i18next };
