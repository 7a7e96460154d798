import { useTranslation } from 'react-i18next';
import { routeHref, useKeptLayout } from '../../app/router';
import type { PlanItem } from '../../../../shared/scoring/plan';
import { indicatorKey } from './score-model';
import type { PlanGroup } from './score-model';
import { formatReferenceShare, statusName } from './score-text';

interface PlanItemsProps {
  readonly responseId: string;
  readonly groups: readonly PlanGroup[];
  readonly language: string;
  /** The edition the reference shares are from (the method's `reference.year`). */
  readonly referenceYear: number | undefined;
  /** The heading level of each criterion: under the screen's h2 on the score view, h2 on the plan. */
  readonly headingLevel: 2 | 3;
  /** Why-it-matters too (the printed plan); the score view keeps to what counts and how. */
  readonly withWhy: boolean;
}

/**
 * The indicators not met, grouped by criterion: each names its status, its guidance and, where
 * the reference gives it, the share of cities that met it in the earlier edition; its label links
 * to the question (section and focus), like the findings of the validation panel.
 */
export function PlanItems({ responseId, groups, language, referenceYear, headingLevel, withWhy }: PlanItemsProps) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {groups.map((group) => (
        <section key={group.criterion} className="plan-group" aria-labelledby={`plan-group-${group.criterion}`} data-criterion={group.criterion}>
          <Heading id={`plan-group-${group.criterion}`}>
            {t('score.plan.groupHeading', { name: group.name, code: group.criterion, count: group.items.length })}
          </Heading>
          <ul className="plan-items">
            {group.items.map((item) => (
              <Item key={indicatorKey(item)} item={item} responseId={responseId} language={language} referenceYear={referenceYear} withWhy={withWhy} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

interface ItemProps {
  readonly item: PlanItem;
  readonly responseId: string;
  readonly language: string;
  readonly referenceYear: number | undefined;
  readonly withWhy: boolean;
}

function Item({ item, responseId, language, referenceYear, withWhy }: ItemProps) {
  const keep = useKeptLayout();
  const { t } = useTranslation();
  return (
    <li className={`plan-item ${item.status}`} data-question-id={item.questionId} data-code={item.code}>
      <p className="plan-item-title">
        <span className="badge">{item.code}</span>{' '}
        <a href={routeHref({ name: 'response', responseId, sectionId: item.sectionId, questionId: item.questionId, ...keep })}>
          <span className="plan-item-label">{item.label}</span>
          <span className="visually-hidden"> — {t('score.goTo')}</span>
        </a>
      </p>
      <p className="plan-item-status">
        <span className="plan-status">{statusName(t, item.status)}</span>
        {item.status === 'yesWithoutEvidence' && <> — {t('score.yesWithoutEvidenceExplained')}</>}
      </p>
      {(item.what !== undefined || item.how !== undefined || (withWhy && item.why !== undefined)) && (
        <dl className="plan-guidance">
          {item.what !== undefined && (
            <>
              <dt>{t('guidance.what')}</dt>
              <dd>{item.what}</dd>
            </>
          )}
          {withWhy && item.why !== undefined && (
            <>
              <dt>{t('guidance.why')}</dt>
              <dd>{item.why}</dd>
            </>
          )}
          {item.how !== undefined && (
            <>
              <dt>{t('guidance.how')}</dt>
              <dd>{item.how}</dd>
            </>
          )}
        </dl>
      )}
      {item.referenceShare !== undefined && referenceYear !== undefined && (
        <p className="plan-reference">{t('score.reference', { year: referenceYear, percent: formatReferenceShare(item.referenceShare, language) })}</p>
      )}
    </li>
  );
}
