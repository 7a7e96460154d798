import type Dexie from 'dexie';

/**
 * Version 6: the coordinator's merge decisions (issue 7), so that nothing decided is lost when the
 * app closes, and adding the same files again brings every decision back.
 * - `mergeDecisions`: one conflict decision per respondent, question and the fingerprint of the
 *   values it was made for. The fingerprint is part of the key: a decision made when the values
 *   were A/B is kept when a new file makes them A/B/C (and applies again if that file is removed).
 *   A decision from a decisions file that names no fingerprint is stored under `*`.
 * - `mergeFileChoices`: whether to include a file that failed verification, or leave out a valid
 *   one, with the reason; keyed by the file's SHA-256, whatever it is called.
 * The intake itself (the verified files) stays in memory: the files are the record.
 */
export const VERSION = 6;

export function apply(db: Dexie): void {
  db.version(VERSION).stores({
    mergeDecisions: '[respondent+question+fingerprint], respondent, storedAt',
    mergeFileChoices: 'fileHash, storedAt',
  });
}
