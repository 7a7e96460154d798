import { afterEach, describe, expect, it } from 'vitest';
import { EgovDeskDatabase } from '../../../../renderer/src/db/database';
import { freshDatabase, versionOneResponse } from '../../../helpers/fake-db';

let db: EgovDeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

describe('Dexie version 2: signing keys and imported definitions', () => {
  it('upgrades a version 1 database with data, keeping every row, and adds an empty signingKeys table', async () => {
    const v1 = freshDatabase(1);
    await v1.responses.add(
      versionOneResponse('r1', { kind: 'country', place: 'Kenya', organisation: 'ICT Authority', focalPointName: 'Wanjiru', focalPointEmail: 'w@example.ke' }),
    );
    await v1.answers.bulkAdd([
      { responseId: 'r1', questionId: 'A.1', value: 'https://www.gov.example/', updatedAt: 2 },
      { responseId: 'r1', questionId: 'C.1', value: [{ rowId: 'x', answers: { name: 'Health' } }], updatedAt: 2 },
    ]);
    await v1.settings.put({ key: 'ui.language', value: 'fr' });
    const name = v1.name;
    v1.close();

    db = new EgovDeskDatabase(name, 2);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.responses.count()).toBe(1);
    expect(await db.answers.where('responseId').equals('r1').count()).toBe(2);
    expect(await db.answers.get(['r1', 'C.1'])).toMatchObject({ value: [{ rowId: 'x', answers: { name: 'Health' } }] });
    expect(await db.settings.get('ui.language')).toEqual({ key: 'ui.language', value: 'fr' });
    expect(await db.signingKeys.count()).toBe(0);
    expect(await db.definitions.count()).toBe(0);
    // Responses made before version 2 have no content hash; they stay bound by id and version.
    expect((await db.responses.get('r1'))?.questionnaireHash).toBeUndefined();
  });

  it('stores a non-extractable CryptoKey and gives it back usable', async () => {
    db = freshDatabase(2);
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    if (!('privateKey' in pair)) throw new Error('expected a key pair');
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    await db.signingKeys.add({ keyId: 'a'.repeat(64), publicKey, label: 'Kai', createdAt: 5, privateKey: pair.privateKey });
    const stored = await db.signingKeys.get('a'.repeat(64));
    expect(stored?.privateKey.extractable).toBe(false);
    const data = new TextEncoder().encode('payload');
    if (!stored) throw new Error('missing');
    const signature = await crypto.subtle.sign({ name: 'Ed25519' }, stored.privateKey, data);
    expect(await crypto.subtle.verify({ name: 'Ed25519' }, pair.publicKey, signature, data)).toBe(true);
  });
});
