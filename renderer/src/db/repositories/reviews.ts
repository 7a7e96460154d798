import type { EgovDeskDatabase } from '../database';
import type { ReceivedReviewRow, ReviewDraftRow } from '../records';

type Note = ReviewDraftRow['notes'][string];

/** Review drafts (reviewer side) and received reviews (focal point side). */
export class ReviewsRepository {
  constructor(
    private readonly db: EgovDeskDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async draft(submissionHash: string): Promise<ReviewDraftRow | undefined> {
    return this.db.reviewDrafts.get(submissionHash);
  }

  /** Starts a draft for a verified submission, or returns the one already there. */
  async openDraft(row: Omit<ReviewDraftRow, 'notes' | 'generalComment' | 'updatedAt'>): Promise<ReviewDraftRow> {
    return this.db.transaction('rw', this.db.reviewDrafts, async () => {
      const existing = await this.db.reviewDrafts.get(row.submissionHash);
      if (existing) return existing;
      const created: ReviewDraftRow = { ...row, notes: {}, generalComment: '', updatedAt: this.now() };
      await this.db.reviewDrafts.add(created);
      return created;
    });
  }

  /** Sets (or clears, with undefined) the note on one question; read and written in one transaction. */
  async setNote(submissionHash: string, questionId: string, note: Note | undefined): Promise<void> {
    await this.db.transaction('rw', this.db.reviewDrafts, async () => {
      const draft = await this.db.reviewDrafts.get(submissionHash);
      if (!draft) return;
      const notes = Object.fromEntries(Object.entries(draft.notes).filter(([id]) => id !== questionId));
      if (note) notes[questionId] = note;
      await this.db.reviewDrafts.put({ ...draft, notes, updatedAt: this.now() });
    });
  }

  async setGeneralComment(submissionHash: string, generalComment: string): Promise<void> {
    await this.db.reviewDrafts.update(submissionHash, { generalComment, updatedAt: this.now() });
  }

  async receive(row: Omit<ReceivedReviewRow, 'importedAt'>): Promise<void> {
    await this.db.receivedReviews.put({ ...row, importedAt: this.now() });
  }

  /** Reviews attached to a response, newest first. */
  async receivedFor(responseId: string): Promise<ReceivedReviewRow[]> {
    const rows = await this.db.receivedReviews.where('responseId').equals(responseId).toArray();
    return rows.sort((a, b) => b.importedAt - a.importedAt);
  }
}
