import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref, useKeptLayout } from '../../app/router';
import { indicatorKey } from './score-model';
import type { ComparisonRow } from './score-model';
import { formatReferenceShare, statusName } from './score-text';

interface ReferenceComparisonProps {
  readonly responseId: string;
  readonly rows: readonly ComparisonRow[];
  /** The edition the shares are from (the method's `reference.year`). */
  readonly year: number;
  readonly language: string;
}

/**
 * Every indicator the reference edition reports on, met or not: the answer here next to the share
 * of the assessed cities that met it then. Each indicator links to its question, like the unmet
 * list. The caller leaves it out for a method without a reference.
 */
export function ReferenceComparison({ responseId, rows, year, language }: ReferenceComparisonProps) {
  const keep = useKeptLayout();
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="score-comparison" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('score.compare.heading', { year })}</h2>
      <p>{t('score.compare.intro', { year })}</p>
      <table className="summary score-comparison-table">
        <caption>{t('score.compare.caption', { year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('score.compare.indicator')}</th>
            <th scope="col">{t('score.compare.answer')}</th>
            <th scope="col">{t('score.compare.share', { year })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={indicatorKey(row)} className={`comparison-row ${row.status}`} data-question-id={row.questionId} data-code={row.code}>
              <th scope="row">
                <span className="badge">{row.code}</span>{' '}
                <a href={routeHref({ name: 'response', responseId, sectionId: row.sectionId, questionId: row.questionId, ...keep })}>
                  {row.label}
                  <span className="visually-hidden"> — {t('score.goTo')}</span>
                </a>
              </th>
              <td className="comparison-status">{statusName(t, row.status)}</td>
              <td className="comparison-share">{formatReferenceShare(row.share, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
