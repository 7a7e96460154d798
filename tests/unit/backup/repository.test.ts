import { afterEach, describe, expect, it } from 'vitest';
import { backupFileText, buildBackup } from '../../../shared/backup/build';
import { readBackup } from '../../../shared/backup/read';
import type { BackupTables } from '../../../shared/backup/rows';
import { emptyTables } from '../../../shared/backup/rows';
import type { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { BackupRepository, RestoreChangedError } from '../../../renderer/src/db/repositories/backup';
import type { RestoreStep } from '../../../renderer/src/db/repositories/backup';
import { LATEST_SCHEMA_VERSION } from '../../../renderer/src/db/versions';
import { freshDatabase } from '../../helpers/fake-db';
import { NOW, at, fullTables } from './backup-kit';

const databases: EgovDeskDatabase[] = [];
function database(): EgovDeskDatabase {
  const db = freshDatabase();
  databases.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

async function seed(db: EgovDeskDatabase, tables: BackupTables): Promise<void> {
  await db.transaction('rw', [db.responses, db.answers, db.evidence, db.settings, db.definitions, db.identities, db.trustedSigners, db.reviewDrafts, db.receivedReviews, db.mergeDecisions, db.mergeFileChoices], async () => {
    await db.responses.bulkAdd([...tables.responses]);
    await db.answers.bulkAdd([...tables.answers]);
    await db.evidence.bulkAdd([...tables.evidence]);
    await db.settings.bulkAdd([...tables.settings]);
    await db.definitions.bulkAdd([...tables.definitions]);
    await db.identities.bulkAdd([...tables.identities]);
    await db.trustedSigners.bulkAdd([...tables.trustedSigners]);
    await db.reviewDrafts.bulkAdd([...tables.reviewDrafts]);
    await db.receivedReviews.bulkAdd([...tables.receivedReviews]);
    await db.mergeDecisions.bulkAdd([...tables.mergeDecisions]);
    await db.mergeFileChoices.bulkAdd([...tables.mergeFileChoices]);
  });
}

/** Backs up `db` the way the app does: snapshot, file bytes, read back. */
async function backupOf(db: EgovDeskDatabase): Promise<{ tables: BackupTables; bytes: number }> {
  const text = backupFileText(buildBackup(await new BackupRepository(db).snapshot(), { appVersion: '1.2.3', databaseVersion: LATEST_SCHEMA_VERSION, now: NOW }));
  const read = readBackup(new TextEncoder().encode(text), { knownDatabaseVersion: LATEST_SCHEMA_VERSION });
  if (!read.ok) throw new Error(`${read.problem}: ${read.detail}`);
  return { tables: read.backup.tables, bytes: text.length };
}

async function restoreAll(db: EgovDeskDatabase, tables: BackupTables, replaceNewer = false, steps: RestoreStep[] = []) {
  const repository = new BackupRepository(db);
  const expected = await repository.plan(tables);
  return repository.restore(tables, { expected, replaceNewer, onStep: (step) => steps.push(step) });
}

describe('BackupRepository', () => {
  it('backs up every table and restores all of it onto an empty device; private keys stay out', async () => {
    const source = database();
    const tables = await fullTables();
    await seed(source, tables);
    await source.signingKeys.add({ keyId: 'k'.repeat(64), publicKey: new Uint8Array(32), label: 'web key', createdAt: 1, privateKey: {} as CryptoKey });
    const { tables: backup } = await backupOf(source);
    expect(JSON.stringify(backup)).not.toContain('web key');

    const target = database();
    const steps: RestoreStep[] = [];
    const result = await restoreAll(target, backup, false, steps);
    expect(result).toEqual({ responses: 2, rows: 8 });
    expect(steps).toEqual(['reading', 'responses', 'other', 'done']);
    const restored = await new BackupRepository(target).snapshot();
    expect(restored.responses).toEqual(tables.responses);
    expect(restored.answers).toEqual(expect.arrayContaining([...tables.answers]));
    expect(restored.answers).toHaveLength(tables.answers.length);
    expect(restored.evidence).toEqual(tables.evidence);
    expect(restored.definitions).toEqual(tables.definitions);
    expect(restored.reviewDrafts).toEqual(tables.reviewDrafts);
    expect(restored.receivedReviews).toEqual(tables.receivedReviews);
    expect(restored.settings).toEqual([{ key: 'ui.language', value: 'fr' }]);
    expect(await target.signingKeys.count()).toBe(0);
  });

  it('replaces a response as a unit: answers the backup does not have are removed, never mixed', async () => {
    const db = database();
    const tables = await fullTables();
    await seed(db, { ...emptyTables(), responses: [{ ...at(tables.responses, 0), updatedAt: 100 }], answers: [{ responseId: 'r1', questionId: 'Z.9', value: 'only on this device', updatedAt: 100 }] });
    await restoreAll(db, { ...emptyTables(), responses: tables.responses.slice(0, 1), answers: tables.answers.filter((row) => row.responseId === 'r1') });
    const answers = await db.answers.where('responseId').equals('r1').toArray();
    expect(answers.map((row) => row.questionId).sort()).toEqual(['A.1', 'B.1']);
  });

  it('keeps a response that is newer on this device, and replaces it only when asked', async () => {
    const db = database();
    const tables = await fullTables();
    const newer = { ...at(tables.responses, 0), updatedAt: 50_000 };
    await seed(db, { ...emptyTables(), responses: [newer], answers: [{ responseId: 'r1', questionId: 'A.1', value: 'newer here', updatedAt: 50_000 }] });
    const backup = { ...emptyTables(), responses: tables.responses.slice(0, 1), answers: tables.answers.filter((row) => row.responseId === 'r1') };

    expect(await restoreAll(db, backup)).toEqual({ responses: 0, rows: 0 });
    expect((await db.answers.get(['r1', 'A.1']))?.value).toBe('newer here');
    expect((await db.responses.get('r1'))?.updatedAt).toBe(50_000);

    await restoreAll(db, backup, true);
    expect((await db.answers.get(['r1', 'A.1']))?.value).toBe('https://www.gov.example/');
  });

  it('is all or nothing: one row failing leaves every table as it was', async () => {
    const db = database();
    const tables = await fullTables();
    await seed(db, { ...emptyTables(), settings: [{ key: 'ui.language', value: 'en' }] });
    // The last table written gets a row IndexedDB refuses (no key): everything before it must roll back.
    const broken = { ...tables, mergeFileChoices: [{ ...at(tables.mergeFileChoices, 0), fileHash: undefined as unknown as string }] };
    await expect(restoreAll(db, broken, true)).rejects.toThrow();
    expect(await db.responses.count()).toBe(0);
    expect(await db.answers.count()).toBe(0);
    expect(await db.identities.count()).toBe(0);
    expect(await db.settings.toArray()).toEqual([{ key: 'ui.language', value: 'en' }]);
  });

  it('writes nothing when the data changed since the plan the person confirmed', async () => {
    const db = database();
    const tables = await fullTables();
    const repository = new BackupRepository(db);
    const expected = await repository.plan(tables);
    // Meanwhile another tab created r2.
    await db.responses.add({ ...at(tables.responses, 1), updatedAt: 99_999 });
    await expect(repository.restore(tables, { expected, replaceNewer: false })).rejects.toThrow(RestoreChangedError);
    expect(await db.responses.count()).toBe(1);
    expect(await db.answers.count()).toBe(0);
  });

  it('a large archive (50 responses × 300 answers) backs up and restores', async () => {
    const db = database();
    const tables = await fullTables();
    const responses = Array.from({ length: 50 }, (_, i) => ({ ...at(tables.responses, 0), id: `big-${String(i)}` }));
    const answers = responses.flatMap((response) =>
      Array.from({ length: 300 }, (_, q) => ({ responseId: response.id, questionId: `Q.${String(q)}`, value: `An answer of ordinary length for question ${String(q)}, with some detail.`, updatedAt: 2_000 })),
    );
    await seed(db, { ...emptyTables(), responses, answers });
    const started = performance.now();
    const { tables: backup, bytes } = await backupOf(db);
    const target = database();
    await restoreAll(target, backup);
    const elapsed = performance.now() - started;
    expect(await target.answers.count()).toBe(15_000);
    // About 2 MB (measured: 2,061,704 bytes): far below the 64 MB a file dialog hands over.
    expect(bytes).toBeLessThan(8 * 1024 * 1024);
    expect(elapsed).toBeLessThan(20_000);
  }, 60_000);
});
