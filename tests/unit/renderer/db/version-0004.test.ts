import { afterEach, describe, expect, it } from 'vitest';
import { EgovDeskDatabase } from '../../../../renderer/src/db/database';
import { createStorage } from '../../../../renderer/src/db';
import { IdentitiesRepository } from '../../../../renderer/src/db/repositories/identities';
import type { SignerCard } from '../../../../shared/submission/document';
import { freshDatabase, versionOneResponse } from '../../../helpers/fake-db';

let db: EgovDeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const respondent = { kind: 'city', place: 'Montevideo', organisation: 'Intendencia', focalPointName: 'Ana', focalPointEmail: 'ana@example.uy' } as const;
const identity = (keyId: string, createdAt: number) => ({ keyId, name: 'Ana', organisation: 'Intendencia', email: 'ana@example.uy', publicKey: 'A'.repeat(43) + '=', createdAt });

describe('Dexie version 4: identities, trusted signers, submissions', () => {
  it('upgrades a version 3 database with data, keeping every row', async () => {
    const v3 = freshDatabase(3);
    await v3.responses.add({ ...versionOneResponse('r1', respondent), acknowledgedWarnings: ['w'] });
    await v3.evidence.add({ responseId: 'r1', questionId: 'A.1', items: [{ id: 'e', url: 'https://gov.example/', title: 'Portal', accessed: '2024-01-01' }], updatedAt: 3 });
    const name = v3.name;
    v3.close();

    db = new EgovDeskDatabase(name, 4);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.responses.get('r1')).toMatchObject({ acknowledgedWarnings: ['w'] });
    expect(await db.evidence.count()).toBe(1);
    expect(await db.identities.count()).toBe(0);
    expect(await db.trustedSigners.count()).toBe(0);
  });

  it('keeps replaced identities readable and names the newest as current', async () => {
    db = freshDatabase();
    let time = 100;
    const identities = new IdentitiesRepository(db, () => time);
    await identities.add(identity('a'.repeat(64), 1));
    time = 200;
    await identities.add(identity('b'.repeat(64), 2));
    expect((await identities.current())?.keyId).toBe('b'.repeat(64));
    const all = await identities.list();
    expect(all.map((row) => [row.keyId.slice(0, 1), row.replacedAt])).toEqual([['b', undefined], ['a', 200]]);
  });

  it('marks a response submitted, and a revision starts an editable copy that records what it revises', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    const response = await storage.responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:1', respondent, totalQuestions: 2 });
    await storage.answers.save(response.id, new Map([['A.1', 'yes']]), { answered: 1, total: 2 });
    await expect(storage.responses.revise(response.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await storage.responses.markSubmitted(response.id, { submissionId: 'sub-1', signedAt: 5, keyId: 'k' });
    const revision = await storage.responses.revise(response.id);
    expect(revision.submission).toBeUndefined();
    expect(revision.revises).toBe('sub-1');
    expect((await storage.answers.load(revision.id)).get('A.1')).toBe('yes');
    expect((await storage.responses.get(response.id))?.submission?.submissionId).toBe('sub-1');
  });

  it('keeps a trusted list of signer cards', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    const card: SignerCard = { format: 'egov-desk/signer-card', formatVersion: 1, name: 'Ana', organisation: 'Intendencia', email: 'ana@example.uy', algorithm: 'Ed25519', keyId: 'c'.repeat(64), publicKey: 'A'.repeat(43) + '=', createdAt: '2024-01-01T00:00:00.000Z' };
    await storage.identities.trust(card);
    expect((await storage.identities.trusted()).map((row) => row.card)).toEqual([card]);
    await storage.identities.distrust(card.keyId);
    expect(await storage.identities.trusted()).toEqual([]);
  });
});
