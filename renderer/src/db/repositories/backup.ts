import type { BackupTables } from '../../../../shared/backup/rows';
import { planFingerprint, planRestore, restoreWrites } from '../../../../shared/backup/plan';
import type { PlanOptions, RestoreChoices, RestorePlan } from '../../../../shared/backup/plan';
import { AppError } from '../../../../shared/errors';
import type { EgovDeskDatabase } from '../database';

/**
 * Something changed on this device between the plan the person reviewed and the restore (an edit
 * in another tab, an autosave): nothing was written, and the plan must be reviewed again.
 */
export class RestoreChangedError extends AppError {
  constructor() {
    super('INVALID_PAYLOAD', 'Something changed on this device since you reviewed the plan; nothing was restored. Review it again.');
  }
}

export type RestoreStep = 'reading' | 'responses' | 'other' | 'done';

export interface RestoreOptions extends PlanOptions {
  /** The plan the person saw; the restore stops if the data no longer gives the same plan. */
  readonly expected: RestorePlan;
  /** The person's explicit choices (replace newer data, apply unclear times, take settings). */
  readonly choices: RestoreChoices;
  readonly onStep?: (step: RestoreStep) => void;
}

export interface RestoreResult {
  readonly responses: number;
  readonly rows: number;
}

/**
 * Backup and restore: reads every table at once for a backup, and applies a restore plan. The only
 * code that touches all tables together; private keys (`signingKeys`) are never read or written.
 */
export class BackupRepository {
  constructor(private readonly db: EgovDeskDatabase) {}

  private tables() {
    const db = this.db;
    return [db.responses, db.answers, db.evidence, db.settings, db.definitions, db.identities, db.trustedSigners, db.reviewDrafts, db.receivedReviews, db.mergeDecisions, db.mergeFileChoices];
  }

  /** Every backed-up table, read in one transaction so the backup is one consistent moment. */
  async snapshot(): Promise<BackupTables> {
    return this.db.transaction('r', this.tables(), () => this.readAll());
  }

  private async readAll(): Promise<BackupTables> {
    const db = this.db;
    const [responses, answers, evidence, settings, definitions, identities, trustedSigners, reviewDrafts, receivedReviews, mergeDecisions, mergeFileChoices] =
      await Promise.all([
        db.responses.toArray(),
        db.answers.toArray(),
        db.evidence.toArray(),
        db.settings.toArray(),
        db.definitions.toArray(),
        db.identities.toArray(),
        db.trustedSigners.toArray(),
        db.reviewDrafts.toArray(),
        db.receivedReviews.toArray(),
        db.mergeDecisions.toArray(),
        db.mergeFileChoices.toArray(),
      ]);
    return { responses, answers, evidence, settings, definitions, identities, trustedSigners, reviewDrafts, receivedReviews, mergeDecisions, mergeFileChoices };
  }

  /** What restoring `backup` would do to the data as it is now. */
  async plan(backup: BackupTables, options: PlanOptions): Promise<RestorePlan> {
    return planRestore(backup, await this.snapshot(), options);
  }

  /**
   * Restores in ONE read-write transaction over every table: the current data is read again and
   * planned again inside it (with the same options, `now` included), and if that plan differs from
   * the one the person confirmed, in any decision or in the digest of any local row it touches,
   * nothing is written. A response that is added or replaced loses its current answers and evidence first and
   * gets the backup's, so one response never ends up with answers of two versions. Any failure
   * aborts the transaction: all or nothing.
   */
  async restore(backup: BackupTables, options: RestoreOptions): Promise<RestoreResult> {
    const db = this.db;
    return db.transaction('rw', this.tables(), async () => {
      options.onStep?.('reading');
      const plan = planRestore(backup, await this.readAll(), options);
      if (planFingerprint(plan) !== planFingerprint(options.expected)) throw new RestoreChangedError();
      const writes = restoreWrites(plan, backup, options.choices);

      options.onStep?.('responses');
      const ids = writes.responses.map((row) => row.id);
      if (ids.length > 0) {
        await db.answers.where('responseId').anyOf(ids).delete();
        await db.evidence.where('responseId').anyOf(ids).delete();
      }
      await db.responses.bulkPut([...writes.responses]);
      await db.answers.bulkPut([...writes.answers]);
      await db.evidence.bulkPut([...writes.evidence]);

      options.onStep?.('other');
      const rows = writes.rows;
      await db.settings.bulkPut([...rows.settings]);
      await db.definitions.bulkPut([...rows.definitions]);
      await db.identities.bulkPut([...rows.identities]);
      await db.trustedSigners.bulkPut([...rows.trustedSigners]);
      await db.reviewDrafts.bulkPut([...rows.reviewDrafts]);
      await db.receivedReviews.bulkPut([...rows.receivedReviews]);
      await db.mergeDecisions.bulkPut([...rows.mergeDecisions]);
      await db.mergeFileChoices.bulkPut([...rows.mergeFileChoices]);
      options.onStep?.('done');
      const other = Object.values(rows).reduce((sum, list) => sum + list.length, 0);
      return { responses: writes.responses.length, rows: other };
    });
  }
}
