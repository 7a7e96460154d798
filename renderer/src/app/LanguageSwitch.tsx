import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { storage } from '../db';
import { LANGUAGE_SETTING, UI_LANGUAGES, isUiLanguage, switchLanguage } from '../i18n';
import { reportError } from './notices';

/** Language of the app's screens; the choice is stored and applied again on the next start. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const change = async (language: string) => {
    if (!isUiLanguage(language)) return;
    // Switched first, saved after: a catalogue that cannot be loaded changes nothing, not even the
    // language the next start opens in.
    await switchLanguage(language);
    await storage().settings.set(LANGUAGE_SETTING, language);
  };
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={i18n.resolvedLanguage ?? 'en'} onChange={(event) => {
          change(event.target.value).catch((error: unknown) => { reportError('errors.languageNotSaved', error); });
        }}>
        {UI_LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}
