import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { computeVisibility } from '../../../../shared/engine/relevance';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { findEntry, useCatalog } from '../../app/catalog';
import { reportError } from '../../app/notices';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { ExternalLink } from '../../components/ExternalLink';
import { QuestionInfo } from '../answering/QuestionInfo';
import { answerLines } from './answer-text';
import { useOpenSubmission } from './open-submission';
import { useOpenedSubmission } from './opened-file';
import { VerificationBanner } from './VerificationBanner';
import { continueFromSubmission } from './continue-from-file';
import { navigate } from '../../app/router';
import { QuestionReviewNote, ReviewExport, useReviewDraftFor } from './ReviewNotes';

/** A reviewer's view of an opened submission: the verdict first, then the answers, read-only. */
export function ReviewScreen() {
  const { t } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('review.title'));
  const opened = useOpenedSubmission();
  const catalog = useCatalog();
  const open = useOpenSubmission();
  const document = opened && opened.report.status !== 'unreadable' ? opened.report.document : undefined;
  const definition = document && catalog ? findEntry(catalog, document.questionnaire.id, document.questionnaire.version, document.questionnaire.contentHash)?.definition : undefined;

  return (
    <div className="screen review-screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('review.title')}
      </h1>
      <p className="no-print">
        <button type="button" onClick={open}>
          {t('review.open')}
        </button>
      </p>
      {!opened && <p>{t('review.intro')}</p>}
      {opened && <VerificationBanner fileName={opened.fileName} report={opened.report} />}
      {document && definition && opened?.report.status === 'valid' && (
        <p className="no-print">
          <button
            type="button"
            onClick={() => {
              continueFromSubmission(document, definition).then(
                (row) => { navigate({ name: 'response', responseId: row.id }); },
                (error: unknown) => { reportError('review.continueFailed', error); },
              );
            }}
          >
            {t('review.continue')}
          </button>{' '}
          <span className="meta">{t('review.continueHelp')}</span>
        </p>
      )}
      {document?.answersReview && <p className="answers-review">{t('review.answersReview', { id: document.answersReview.reviewId })}</p>}
      {document && !definition && catalog && <p role="alert">{t('review.unknownQuestionnaire', { id: document.questionnaire.id, version: document.questionnaire.version })}</p>}
      {document && definition && (
        // Keyed by submission: notes typed for one file must never carry over to the next one opened.
        <SubmissionView key={document.submissionId} document={document} definition={definition} canReview={opened?.report.status === 'valid'} />
      )}
    </div>
  );
}

interface SubmissionViewProps {
  readonly document: SubmissionDocument;
  readonly definition: QuestionnaireDefinition;
  /** Review notes only on a file that verified: nobody should sign a review of altered content. */
  readonly canReview: boolean;
}

function SubmissionView({ document, definition, canReview }: SubmissionViewProps) {
  const { t, i18n } = useTranslation();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const ui = i18n.resolvedLanguage ?? 'en';
  const languages = { ui, content: ui, contentDefault: definition.languages[0] ?? 'en' };
  const answers = useMemo(() => new Map<string, AnswerValue>(Object.entries(document.answers)), [document]);
  // The document holds only shown answers, so relevance over them gives back what the focal point saw.
  const visibility = useMemo(() => computeVisibility(definition, answers), [definition, answers]);
  const needle = query.trim().toLowerCase();
  const draft = useReviewDraftFor(document);
  const reviewing = canReview && draft !== undefined;
  const text = (value: Parameters<typeof localize>[0]) => localize(value, languages.content, languages.contentDefault);

  const sections = definition.sections
    .filter((section) => visibility.sections.has(section.id))
    .map((section) => {
      const questions = section.questions.filter((q) => visibility.questions.has(q.id));
      const shown = questions.filter((q) => {
        if (needle === '') return true;
        const value = answers.get(q.id);
        const haystack = [q.id, text(q.label), ...(value === undefined ? [] : answerLines(t, q, value, languages)), ...(document.evidence[q.id] ?? []).flatMap((e) => [e.title, e.url])]
          .join(' ')
          .toLowerCase();
        return haystack.includes(needle);
      });
      return { section, questions, shown };
    });
  const matches = sections.reduce((sum, s) => sum + s.shown.length, 0);

  return (
    <div className="submission-view">
      <dl className="submission-facts">
        <dt>{t('submit.questionnaire')}</dt>
        <dd>{`${document.questionnaire.title} (${document.questionnaire.id} ${document.questionnaire.version})`}</dd>
        <dt>{t('submit.respondent')}</dt>
        <dd>{`${document.respondent.place} — ${document.respondent.organisation} · ${document.respondent.focalPointName}`}</dd>
        <dt>{t('submit.answered')}</dt>
        <dd>{`${String(document.validation.answered)} / ${String(document.validation.total)}`}</dd>
      </dl>
      <nav className="review-overview no-print" aria-label={t('review.overview')}>
        <ol>
          {sections.map(({ section, questions }) => (
            <li key={section.id}>
              <a
                href={`#/review`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = window.document.getElementById(`review-section-${section.id}`);
                  target?.scrollIntoView({ block: 'start' });
                  target?.focus();
                }}
              >
                {text(section.title)}
              </a>{' '}
              <span className="meta">{t('review.answeredCount', { answered: questions.filter((q) => answers.has(q.id)).length, total: questions.length })}</span>
            </li>
          ))}
        </ol>
      </nav>
      <div className="review-search no-print">
        <label htmlFor={searchId}>{t('review.search')}</label>
        <input id={searchId} type="search" value={query} onChange={(event) => { setQuery(event.target.value); }} />
        <p role="status" className="meta">{needle === '' ? '' : t('review.matches', { count: matches })}</p>
      </div>
      {sections
        .filter(({ shown }) => shown.length > 0)
        .map(({ section, shown }) => (
          <section key={section.id} className="review-section" aria-labelledby={`review-section-${section.id}`}>
            <h2 id={`review-section-${section.id}`} tabIndex={-1}>
              {text(section.title)}
            </h2>
            {shown.map((question) => {
              const value = answers.get(question.id);
              const lines = value === undefined ? [] : answerLines(t, question, value, languages);
              const findings = document.validation.findings.filter((f) => f.questionId === question.id);
              const evidence = document.evidence[question.id] ?? [];
              return (
                <article key={question.id} className="review-question" data-question-id={question.id} aria-label={text(question.label)}>
                  <h3>
                    <span className="question-id">{question.id}</span> {text(question.label)}
                  </h3>
                  <QuestionInfo question={question} criterion={section.code} helpId={`review-help-${question.id}`} language={languages.content} defaultLanguage={languages.contentDefault} />
                  <div className="review-answer">
                    <span className="visually-hidden">{t('review.answer')}: </span>
                    {lines.length === 0 ? <em>{t('review.notAnswered')}</em> : lines.map((line, i) => <p key={i}>{line}</p>)}
                  </div>
                  {evidence.length > 0 && (
                    <ul className="review-evidence">
                      {evidence.map((item) => (
                        <li key={item.id}>
                          <ExternalLink url={item.url}>{item.title}</ExternalLink>{' '}
                          <span className="evidence-url">{item.url}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {findings.map((finding) => (
                    <p key={finding.key} className={`field-${finding.severity}`}>
                      {t(`severity.${finding.severity}`)}
                      {finding.acknowledged ? ` (${t('review.acknowledged')})` : ''}: {finding.detail ?? finding.code}
                    </p>
                  ))}
                  {reviewing && <QuestionReviewNote draft={draft} questionId={question.id} label={text(question.label)} />}
                </article>
              );
            })}
          </section>
        ))}
      {reviewing && <ReviewExport draft={draft} definition={definition} />}
    </div>
  );
}
