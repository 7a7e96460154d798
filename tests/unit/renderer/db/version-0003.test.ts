import { afterEach, describe, expect, it } from 'vitest';
import { EgovDeskDatabase } from '../../../../renderer/src/db/database';
import { createStorage } from '../../../../renderer/src/db';
import type { EvidenceItem } from '../../../../shared/schemas/evidence';
import { freshDatabase, versionOneResponse } from '../../../helpers/fake-db';

let db: EgovDeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const respondent = { kind: 'country', place: 'Chile', organisation: 'Gobierno Digital', focalPointName: 'Rosa', focalPointEmail: 'rosa@example.cl' } as const;
const item = (id: string, url: string): EvidenceItem => ({ id, url, title: `Page ${id}`, accessed: '2024-03-01' });

describe('Dexie version 3: evidence', () => {
  it('upgrades a version 2 database with data, keeping every row, and adds an empty evidence table', async () => {
    const v2 = freshDatabase(2);
    await v2.responses.add({ ...versionOneResponse('r1', respondent), questionnaireHash: 'sha256:abc' });
    await v2.answers.add({ responseId: 'r1', questionId: 'A.1', value: 'yes', updatedAt: 2 });
    await v2.definitions.add({ key: 'x@1.0.0', id: 'x', version: '1.0.0', edition: '2024', contentHash: 'sha256:def', json: {}, fileName: 'x.json', importedAt: 3 });
    const name = v2.name;
    v2.close();

    db = new EgovDeskDatabase(name, 3);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.responses.get('r1')).toMatchObject({ questionnaireHash: 'sha256:abc' });
    expect((await db.responses.get('r1'))?.acknowledgedWarnings).toBeUndefined();
    expect(await db.answers.get(['r1', 'A.1'])).toMatchObject({ value: 'yes' });
    expect(await db.definitions.count()).toBe(1);
    expect(await db.evidence.count()).toBe(0);
    expect(db.table('evidence').schema.primKey.keyPath).toEqual(['responseId', 'questionId']);
  });

  it('saves, loads, records link checks on matching URLs only, and removes evidence', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    const response = await storage.responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:1', respondent, totalQuestions: 3 });
    await storage.evidence.save(response.id, 'A.1', [item('a', 'https://gov.example/a'), item('b', 'https://gov.example/b')]);
    await storage.evidence.save(response.id, 'A.2', [item('c', 'https://gov.example/a')]);
    expect([...(await storage.evidence.load(response.id)).keys()]).toEqual(['A.1', 'A.2']);

    const check = { status: 'broken', httpStatus: 404, checkedAt: 9 } as const;
    const changed = await storage.evidence.recordChecks(response.id, new Map([['https://gov.example/a', check]]));
    expect([...changed.keys()]).toEqual(['A.1', 'A.2']);
    const loaded = await storage.evidence.load(response.id);
    expect(loaded.get('A.1')?.map((i) => i.check)).toEqual([check, undefined]);
    expect(loaded.get('A.2')?.[0]?.check).toEqual(check);

    await storage.evidence.save(response.id, 'A.2', []);
    expect([...(await storage.evidence.load(response.id)).keys()]).toEqual(['A.1']);
  });

  it('copies evidence with a duplicated response and deletes it with the response', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    const response = await storage.responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:1', respondent, totalQuestions: 3 });
    await storage.evidence.save(response.id, 'A.1', [item('a', 'https://gov.example/a')]);
    const copy = await storage.responses.duplicate(response.id);
    expect((await storage.evidence.load(copy.id)).get('A.1')).toHaveLength(1);
    await storage.responses.remove(response.id);
    expect((await storage.evidence.load(response.id)).size).toBe(0);
    expect((await storage.evidence.load(copy.id)).size).toBe(1);
  });

  it('refuses evidence for a response that does not exist, and remembers acknowledged warnings', async () => {
    db = freshDatabase();
    const storage = createStorage(db);
    await expect(storage.evidence.save('missing', 'A.1', [item('a', 'https://gov.example/a')])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const response = await storage.responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:1', respondent, totalQuestions: 3 });
    await storage.responses.setAcknowledgedWarnings(response.id, ['k1', 'k2', 'k1']);
    expect((await storage.responses.get(response.id))?.acknowledgedWarnings).toEqual(['k1', 'k2']);
  });
});
