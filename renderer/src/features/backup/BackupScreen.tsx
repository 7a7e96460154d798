import { useTranslation } from 'react-i18next';

/** Placeholder until issue 9's backup screen lands. */
export function BackupScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <h1>{t('nav.backup')}</h1>
    </div>
  );
}
