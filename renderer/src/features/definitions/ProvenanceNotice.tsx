import { useTranslation } from 'react-i18next';
import { localize } from '../../../../shared/questionnaire/localize';
import type { EditionSummary } from '../../../../shared/questionnaire/edition-summary';

/**
 * Says where a definition's content comes from. Verified content needs no notice; anything else
 * (reconstructed, third-party, mixed, test) gets a short, calm note with the definition's own
 * explanation, so nobody mistakes a reconstruction for the official instrument.
 */
export function ProvenanceNotice({ definition }: { readonly definition: Pick<EditionSummary, 'provenance' | 'provenanceNote' | 'languages'> }) {
  const { t, i18n } = useTranslation();
  if (definition.provenance === 'verified') return null;
  const language = i18n.resolvedLanguage ?? 'en';
  const note = definition.provenanceNote ? localize(definition.provenanceNote, language, definition.languages[0] ?? 'en') : undefined;
  return (
    <div className="provenance-notice">
      <p>
        <strong>{t(`provenance.definition.${definition.provenance}`)}</strong> {t('provenance.checkOfficial')}
      </p>
      {note && <p className="meta">{note}</p>}
    </div>
  );
}
