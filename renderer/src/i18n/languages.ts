import type { Messages } from './locales/en';

/*
 * Which languages the app speaks and where each one's strings are. No i18next here: the start-up
 * module (boot.ts) picks the likely language and starts fetching its strings with this before any
 * library has loaded (issue 10).
 */

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

/**
 * Each language's catalogue is a chunk of its own, loaded when the language is used: the first
 * screen carries one catalogue, not all of them (issue 10: first-screen JS under 250 KB gzip).
 */
export const CATALOGUES: Record<UiLanguage, () => Promise<Messages>> = {
  en: () => import('./locales/en').then((module) => module.en),
  fr: () => import('./locales/fr').then((module) => module.fr),
};
