import type Dexie from 'dexie';

/**
 * Version 1: responses, their answers (one row per question, so a keystroke rewrites one small
 * row, never the whole response) and app settings. Append-only: never edit a shipped version;
 * add `0002-....ts` with `.stores()` and an `.upgrade()`, plus a test that seeds version 1 data.
 */
export const VERSION = 1;

export function apply(db: Dexie): void {
  db.version(VERSION).stores({
    responses: 'id, questionnaireId, updatedAt',
    answers: '[responseId+questionId], responseId',
    settings: 'key',
  });
}
