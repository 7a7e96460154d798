import type Dexie from 'dexie';

/**
 * Version 5: the review loop.
 * - `reviewDrafts`: a reviewer's notes on a submission they opened (accepted or queried per
 *   question, a general comment), keyed by the submission's content hash so notes are never
 *   attached to another version of it. The verified submission document is kept with them, so the
 *   review can be continued later without the file.
 * - `receivedReviews`: review files a focal point imported, keyed by review id, with the response
 *   their queries are shown on.
 * Responses gain an optional, unindexed `answersReview` ({ reviewId, reviewHash }): a revision
 * started from a review records it, and its signed submission says which review it answers.
 */
export const VERSION = 5;

export function apply(db: Dexie): void {
  db.version(VERSION).stores({
    reviewDrafts: 'submissionHash, updatedAt',
    receivedReviews: 'reviewId, responseId',
  });
}
