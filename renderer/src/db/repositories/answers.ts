import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { Progress } from '../../../../shared/engine/progress';
import { AppError } from '../../../../shared/errors';
import type { EgovDeskDatabase } from '../database';

/** A batch of changes: a value to store, or `undefined` to clear the answer. */
export type AnswerChanges = ReadonlyMap<string, AnswerValue | undefined>;

/** Answers of responses: the only code that reads or writes the `answers` table. */
export class AnswersRepository {
  constructor(
    private readonly db: EgovDeskDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async load(responseId: string): Promise<Map<string, AnswerValue>> {
    const rows = await this.db.answers.where('responseId').equals(responseId).toArray();
    return new Map(rows.map((row) => [row.questionId, row.value]));
  }

  /**
   * Writes a batch of changes and the response's new progress in one transaction, so the answers
   * and the progress shown on the home screen never disagree.
   */
  async save(responseId: string, changes: AnswerChanges, progress: Progress): Promise<number> {
    const time = this.now();
    await this.db.transaction('rw', this.db.responses, this.db.answers, async () => {
      const updated = await this.db.responses.update(responseId, { updatedAt: time, progress });
      if (updated === 0) throw new AppError('NOT_FOUND', `Response ${responseId} no longer exists.`);
      const puts = [];
      const deletes: [string, string][] = [];
      for (const [questionId, value] of changes) {
        if (value === undefined) deletes.push([responseId, questionId]);
        else puts.push({ responseId, questionId, value, updatedAt: time });
      }
      if (puts.length > 0) await this.db.answers.bulkPut(puts);
      if (deletes.length > 0) await this.db.answers.bulkDelete(deletes);
    });
    return time;
  }
}
