import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ScoreState } from './use-score';
import { routeHref } from '../../app/router';
import { announcementText, formatIndexPercent, levelName } from './score-text';
import { useSettledAnnouncement } from './use-score';

interface ScoreNavLinkProps {
  readonly responseId: string;
  readonly state: ScoreState;
  readonly language: string;
  /** The score or plan view is open. */
  readonly current: boolean;
  readonly onFollow: () => void;
}

/**
 * The "Score" entry of the answer screen's navigation, with the live index and level, so the score
 * can be followed while answering. Its polite live region speaks the new score once a change has
 * settled, never on every keystroke. It is the only live region for the score: it is on every
 * view of a scored response, the score view included.
 */
export function ScoreNavLink({ responseId, state, language, current, onFollow }: ScoreNavLinkProps) {
  const { t } = useTranslation();
  const announced = useSettledAnnouncement(state.kind === 'scored' ? announcementText(t, state.result, language) : '');
  return (
    <>
      <p className="check-link score-link">
        <a href={routeHref({ name: 'response', responseId, view: 'score' })} aria-current={current ? 'page' : undefined} onClick={onFollow}>
          <span className="section-name">{t('score.navLink')}</span>
          <span className="section-progress">
            {navSummary(t, state, language)}
          </span>
        </a>
      </p>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announced}
      </p>
    </>
  );
}

function navSummary(t: TFunction, state: ScoreState, language: string): string {
  if (state.kind !== 'scored') return t('score.navUnavailable');
  return t('score.navSummary', { percent: formatIndexPercent(state.result.index, language), level: levelName(t, state.result.level) });
}
