import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ScoreState } from './use-score';
import { routeHref, useKeptLayout } from '../../app/router';
import { useScoreAnnouncement } from './score-announcement';
import { announcementText, formatIndexPercent, levelName } from './score-text';

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
 * can be followed while answering. Its polite live region is the only one for the score, on
 * every view of a scored response: while answering it speaks a new level only, on the score view
 * a new index too, once a change has settled and never as a view opens (score-announcement.ts).
 */
export function ScoreNavLink({ responseId, state, language, current, onFollow }: ScoreNavLinkProps) {
  const keep = useKeptLayout();
  const { t } = useTranslation();
  const announcement = useScoreAnnouncement(state, current);
  return (
    <>
      <p className="check-link score-link">
        <a href={routeHref({ name: 'response', responseId, view: 'score', ...keep })} aria-current={current ? 'page' : undefined} onClick={onFollow}>
          <span className="section-name">{t('score.navLink')}</span>
          <span className="section-progress">
            {navSummary(t, state, language)}
          </span>
        </a>
      </p>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {/* A new node per announcement: the same words spoken again are still read. */}
        {announcement && <span key={announcement.serial}>{announcementText(t, announcement.kind, announcement.score, language)}</span>}
      </p>
    </>
  );
}

function navSummary(t: TFunction, state: ScoreState, language: string): string {
  if (state.kind !== 'scored') return t('score.navUnavailable');
  return t('score.navSummary', { percent: formatIndexPercent(state.result.index, language), level: levelName(t, state.result.level) });
}
