import { useTranslation } from 'react-i18next';
import type { ScoreResult } from '../../../../shared/scoring/model';
import { formatIndex, formatIndexPercent, indicativeLines, levelName } from './score-text';

/** The overall index (as a percentage and on the 0–1 scale), the level and the counts. */
export function ScoreHeadline({ result, language }: { readonly result: ScoreResult; readonly language: string }) {
  const { t } = useTranslation();
  const { totals } = result;
  return (
    <div className={`score-headline level-${result.level}`} data-level={result.level}>
      <dl className="score-figures">
        <div>
          <dt>{t('score.index')}</dt>
          <dd className="score-index">
            {formatIndexPercent(result.index, language)} <span className="score-index-raw">({formatIndex(result.index, language)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('score.levelLabel')}</dt>
          <dd className="score-level">{levelName(t, result.level)}</dd>
        </div>
        <div>
          <dt>{t('score.indicatorsMet')}</dt>
          <dd>{t('score.metOfTotal', { met: totals.met, total: totals.indicators })}</dd>
        </div>
      </dl>
      <p className="score-counts">
        {t('score.counts', { yesWithoutEvidence: totals.yesWithoutEvidence, notMet: totals.notMet, unanswered: totals.unanswered })}
      </p>
    </div>
  );
}

/** What this score is and is not: indicative, which parts are reconstructed, the evidence rule. */
export function IndicativeNotice({ result }: { readonly result: ScoreResult }) {
  const { t } = useTranslation();
  return (
    <div className="provenance-notice score-notice">
      {indicativeLines(t, result.method).map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
