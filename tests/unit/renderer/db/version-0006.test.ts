import { afterEach, describe, expect, it } from 'vitest';
import { EgovDeskDatabase } from '../../../../renderer/src/db/database';
import { ANY_FINGERPRINT, createStorage } from '../../../../renderer/src/db';
import type { ConflictDecision } from '../../../../shared/merge/model';
import { freshDatabase, versionOneResponse } from '../../../helpers/fake-db';

let db: EgovDeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const respondent = { kind: 'country', place: 'Kenya', organisation: 'ICT Authority', focalPointName: 'Wanjiru', focalPointEmail: 'w@example.ke' } as const;

function decision(question: string, fingerprint: string | undefined, reason: string, decidedAt = '2024-06-01T10:00:00.000Z'): ConflictDecision {
  return {
    respondent: 'test-all-types@1.0.0/country/kenya',
    question,
    ...(fingerprint === undefined ? {} : { fingerprint }),
    resolution: { choice: { kind: 'combine' }, reason, decidedAt },
  };
}

describe('Dexie version 6: merge decisions and file choices', () => {
  it('upgrades a version 5 database with data, keeping every row, with the two new tables empty', async () => {
    const v5 = freshDatabase(5);
    await v5.responses.add(versionOneResponse('r1', respondent));
    await v5.reviewDrafts.add({ submissionHash: 'sha256:1', submissionId: 's1', document: {} as never, notes: {}, generalComment: 'ok', updatedAt: 1 });
    const name = v5.name;
    v5.close();

    db = new EgovDeskDatabase(name, 6);
    await db.open();
    expect(db.verno).toBe(6);
    expect((await db.responses.get('r1'))?.respondent.place).toBe('Kenya');
    expect((await db.reviewDrafts.get('sha256:1'))?.generalComment).toBe('ok');
    expect(await db.mergeDecisions.count()).toBe(0);
    expect(await db.mergeFileChoices.count()).toBe(0);
    expect(db.table('mergeDecisions').schema.primKey.keyPath).toEqual(['respondent', 'question', 'fingerprint']);
    expect(db.table('mergeFileChoices').schema.primKey.keyPath).toBe('fileHash');
  });

  it('keeps one decision per respondent, question and fingerprint: a new one for other values does not replace the old', async () => {
    db = freshDatabase();
    let clock = 0;
    const storage = createStorage(db);
    const { MergeRepository } = await import('../../../../renderer/src/db/repositories/merge');
    const merge = new MergeRepository(db, () => (clock += 1));
    await merge.saveDecision(decision('B.1', 'sha256:ab', 'first'));
    await merge.saveDecision(decision('B.1', 'sha256:cd', 'other values'));
    await merge.saveDecision(decision('B.1', 'sha256:ab', 'changed my mind'));
    const rows = await storage.merge.decisions();
    expect(rows.map((r) => [r.fingerprint, r.decision.resolution.reason, r.storedAt])).toEqual([
      ['sha256:cd', 'other values', 2],
      ['sha256:ab', 'changed my mind', 3],
    ]);
    await merge.forgetDecision('test-all-types@1.0.0/country/kenya', 'B.1', 'sha256:cd');
    expect((await merge.decisions()).map((r) => r.fingerprint)).toEqual(['sha256:ab']);
  });

  it('stores file choices by file hash, replaces and forgets them', async () => {
    db = freshDatabase();
    const { merge } = createStorage(db);
    await merge.saveFileChoice({ fileHash: 'sha256:f1', include: true, reason: 'the edit only fixed a typo' });
    await merge.saveFileChoice({ fileHash: 'sha256:f1', include: false, reason: 'asked the ministry; it was not theirs' });
    await merge.saveFileChoice({ fileHash: 'sha256:f2', include: false, reason: 'test file' });
    expect((await merge.fileChoices()).map((c) => [c.fileHash, c.include, c.reason])).toEqual([
      ['sha256:f1', false, 'asked the ministry; it was not theirs'],
      ['sha256:f2', false, 'test file'],
    ]);
    await merge.forgetFileChoice('sha256:f2');
    expect((await merge.fileChoices()).map((c) => c.fileHash)).toEqual(['sha256:f1']);
  });

  it('imports a decisions file all at once; a decision that names no fingerprint is stored under "*"', async () => {
    db = freshDatabase();
    const { merge } = createStorage(db);
    await merge.importDecisions({
      choices: [{ fileHash: 'sha256:f1', include: true, reason: 'checked by phone' }],
      decisions: [decision('A.1', undefined, 'from the CLI'), decision('B.1', 'sha256:ab', 'both')],
    });
    expect((await merge.decisions()).map((r) => [r.question, r.fingerprint])).toEqual([
      ['A.1', ANY_FINGERPRINT],
      ['B.1', 'sha256:ab'],
    ]);
    expect(await merge.fileChoices()).toHaveLength(1);
  });
});
