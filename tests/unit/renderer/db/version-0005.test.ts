import { afterEach, describe, expect, it } from 'vitest';
import { EgovDeskDatabase } from '../../../../renderer/src/db/database';
import { createStorage } from '../../../../renderer/src/db';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { freshDatabase, versionOneResponse } from '../../../helpers/fake-db';

let db: EgovDeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const respondent = { kind: 'country', place: 'Kenya', organisation: 'ICT Authority', focalPointName: 'Wanjiru', focalPointEmail: 'w@example.ke' } as const;

describe('Dexie version 5: review drafts and received reviews', () => {
  it('upgrades a version 4 database with data, keeping every row', async () => {
    const v4 = freshDatabase(4);
    await v4.responses.add({ ...versionOneResponse('r1', respondent), submission: { submissionId: 's1', signedAt: 5, keyId: 'k' } });
    await v4.identities.add({ keyId: 'a'.repeat(64), name: 'W', organisation: 'ICTA', email: 'w@example.ke', publicKey: 'A'.repeat(43) + '=', createdAt: 1 });
    const name = v4.name;
    v4.close();

    db = new EgovDeskDatabase(name, 5);
    await db.open();
    expect(db.verno).toBe(5);
    expect((await db.responses.get('r1'))?.submission?.submissionId).toBe('s1');
    expect(await db.identities.count()).toBe(1);
    expect(await db.reviewDrafts.count()).toBe(0);
    expect(await db.receivedReviews.count()).toBe(0);
  });

  it('keeps a reviewer\'s notes per submission hash, one question at a time', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    const document = { submissionId: 's1' } as unknown as SubmissionDocument;
    await storage.reviews.openDraft({ submissionHash: 'sha256:1', submissionId: 's1', document });
    await storage.reviews.setNote('sha256:1', 'A.1', { status: 'query', comment: 'Which year?' });
    await storage.reviews.setNote('sha256:1', 'A.2', { status: 'accepted', comment: '' });
    await storage.reviews.setNote('sha256:1', 'A.2', undefined);
    await storage.reviews.setGeneralComment('sha256:1', 'Thanks.');
    const again = await storage.reviews.openDraft({ submissionHash: 'sha256:1', submissionId: 's1', document });
    expect(again.notes).toEqual({ 'A.1': { status: 'query', comment: 'Which year?' } });
    expect(again.generalComment).toBe('Thanks.');
  });

  it('a revision started from a review records it, and a plain revision does not inherit it', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    const response = await storage.responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:1', respondent, totalQuestions: 2 });
    await storage.responses.markSubmitted(response.id, { submissionId: 's1', signedAt: 5, keyId: 'k' });
    await db.receivedReviews.add({ reviewId: 'r1', reviewHash: 'sha256:r', responseId: response.id, review: {} as never, importedAt: 1 });
    const answering = await storage.responses.revise(response.id, { reviewId: 'r1', reviewHash: 'sha256:r' });
    expect(answering.answersReview).toEqual({ reviewId: 'r1', reviewHash: 'sha256:r' });
    // The review's queries moved with it, in the same transaction.
    expect((await storage.reviews.receivedFor(answering.id)).map((r) => r.reviewId)).toEqual(['r1']);
    expect(await storage.reviews.receivedFor(response.id)).toEqual([]);
    await storage.responses.markSubmitted(answering.id, { submissionId: 's2', signedAt: 6, keyId: 'k' });
    const plain = await storage.responses.revise(answering.id);
    expect(plain.answersReview).toBeUndefined();
    expect(plain.revises).toBe('s2');
  });

  it('creates a draft from an imported file with its answers and evidence, all or nothing', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    const row = await storage.responses.createFromDraft({
      questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:1', respondent,
      answers: new Map([['A.1', 'yes']]),
      evidence: new Map([['A.1', [{ id: 'e', url: 'https://gov.example/', title: 'Portal', accessed: '2024-01-01' }]]]),
      acknowledgedWarnings: ['w1'], revises: 's1', progress: { answered: 1, total: 2 },
    });
    expect((await storage.answers.load(row.id)).get('A.1')).toBe('yes');
    expect((await storage.evidence.load(row.id)).get('A.1')).toHaveLength(1);
    expect((await storage.responses.get(row.id))?.acknowledgedWarnings).toEqual(['w1']);
  });
});
