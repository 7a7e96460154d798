import type { EvidenceItem, LinkCheck } from '../../../../shared/schemas/evidence';
import { AppError } from '../../../../shared/errors';
import type { EgovDeskDatabase } from '../database';

/** Evidence links of responses: the only code that reads or writes the `evidence` table. */
export class EvidenceRepository {
  constructor(
    private readonly db: EgovDeskDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async load(responseId: string): Promise<Map<string, readonly EvidenceItem[]>> {
    const rows = await this.db.evidence.where('responseId').equals(responseId).toArray();
    return new Map(rows.map((row) => [row.questionId, row.items]));
  }

  /** Replaces the evidence of one question (an empty list removes the row) and touches the response. */
  async save(responseId: string, questionId: string, items: readonly EvidenceItem[]): Promise<number> {
    const time = this.now();
    await this.db.transaction('rw', this.db.responses, this.db.evidence, async () => {
      const updated = await this.db.responses.update(responseId, { updatedAt: time });
      if (updated === 0) throw new AppError('NOT_FOUND', `Response ${responseId} no longer exists.`);
      if (items.length === 0) await this.db.evidence.delete([responseId, questionId]);
      else await this.db.evidence.put({ responseId, questionId, items, updatedAt: time });
    });
    return time;
  }

  /**
   * Records link-check results on every item whose URL was checked. Read and written in one
   * transaction, so an item edited while the check ran (its URL changed) keeps no stale result.
   * Returns the questions whose evidence changed, with their new lists.
   */
  async recordChecks(responseId: string, checks: ReadonlyMap<string, LinkCheck>): Promise<Map<string, readonly EvidenceItem[]>> {
    const changed = new Map<string, readonly EvidenceItem[]>();
    await this.db.transaction('rw', this.db.evidence, async () => {
      const rows = await this.db.evidence.where('responseId').equals(responseId).toArray();
      const time = this.now();
      for (const row of rows) {
        const items = row.items.map((item) => {
          const check = checks.get(item.url);
          return check ? { ...item, check } : item;
        });
        if (items.every((item, i) => item === row.items[i])) continue;
        await this.db.evidence.put({ ...row, items, updatedAt: time });
        changed.set(row.questionId, items);
      }
    });
    return changed;
  }
}
