import type { ConflictDecision, FileChoice } from '../../../../shared/merge/model';
import type { EgovDeskDatabase } from '../database';
import type { MergeDecisionRow, MergeFileChoiceRow } from '../records';

/** The key part that stands for "no fingerprint given": such a decision applies to any values. */
export const ANY_FINGERPRINT = '*';

function decisionRow(decision: ConflictDecision, storedAt: number): MergeDecisionRow {
  return { respondent: decision.respondent, question: decision.question, fingerprint: decision.fingerprint ?? ANY_FINGERPRINT, decision, storedAt };
}

/** The coordinator's merge decisions and file choices: the only code that touches those tables. */
export class MergeRepository {
  constructor(
    private readonly db: EgovDeskDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every stored conflict decision, oldest first. */
  async decisions(): Promise<MergeDecisionRow[]> {
    return this.db.mergeDecisions.orderBy('storedAt').toArray();
  }

  /** Stores a decision; one for the same respondent, question and fingerprint is replaced. */
  async saveDecision(decision: ConflictDecision): Promise<void> {
    await this.db.mergeDecisions.put(decisionRow(decision, this.now()));
  }

  /** Forgets one stored decision (the coordinator's explicit choice, e.g. for a stale one). */
  async forgetDecision(respondent: string, question: string, fingerprint: string): Promise<void> {
    await this.db.mergeDecisions.delete([respondent, question, fingerprint]);
  }

  /** Every stored file choice. */
  async fileChoices(): Promise<MergeFileChoiceRow[]> {
    return this.db.mergeFileChoices.orderBy('storedAt').toArray();
  }

  async saveFileChoice(choice: FileChoice): Promise<void> {
    await this.db.mergeFileChoices.put({ fileHash: choice.fileHash, include: choice.include, reason: choice.reason, storedAt: this.now() });
  }

  /** Removes a file choice, so the file takes its default standing again. */
  async forgetFileChoice(fileHash: string): Promise<void> {
    await this.db.mergeFileChoices.delete(fileHash);
  }

  /** Stores the choices and decisions of a decisions file, all or nothing. */
  async importDecisions(input: { readonly choices: readonly FileChoice[]; readonly decisions: readonly ConflictDecision[] }): Promise<void> {
    await this.db.transaction('rw', this.db.mergeDecisions, this.db.mergeFileChoices, async () => {
      const time = this.now();
      await this.db.mergeFileChoices.bulkPut(input.choices.map((c) => ({ fileHash: c.fileHash, include: c.include, reason: c.reason, storedAt: time })));
      await this.db.mergeDecisions.bulkPut(input.decisions.map((d) => decisionRow(d, time)));
    });
  }
}
