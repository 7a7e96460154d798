import type { Respondent } from '../../../../shared/schemas/response';
import { AppError } from '../../../../shared/errors';
import type { EgovDeskDatabase } from '../database';
import type { AnswerRow, EvidenceRow, ResponseRow } from '../records';

export interface NewResponse {
  readonly questionnaireId: string;
  readonly questionnaireVersion: string;
  readonly questionnaireHash: string;
  readonly respondent: Respondent;
  readonly totalQuestions: number;
}

/** Responses in progress: the only code that reads or writes the `responses` table. */
export class ResponsesRepository {
  constructor(
    private readonly db: EgovDeskDatabase,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Most recently changed first. */
  async list(): Promise<ResponseRow[]> {
    return this.db.responses.orderBy('updatedAt').reverse().toArray();
  }

  async get(id: string): Promise<ResponseRow | undefined> {
    return this.db.responses.get(id);
  }

  async create(input: NewResponse): Promise<ResponseRow> {
    const time = this.now();
    const row: ResponseRow = {
      id: this.newId(),
      questionnaireId: input.questionnaireId,
      questionnaireVersion: input.questionnaireVersion,
      questionnaireHash: input.questionnaireHash,
      respondent: input.respondent,
      createdAt: time,
      updatedAt: time,
      progress: { answered: 0, total: input.totalQuestions },
    };
    await this.db.responses.add(row);
    return row;
  }

  /** Records warnings the focal point has looked at and accepted; the list replaces the previous one. */
  async setAcknowledgedWarnings(id: string, keys: readonly string[]): Promise<void> {
    const updated = await this.db.responses.update(id, { acknowledgedWarnings: [...new Set(keys)] });
    if (updated === 0) throw new AppError('NOT_FOUND', `Response ${id} does not exist.`);
  }

  /** Marks a response as signed and exported: it is read-only from now on. */
  async markSubmitted(id: string, submission: NonNullable<ResponseRow['submission']>): Promise<void> {
    const updated = await this.db.responses.update(id, { submission });
    if (updated === 0) throw new AppError('NOT_FOUND', `Response ${id} does not exist.`);
  }

  /**
   * Starts a new version of a submitted response: a full copy (answers, evidence, acknowledged
   * warnings) that is editable again and records which submission it revises.
   */
  async revise(id: string, answersReview?: ResponseRow['answersReview']): Promise<ResponseRow> {
    // One transaction: the copy, its editable state and the review it answers land together or not at all.
    return this.db.transaction('rw', [this.db.responses, this.db.answers, this.db.evidence, this.db.receivedReviews], async () => {
      const source = await this.db.responses.get(id);
      if (!source?.submission) throw new AppError('NOT_FOUND', `Response ${id} has not been submitted.`);
      const copy = await this.duplicate(id);
      const revised: { -readonly [K in keyof ResponseRow]: ResponseRow[K] } = { ...copy, revises: source.submission.submissionId };
      // A revision is editable and answers at most the review it was started from.
      delete revised.submission;
      delete revised.answersReview;
      if (answersReview) {
        revised.answersReview = answersReview;
        // The review's queries move to the revision, where they are answered.
        await this.db.receivedReviews.update(answersReview.reviewId, { responseId: revised.id });
      }
      await this.db.responses.put(revised);
      return revised;
    });
  }

  /**
   * Creates a draft from an imported submission file ("continue from a file"): the response, its
   * answers and its evidence in one transaction, so a failed import leaves nothing behind.
   */
  async createFromDraft(draft: {
    readonly questionnaireId: string;
    readonly questionnaireVersion: string;
    readonly questionnaireHash: string;
    readonly respondent: ResponseRow['respondent'];
    readonly answers: ReadonlyMap<string, AnswerRow['value']>;
    readonly evidence: ReadonlyMap<string, EvidenceRow['items']>;
    readonly acknowledgedWarnings: readonly string[];
    readonly revises: string;
    readonly progress: ResponseRow['progress'];
  }): Promise<ResponseRow> {
    const time = this.now();
    const row: ResponseRow = {
      id: this.newId(),
      questionnaireId: draft.questionnaireId,
      questionnaireVersion: draft.questionnaireVersion,
      questionnaireHash: draft.questionnaireHash,
      respondent: draft.respondent,
      createdAt: time,
      updatedAt: time,
      progress: draft.progress,
      acknowledgedWarnings: [...draft.acknowledgedWarnings],
      revises: draft.revises,
    };
    await this.db.transaction('rw', [this.db.responses, this.db.answers, this.db.evidence], async () => {
      await this.db.responses.add(row);
      await this.db.answers.bulkAdd([...draft.answers].map(([questionId, value]) => ({ responseId: row.id, questionId, value, updatedAt: time })));
      await this.db.evidence.bulkAdd([...draft.evidence].map(([questionId, items]) => ({ responseId: row.id, questionId, items, updatedAt: time })));
    });
    return row;
  }

  /** Copies a response, every answer and all evidence in one transaction: the copy is complete or absent. */
  async duplicate(id: string): Promise<ResponseRow> {
    return this.db.transaction('rw', [this.db.responses, this.db.answers, this.db.evidence], async () => {
      const source = await this.db.responses.get(id);
      if (!source) throw new AppError('NOT_FOUND', `Response ${id} does not exist.`);
      const time = this.now();
      const copy: ResponseRow = { ...source, id: this.newId(), createdAt: time, updatedAt: time };
      const answers = await this.db.answers.where('responseId').equals(id).toArray();
      await this.db.responses.add(copy);
      await this.db.answers.bulkAdd(answers.map((answer) => ({ ...answer, responseId: copy.id })));
      const evidence = await this.db.evidence.where('responseId').equals(id).toArray();
      await this.db.evidence.bulkAdd(evidence.map((row) => ({ ...row, responseId: copy.id })));
      return copy;
    });
  }

  /** Deletes a response with all its answers and evidence in one transaction. */
  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', [this.db.responses, this.db.answers, this.db.evidence], async () => {
      await this.db.answers.where('responseId').equals(id).delete();
      await this.db.evidence.where('responseId').equals(id).delete();
      await this.db.responses.delete(id);
    });
  }
}
