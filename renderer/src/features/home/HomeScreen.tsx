import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize, localizedLanguage } from '../../../../shared/questionnaire/localize';
import { findEntry, useCatalogListing } from '../../app/catalog';
import type { CatalogEdition, CatalogListing } from '../../app/catalog';
import { ImportDefinition } from '../definitions/ImportDefinition';
import { BackupReminder } from '../backup/BackupReminder';
import { useOpenSubmission } from '../review/open-submission';
import { useOpenReview } from '../review/open-review';
import { ProvenanceNotice } from '../definitions/ProvenanceNotice';
import { navigate, routeHref } from '../../app/router';
import { reportError } from '../../app/notices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage, useResponseList } from '../../db';
import type { ResponseRow } from '../../db';
import { formatDateTime, formatPercent } from '../../i18n/format';

/** Home: the responses in progress and the questionnaires available. */
export function HomeScreen() {
  const { t } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('home.title'));
  // The editions as built-time summaries: listing them fetches and checks no definition (issue 10).
  const catalog = useCatalogListing();

  return (
    <div className="screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('home.title')}
      </h1>
      {catalog && catalog.problems.length > 0 && (
        <div role="alert" className="notice error block">
          <p>{t('home.brokenDefinitions')}</p>
          <ul>
            {catalog.problems.map((problem, i) => (
              <li key={i}>
                <code>{problem.file}</code> <code>{problem.path || '(root)'}</code>: {problem.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      <BackupReminder />
      <OpenSubmission />
      <ResponsesInProgress catalog={catalog} />
      <section aria-labelledby="questionnaires-heading">
        <h2 id="questionnaires-heading">{t('home.questionnaires')}</h2>
        {catalog ? <QuestionnaireCards entries={catalog.entries} /> : <p role="status">{t('common.loading')}</p>}
        {catalog && <ImportDefinition catalog={catalog} />}
      </section>
    </div>
  );
}

/** For reviewers and coordinators: open a signed file (or drop it anywhere on the window). */
function OpenSubmission() {
  const { t } = useTranslation();
  const open = useOpenSubmission();
  const openReview = useOpenReview();
  return (
    <section aria-labelledby="open-submission-heading" className="open-submission">
      <h2 id="open-submission-heading">{t('review.homeTitle')}</h2>
      <p>{t('review.homeIntro')}</p>
      <div className="actions">
        <button type="button" onClick={open}>
          {t('review.open')}
        </button>
        <button type="button" onClick={openReview}>
          {t('reviewReceived.open')}
        </button>
      </div>
    </section>
  );
}

function QuestionnaireCards({ entries }: { readonly entries: readonly CatalogEdition[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <ul className="cards">
      {entries.map((definition) => {
        const { key, origin } = definition;
        const defaultLanguage = definition.languages[0] ?? 'en';
        const title = localize(definition.title, language, defaultLanguage);
        return (
          <li key={key} className="card">
            <h3 lang={localizedLanguage(definition.title, language, defaultLanguage)}>{title}</h3>
            <p className="meta">
              {t('home.questionnaireMeta', { edition: definition.edition, version: definition.version, count: definition.questionCount })}
              {' · '}
              {t(origin === 'bundled' ? 'home.builtIn' : 'home.imported')}
            </p>
            {definition.description && <p>{localize(definition.description, language, defaultLanguage)}</p>}
            <ProvenanceNotice definition={definition} />
            <a
              className="button primary"
              href={routeHref({ name: 'new', questionnaireId: key })}
              aria-label={t('home.startFor', { title: `${title} (${definition.version})` })}
            >
              {t('home.start')}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function ResponsesInProgress({ catalog }: { readonly catalog: CatalogListing | undefined }) {
  const { t, i18n } = useTranslation();
  const responses = useResponseList();
  const [toDelete, setToDelete] = useState<ResponseRow | undefined>();
  const language = i18n.resolvedLanguage ?? 'en';

  const duplicate = (row: ResponseRow) => {
    storage().responses.duplicate(row.id).catch((error: unknown) => { reportError('errors.duplicateFailed', error); });
  };
  const confirmDelete = () => {
    const row = toDelete;
    setToDelete(undefined);
    if (!row) return;
    storage().responses.remove(row.id).catch((error: unknown) => { reportError('errors.deleteFailed', error); });
  };

  return (
    <section aria-labelledby="responses-heading">
      <h2 id="responses-heading">{t('home.responses')}</h2>
      {responses === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : responses.length === 0 ? (
        <p>{t('home.noResponses')}</p>
      ) : (
        <table className="responses">
          <caption className="visually-hidden">{t('home.responses')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('home.respondent')}</th>
              <th scope="col">{t('home.questionnaire')}</th>
              <th scope="col">{t('home.lastChange')}</th>
              <th scope="col">{t('home.progress')}</th>
              <th scope="col">{t('home.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {responses.map((row) => {
              const definition = catalog && findEntry(catalog, row.questionnaireId, row.questionnaireVersion, row.questionnaireHash);
              const title = definition
                ? `${localize(definition.title, language, definition.languages[0] ?? 'en')} (${definition.version})`
                : `${row.questionnaireId} (${row.questionnaireVersion})`;
              const who = `${row.respondent.place} — ${row.respondent.organisation}`;
              const percent = formatPercent(row.progress.answered, row.progress.total, language);
              return (
                <tr key={row.id}>
                  <th scope="row">
                    <a href={routeHref({ name: 'response', responseId: row.id })}>{who}</a>
                    <div className="meta">{row.respondent.focalPointName}</div>
                    {row.submission && <div className="badge submitted">{t('home.submitted', { date: formatDateTime(row.submission.signedAt, language) })}</div>}
                    {row.revises && !row.submission && <div className="badge">{t('home.revision')}</div>}
                  </th>
                  <td>{title}</td>
                  <td>{formatDateTime(row.updatedAt, language)}</td>
                  <td>
                    <progress max={Math.max(row.progress.total, 1)} value={row.progress.answered} aria-label={t('home.progressOf', { who })} />{' '}
                    <span>{t('home.progressValue', { percent, answered: row.progress.answered, total: row.progress.total })}</span>
                  </td>
                  <td>
                    <div className="actions">
                      <button type="button" onClick={() => { navigate({ name: 'response', responseId: row.id }); }} aria-label={t('home.openFor', { who })}>
                        {t('home.open')}
                      </button>
                      <button type="button" onClick={() => { duplicate(row); }} aria-label={t('home.duplicateFor', { who })}>
                        {t('home.duplicate')}
                      </button>
                      <button type="button" className="danger" onClick={() => { setToDelete(row); }} aria-label={t('home.deleteFor', { who })}>
                        {t('home.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={toDelete !== undefined}
        title={t('home.deleteTitle')}
        message={t('home.deleteMessage', { who: toDelete ? `${toDelete.respondent.place} — ${toDelete.respondent.organisation}` : '' })}
        confirmLabel={t('home.deleteConfirm')}
        onConfirm={confirmDelete}
        onCancel={() => { setToDelete(undefined); }}
      />
    </section>
  );
}
