import type Dexie from 'dexie';

/**
 * Version 3: `evidence`, the evidence links of each question of a response, one row per question
 * (like answers, so editing one link rewrites one small row). Responses gain an optional
 * `acknowledgedWarnings` list (keys of warnings the focal point has looked at and accepted); it is
 * not indexed, so it needs no store change.
 */
export const VERSION = 3;

export function apply(db: Dexie): void {
  db.version(VERSION).stores({
    evidence: '[responseId+questionId], responseId',
  });
}
