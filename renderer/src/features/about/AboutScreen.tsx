import { useTranslation } from 'react-i18next';

/** Placeholder until issue 9's about screen lands. */
export function AboutScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <h1>{t('nav.about')}</h1>
    </div>
  );
}
