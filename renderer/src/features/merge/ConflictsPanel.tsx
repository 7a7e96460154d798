import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergedRespondent, MergeResult } from '../../../../shared/merge/model';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { reportError } from '../../app/notices';
import type { MergeDecisionRow } from '../../db';
import { storage } from '../../db';
import { ConflictCard } from './ConflictCard';
import { PAGE_SIZE, Pager, pageCount } from './Pager';
import { rowFor } from './stored-decisions';
import { findQuestion } from './value-text';

/** Respondents with conflicts shown per page: each brings its cards and forms. */
const CONFLICT_PAGE_SIZE = 10;

export function organisationsOf(respondent: MergedRespondent): string[] {
  return [...new Set(respondent.contributions.map((c) => c.organisation))];
}

function conflictCounts(respondent: MergedRespondent): { open: number; resolved: number } {
  let open = 0;
  let resolved = 0;
  for (const answer of respondent.answers) {
    if (answer.status === 'conflict') open += 1;
    else if (answer.status === 'resolved') resolved += 1;
  }
  return { open, resolved };
}

interface Props {
  readonly result: MergeResult;
  readonly decisionRows: readonly MergeDecisionRow[];
  readonly definitionFor: (respondent: MergedRespondent) => QuestionnaireDefinition | undefined;
}

/** Respondents (one row each), then their conflicts to decide, then decisions that no longer fit. */
export function ConflictsPanel({ result, decisionRows, definitionFor }: Props) {
  const { t } = useTranslation();
  const [respondentPage, setRespondentPage] = useState(0);
  const [conflictPage, setConflictPage] = useState(0);
  const [openOnly, setOpenOnly] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const { respondents } = result;

  const withConflicts = useMemo(
    () =>
      respondents
        .map((respondent) => ({ respondent, counts: conflictCounts(respondent) }))
        .filter(({ counts }) => (openOnly ? counts.open > 0 : counts.open + counts.resolved > 0)),
    [respondents, openOnly],
  );
  const respondentPages = pageCount(respondents.length);
  const currentRespondentPage = Math.min(respondentPage, respondentPages - 1);
  const conflictPages = pageCount(withConflicts.length, CONFLICT_PAGE_SIZE);
  const currentConflictPage = Math.min(conflictPage, conflictPages - 1);
  const placeOf = (key: string) => respondents.find((r) => r.key === key)?.place ?? key;

  return (
    <>
      <section aria-labelledby="merge-respondents">
        <h2 id="merge-respondents">{t('merge.respondents.title')}</h2>
        {respondents.length === 0 ? (
          <p className="meta">{t('merge.respondents.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="merge-respondents" aria-labelledby="merge-respondents">
              <thead>
                <tr>
                  <th scope="col">{t('merge.respondents.place')}</th>
                  <th scope="col">{t('home.questionnaire')}</th>
                  <th scope="col">{t('merge.respondents.organisations')}</th>
                  <th scope="col">{t('merge.respondents.contributions')}</th>
                  <th scope="col">{t('merge.respondents.open')}</th>
                  <th scope="col">{t('merge.respondents.resolved')}</th>
                </tr>
              </thead>
              <tbody>
                {respondents.slice(currentRespondentPage * PAGE_SIZE, (currentRespondentPage + 1) * PAGE_SIZE).map((respondent) => {
                  const counts = conflictCounts(respondent);
                  return (
                    <tr key={respondent.key}>
                      <th scope="row">{respondent.place}</th>
                      <td>{`${respondent.questionnaire.title} ${respondent.questionnaire.version}`}</td>
                      <td>{organisationsOf(respondent).join(', ')}</td>
                      <td>{respondent.contributions.length}</td>
                      <td className={counts.open > 0 ? 'needs-decision' : undefined}>{counts.open}</td>
                      <td>{counts.resolved}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pager label={t('merge.respondents.pages')} page={currentRespondentPage} pages={respondentPages} onPage={setRespondentPage} />
      </section>

      <section aria-labelledby="merge-conflicts">
        <h2 id="merge-conflicts">{t('merge.conflicts.title')}</h2>
        <p>{t('merge.conflicts.intro')}</p>
        <label className="option">
          <input
            type="checkbox"
            checked={openOnly}
            onChange={(event) => {
              setOpenOnly(event.target.checked);
              setConflictPage(0);
            }}
          />
          {t('merge.conflicts.openOnly')}
        </label>
        <div role="status" className="conflict-status-line">
          {announcement && <p>{announcement}</p>}
        </div>
        {withConflicts.length === 0 && <p className="meta">{t(openOnly ? 'merge.conflicts.noneOpen' : 'merge.conflicts.none')}</p>}
        {withConflicts.slice(currentConflictPage * CONFLICT_PAGE_SIZE, (currentConflictPage + 1) * CONFLICT_PAGE_SIZE).map(({ respondent, counts }) => (
          <RespondentConflicts
            key={respondent.key}
            respondent={respondent}
            counts={counts}
            openOnly={openOnly}
            definition={definitionFor(respondent)}
            onSaved={(question) => { setAnnouncement(t('merge.conflicts.saved', { question, place: respondent.place })); }}
          />
        ))}
        <Pager label={t('merge.conflicts.pages')} page={currentConflictPage} pages={conflictPages} onPage={setConflictPage} />
      </section>

      {result.staleDecisions.length > 0 && (
        <section aria-labelledby="merge-stale">
          <h2 id="merge-stale">{t('merge.stale.title')}</h2>
          <p>{t('merge.stale.intro')}</p>
          <ul className="stale-decisions">
            {result.staleDecisions.map((stale) => {
              const row = rowFor(decisionRows, stale.respondent, stale.question);
              return (
                <li key={`${stale.respondent}\n${stale.question}`}>
                  {t('merge.stale.item', { place: placeOf(stale.respondent), question: stale.question, why: t(`merge.stale.why.${stale.why}`) })}
                  {row && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        storage().merge.forgetDecision(row.respondent, row.question, row.fingerprint).catch((error: unknown) => { reportError('merge.stale.forgetFailed', error); });
                      }}
                    >
                      {t('merge.stale.forget')}
                      <span className="visually-hidden"> {stale.question}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

interface RespondentConflictsProps {
  readonly respondent: MergedRespondent;
  readonly counts: { readonly open: number; readonly resolved: number };
  readonly openOnly: boolean;
  readonly definition: QuestionnaireDefinition | undefined;
  readonly onSaved: (question: string) => void;
}

function RespondentConflicts({ respondent, counts, openOnly, definition, onSaved }: RespondentConflictsProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const ui = i18n.resolvedLanguage ?? 'en';
  const languages = { ui, content: ui, contentDefault: definition?.languages[0] ?? 'en' };
  const answers = respondent.answers.filter((a) => a.status === 'conflict' || (!openOnly && a.status === 'resolved'));
  return (
    <section className="respondent-conflicts" aria-labelledby={headingId}>
      <h3 id={headingId}>{`${respondent.place} — ${respondent.questionnaire.title} ${respondent.questionnaire.version}`}</h3>
      <p className="meta">
        {t('merge.conflicts.respondentMeta', { organisations: organisationsOf(respondent).join(', '), count: respondent.contributions.length, open: counts.open, resolved: counts.resolved })}
      </p>
      {answers.map((answer) => (
        <ConflictCard key={answer.questionId} respondent={respondent} answer={answer} question={findQuestion(definition, answer.questionId)} languages={languages} onSaved={onSaved} />
      ))}
    </section>
  );
}
