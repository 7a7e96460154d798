import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import { improvementPlan } from '../../../../shared/scoring/plan';
import type { ScoreResult } from '../../../../shared/scoring/model';
import { reportError } from '../../app/notices';
import { routeHref, useKeptLayout } from '../../app/router';
import type { ResponseRow } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { exportPlanWorkbook } from './export-plan';
import { PlanItems } from './PlanItems';
import { groupPlan } from './score-model';
import type { ScoreState } from './use-score';
import { IndicativeNotice, ScoreHeadline } from './ScoreSummary';

interface PlanViewProps {
  readonly row: ResponseRow;
  readonly definition: QuestionnaireDefinition;
  readonly language: string;
}

type ExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'saved'; readonly file: string }
  | { readonly kind: 'cancelled' };

/**
 * The improvement plan for the team that maintains the portal: who and when, the index and level,
 * then every indicator not met, by criterion, with its guidance. Printable (the app's chrome is
 * hidden in print) and exportable as an Excel sheet.
 */
export function PlanView({ state, ...props }: PlanViewProps & { readonly state: ScoreState }) {
  const { t } = useTranslation();
  if (state.kind === 'unscored') return <p>{t('score.unavailable')}</p>;
  if (state.kind === 'failed') return <p role="alert">{t('score.failed', { reason: state.message })}</p>;
  return <PlanBody {...props} result={state.result} />;
}

function PlanBody({ row, definition, result, language }: PlanViewProps & { readonly result: ScoreResult }) {
  const keep = useKeptLayout();
  const { t } = useTranslation();
  // The plan is dated when the page opens; the export carries the same date as the printout.
  const [createdAt] = useState(() => new Date());
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const plan = useMemo(() => improvementPlan(definition, result, language), [definition, result, language]);
  const groups = useMemo(() => groupPlan(definition, result, plan, language), [definition, result, plan, language]);
  const questionnaire = localize(definition.title, language, definition.languages[0] ?? 'en');
  const respondent = `${row.respondent.place} — ${row.respondent.organisation}`;

  const exportPlan = () => {
    setState({ kind: 'working' });
    exportPlanWorkbook({
      definition,
      result,
      plan,
      title: t('score.plan.documentTitle', { questionnaire }),
      place: row.respondent.place,
      respondent,
      createdAt,
      language,
      dialog: { title: t('score.plan.saveTitle'), filter: t('score.plan.saveFilter') },
    }).then(
      (file) => { setState(file === undefined ? { kind: 'cancelled' } : { kind: 'saved', file }); },
      (error: unknown) => {
        setState({ kind: 'idle' });
        reportError('score.plan.exportFailed', error);
      },
    );
  };

  return (
    <div className="plan-view">
      <dl className="plan-facts">
        <dt>{t('submit.questionnaire')}</dt>
        <dd>{questionnaire}</dd>
        <dt>{t('score.plan.respondent')}</dt>
        <dd>{respondent}</dd>
        <dt>{t('score.plan.date')}</dt>
        <dd>{formatDateTime(createdAt.getTime(), language)}</dd>
      </dl>
      <ScoreHeadline result={result} language={language} />
      <IndicativeNotice result={result} />
      <div className="actions no-print">
        <button type="button" onClick={() => { window.print(); }}>
          {t('score.plan.print')}
        </button>
        <button type="button" className="primary" disabled={state.kind === 'working'} onClick={exportPlan}>
          {t('score.plan.export')}
        </button>
        <a href={routeHref({ name: 'response', responseId: row.id, view: 'score', ...keep })}>{t('score.plan.backToScore')}</a>
      </div>
      <p role="status" className="no-print">
        {state.kind === 'working' && t('score.plan.exporting')}
        {state.kind === 'saved' && t('score.plan.saved', { file: state.file })}
        {state.kind === 'cancelled' && t('score.plan.notSaved')}
      </p>
      {groups.length === 0 ? (
        <p>{t('score.allMet')}</p>
      ) : (
        <PlanItems responseId={row.id} groups={groups} language={language} referenceYear={result.method.reference?.year} headingLevel={2} withWhy />
      )}
    </div>
  );
}
