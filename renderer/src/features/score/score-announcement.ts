import { useEffect, useState } from 'react';
import type { Level } from '../../../../shared/scoring/model';
import type { ScoreState } from './use-score';

/**
 * When the score is spoken. Every answer of a LOSI moves the index, so speaking each change would
 * be about a hundred interruptions over one questionnaire. The rule: while answering, only a new
 * level is spoken; on the score view, where the score is what the person is looking at, a new
 * index is spoken too. Either only once a change has settled, and never for the score a view opens
 * with (that is read with the page, not spoken over it).
 */

/** How long a score must stay the same before it is spoken: a yes changed back to no is silent. */
export const SETTLE_MS = 1500;

export interface ScorePoint {
  readonly index: number;
  readonly level: Level;
}

export type ScoreAnnouncementKind = 'level' | 'index';

/** What to speak when the score settles at `next` after `previous`; nothing when either is not a score. */
export function announcementFor(previous: ScorePoint | undefined, next: ScorePoint | undefined, onScoreView: boolean): ScoreAnnouncementKind | undefined {
  if (previous === undefined || next === undefined) return undefined;
  if (next.level !== previous.level) return 'level';
  if (onScoreView && next.index !== previous.index) return 'index';
  return undefined;
}

export interface Announcement {
  readonly kind: ScoreAnnouncementKind;
  readonly score: ScorePoint;
  /** Counts announcements, so the same words spoken again are a new node the live region reads. */
  readonly serial: number;
}

export interface Announcer {
  readonly onScoreView: boolean;
  /** The score as last settled, or as the view opened with it: what the person already knows. */
  readonly baseline: ScorePoint | undefined;
  readonly announcement: Announcement | undefined;
}

/** A view has opened with this score: nothing to speak yet. */
export function openAnnouncer(score: ScorePoint | undefined, onScoreView: boolean): Announcer {
  return { onScoreView, baseline: score, announcement: undefined };
}

/** The score has settled at `next`: speak it if the rule says so; either way it is the new baseline. */
export function settleAnnouncer(announcer: Announcer, next: ScorePoint | undefined): Announcer {
  const kind = announcementFor(announcer.baseline, next, announcer.onScoreView);
  if (kind === undefined || next === undefined) {
    return samePoint(announcer.baseline, next) ? announcer : { ...announcer, baseline: next };
  }
  return { ...announcer, baseline: next, announcement: { kind, score: next, serial: (announcer.announcement?.serial ?? 0) + 1 } };
}

function samePoint(a: ScorePoint | undefined, b: ScorePoint | undefined): boolean {
  return a?.index === b?.index && a?.level === b?.level;
}

function pointOf(index: number | undefined, level: Level | undefined): ScorePoint | undefined {
  return index === undefined || level === undefined ? undefined : { index, level };
}

/**
 * The announcement for the live region of the score, following `announcementFor`. Opening another
 * kind of view (the score view from a section, or back) starts afresh: a change still settling is
 * shown by the view that opens, not spoken over it, and an earlier announcement is cleared.
 */
export function useScoreAnnouncement(state: ScoreState, onScoreView: boolean, delayMs: number = SETTLE_MS): Announcement | undefined {
  const index = state.kind === 'scored' ? state.result.index : undefined;
  const level = state.kind === 'scored' ? state.result.level : undefined;
  const [announcer, setAnnouncer] = useState(() => openAnnouncer(pointOf(index, level), onScoreView));
  // Adjusted while rendering (not in an effect), so the opening view never shows the old words.
  const current = announcer.onScoreView === onScoreView ? announcer : openAnnouncer(pointOf(index, level), onScoreView);
  if (current !== announcer) setAnnouncer(current);

  useEffect(() => {
    const next = pointOf(index, level);
    const timer = setTimeout(() => {
      setAnnouncer((latest) => settleAnnouncer(latest, next));
    }, delayMs);
    return () => { clearTimeout(timer); };
  }, [index, level, delayMs]);

  return current.announcement;
}
