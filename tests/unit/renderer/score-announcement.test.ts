import { describe, expect, it } from 'vitest';
import { announcementFor, openAnnouncer, settleAnnouncer } from '../../../renderer/src/features/score/score-announcement';
import type { Announcer, ScorePoint } from '../../../renderer/src/features/score/score-announcement';
import { scoreState } from '../../../renderer/src/features/score/use-score';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../shared/schemas/evidence';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { evidenceItem, indicatorRefs } from '../../helpers/scoring-fixtures';

const losi = loadBundledDefinition('losi-2024');

const low: ScorePoint = { index: 10 / 95, level: 'low' };
const lowNext: ScorePoint = { index: 11 / 95, level: 'low' };
const middle: ScorePoint = { index: 24 / 95, level: 'middle' };

describe('when the score is announced', () => {
  it('never for the score a view opens with', () => {
    expect(openAnnouncer(low, false).announcement).toBeUndefined();
    expect(openAnnouncer(low, true).announcement).toBeUndefined();
    expect(announcementFor(undefined, low, true)).toBeUndefined();
    expect(announcementFor(low, undefined, true)).toBeUndefined();
  });

  it('while answering, only when the level changes', () => {
    expect(announcementFor(low, lowNext, false)).toBeUndefined();
    expect(announcementFor(low, middle, false)).toBe('level');
    expect(announcementFor(middle, low, false)).toBe('level');
    expect(announcementFor(low, low, false)).toBeUndefined();
  });

  it('on the score view, also when the index changes', () => {
    expect(announcementFor(low, lowNext, true)).toBe('index');
    expect(announcementFor(low, middle, true)).toBe('level');
    expect(announcementFor(low, { ...low }, true)).toBeUndefined();
  });

  it('says nothing when a change is undone before it settles, and keeps the same state', () => {
    const opened = openAnnouncer(low, false);
    expect(settleAnnouncer(opened, { ...low })).toBe(opened);
  });

  it('compares with the score last settled, spoken or not', () => {
    // Low → Low (silent, but the new baseline) → Middle (spoken) → Low (spoken again).
    let announcer: Announcer = openAnnouncer(low, false);
    announcer = settleAnnouncer(announcer, lowNext);
    expect(announcer.announcement).toBeUndefined();
    expect(announcer.baseline).toEqual(lowNext);
    announcer = settleAnnouncer(announcer, middle);
    expect(announcer.announcement).toEqual({ kind: 'level', score: middle, serial: 1 });
    announcer = settleAnnouncer(announcer, low);
    expect(announcer.announcement).toEqual({ kind: 'level', score: low, serial: 2 });
    // The same words again are a new announcement (a new node in the live region), not a no-op.
    announcer = settleAnnouncer(announcer, middle);
    announcer = settleAnnouncer(announcer, low);
    expect(announcer.announcement?.serial).toBe(4);
  });

  it('speaks three times over a whole LOSI answered yes one indicator at a time, not 95 times', () => {
    const answers = new Map<string, AnswerValue>();
    const evidence = new Map<string, EvidenceItem[]>();
    const point = (): ScorePoint => {
      const state = scoreState(losi, answers, evidence);
      if (state.kind !== 'scored') throw new Error(`expected a score, got ${state.kind}`);
      return { index: state.result.index, level: state.result.level };
    };
    let answering = openAnnouncer(point(), false);
    let onScoreView = openAnnouncer(point(), true);
    const spoken: string[] = [];
    let indexChanges = 0;
    for (const ref of indicatorRefs(losi)) {
      answers.set(ref.questionId, 'yes');
      evidence.set(ref.questionId, [evidenceItem(ref.questionId)]);
      // The worst case: every answer settles before the next one.
      const next = point();
      const before = answering.announcement?.serial;
      answering = settleAnnouncer(answering, next);
      if (answering.announcement !== undefined && answering.announcement.serial !== before) spoken.push(`${answering.announcement.kind}:${answering.announcement.score.level}`);
      const seen = onScoreView.announcement?.serial;
      onScoreView = settleAnnouncer(onScoreView, next);
      if (onScoreView.announcement?.serial !== seen) indexChanges += 1;
    }
    expect(spoken).toEqual(['level:middle', 'level:high', 'level:veryHigh']);
    // On the score view every settled change is spoken: that is the view about the score.
    expect(indexChanges).toBe(95);
    expect(onScoreView.announcement?.kind).toBe('index');
  });
});
