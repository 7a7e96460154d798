import { useUiText } from './use-ui-text';
import { localize } from '../../../../shared/questionnaire/localize';
import type { Question } from '../../../../shared/schemas/questionnaire';

interface QuestionInfoProps {
  readonly question: Question;
  readonly criterion: string | undefined;
  readonly helpId: string;
  readonly language: string;
  readonly defaultLanguage: string;
}

/**
 * What surrounds a question: its indicator codes (with the criterion they belong to), help text,
 * the toolkit guidance (what counts, why, how to satisfy it) and, for reconstructed content, a note
 * to check it against the official instrument. All text is rendered as text, never as HTML.
 */
export function QuestionInfo({ question, criterion, helpId, language, defaultLanguage }: QuestionInfoProps) {
  const { t } = useUiText();
  const text = (value: Parameters<typeof localize>[0] | undefined) => (value === undefined ? undefined : localize(value, language, defaultLanguage));
  const help = text(question.help);
  const guidance = question.guidance;
  return (
    <>
      {question.indicators.length > 0 && (
        <p className="indicators">
          <span className="visually-hidden">{t('answer.indicators')} </span>
          {question.indicators.map((code) => (
            <span key={code} className="badge">
              {criterion ? `${criterion} · ${code}` : code}
            </span>
          ))}
        </p>
      )}
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
      {guidance && (
        <details className="guidance">
          <summary>{t('guidance.title', { code: question.indicators[0] ?? '' })}</summary>
          <dl>
            {guidance.what && (
              <>
                <dt>{t('guidance.what')}</dt>
                <dd>{text(guidance.what)}</dd>
              </>
            )}
            {guidance.why && (
              <>
                <dt>{t('guidance.why')}</dt>
                <dd>{text(guidance.why)}</dd>
              </>
            )}
            {guidance.how && (
              <>
                <dt>{t('guidance.how')}</dt>
                <dd>{text(guidance.how)}</dd>
              </>
            )}
          </dl>
        </details>
      )}
      {question.provenance === 'reconstructed' && <p className="provenance-note">{t('provenance.question.reconstructed')}</p>}
    </>
  );
}
