import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { improvementPlan } from '../../../../shared/scoring/plan';
import type { ScoreResult } from '../../../../shared/scoring/model';
import type { ScoreState } from './use-score';
import { routeHref, useKeptLayout } from '../../app/router';
import { PlanItems } from './PlanItems';
import { ReferenceComparison } from './ReferenceComparison';
import { ScoreChart } from './ScoreChart';
import { chartRows, comparisonRows, groupPlan } from './score-model';
import { IndicativeNotice, ScoreHeadline } from './ScoreSummary';

interface ScoreViewProps {
  readonly responseId: string;
  readonly definition: QuestionnaireDefinition;
  readonly language: string;
}

/**
 * The self-assessment score of an OSI or LOSI response: the index and level, what is indicative
 * about them, a bar per criterion with its table, every indicator not met with its guidance and a
 * link to the question, and, where the method has a reference edition (LOSI), every indicator it
 * gives a share for next to the answer here. It follows the answers and evidence as they change;
 * the polite announcement of a changed score is the navigation's (ScoreNavLink), present on this
 * view too.
 */
export function ScoreView({ state, ...props }: ScoreViewProps & { readonly state: ScoreState }) {
  const { t } = useTranslation();
  if (state.kind === 'unscored') return <p>{t('score.unavailable')}</p>;
  if (state.kind === 'failed') return <p role="alert">{t('score.failed', { reason: state.message })}</p>;
  return <ScoreBody {...props} result={state.result} />;
}

function ScoreBody({ responseId, definition, result, language }: ScoreViewProps & { readonly result: ScoreResult }) {
  const keep = useKeptLayout();
  const { t } = useTranslation();
  const rows = useMemo(() => chartRows(definition, result, language), [definition, result, language]);
  const groups = useMemo(() => groupPlan(definition, result, improvementPlan(definition, result, language), language), [definition, result, language]);
  const comparison = useMemo(() => comparisonRows(definition, result, language), [definition, result, language]);
  const reference = result.method.reference;
  return (
    <div className="score-view">
      <p>{t('score.intro')}</p>
      <ScoreHeadline result={result} language={language} />
      <IndicativeNotice result={result} />
      <p className="actions">
        <a className="button" href={routeHref({ name: 'response', responseId, view: 'plan', ...keep })}>
          {t('score.openPlan')}
        </a>
      </p>
      <h2>{t('score.chart.heading')}</h2>
      <ScoreChart rows={rows} language={language} />
      <h2>{t('score.unmetHeading')}</h2>
      {groups.length === 0 ? (
        <p>{t('score.allMet')}</p>
      ) : (
        <PlanItems responseId={responseId} groups={groups} language={language} referenceYear={reference?.year} headingLevel={3} withWhy={false} />
      )}
      {reference !== undefined && comparison.length > 0 && (
        <ReferenceComparison responseId={responseId} rows={comparison} year={reference.year} language={language} />
      )}
    </div>
  );
}
