import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileText, buildBackup } from '../../../shared/backup/build';
import { NO_CHOICES } from '../../../shared/backup/plan';
import type { PlanOptions, RestoreChoices } from '../../../shared/backup/plan';
import { readBackup } from '../../../shared/backup/read';
import type { BackupTableName, BackupTables } from '../../../shared/backup/rows';
import { BACKUP_TABLE_NAMES, LAST_BACKUP_SETTING, emptyTables, rowKeyOf } from '../../../shared/backup/rows';
import { toBase64 } from '../../../shared/crypto/base64';
import { contentHash } from '../../../shared/crypto/hash';
import { valueKey } from '../../../shared/merge/value-key';
import { submissionContentHash } from '../../../shared/review/bind';
import { reviewHashOf } from '../../../shared/review/sign';
import type { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { AnswersRepository } from '../../../renderer/src/db/repositories/answers';
import { BackupRepository, RestoreChangedError } from '../../../renderer/src/db/repositories/backup';
import type { RestoreStep } from '../../../renderer/src/db/repositories/backup';
import { DefinitionsRepository } from '../../../renderer/src/db/repositories/definitions';
import { EvidenceRepository } from '../../../renderer/src/db/repositories/evidence';
import { IdentitiesRepository } from '../../../renderer/src/db/repositories/identities';
import { MergeRepository } from '../../../renderer/src/db/repositories/merge';
import { ResponsesRepository } from '../../../renderer/src/db/repositories/responses';
import { ReviewsRepository } from '../../../renderer/src/db/repositories/reviews';
import { SettingsRepository } from '../../../renderer/src/db/repositories/settings';
import { LATEST_SCHEMA_VERSION } from '../../../renderer/src/db/versions';
import { freshDatabase } from '../../helpers/fake-db';
import { signerCardOf, testKey } from '../../helpers/signed-submission';
import { reviewOf, submissionOf } from '../review/review-kit';
import { NOW, PLAN_OPTIONS, at, fullTables } from './backup-kit';

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

/** Backs up `db` the way the app does: snapshot, file bytes, read back (failing the test if it does not). */
async function backupOf(db: EgovDeskDatabase, now: Date = NOW): Promise<{ tables: BackupTables; bytes: number; createdAt: number }> {
  const text = backupFileText(buildBackup(await new BackupRepository(db).snapshot(), { appVersion: '1.2.3', databaseVersion: LATEST_SCHEMA_VERSION, now }));
  const read = readBackup(new TextEncoder().encode(text), { knownDatabaseVersion: LATEST_SCHEMA_VERSION });
  if (!read.ok) throw new Error(`${read.problem}: ${read.detail}`);
  return { tables: read.backup.tables, bytes: text.length, createdAt: Date.parse(read.backup.createdAt) };
}

async function restoreAll(db: EgovDeskDatabase, tables: BackupTables, choices: Partial<RestoreChoices> = {}, steps: RestoreStep[] = [], options: PlanOptions = PLAN_OPTIONS) {
  const repository = new BackupRepository(db);
  const expected = await repository.plan(tables, options);
  return repository.restore(tables, { ...options, expected, choices: { ...NO_CHOICES, ...choices }, onStep: (step) => steps.push(step) });
}

/** A table's rows in key order, so two snapshots compare regardless of how IndexedDB listed them. */
function sorted<T extends BackupTableName>(tables: BackupTables, name: T): BackupTables[T][number][] {
  return [...tables[name]].sort((a, b) => (rowKeyOf(name, a) < rowKeyOf(name, b) ? -1 : 1));
}

const respondent = { kind: 'country' as const, place: 'Estonia', organisation: 'Information System Authority', focalPointName: 'Kai Tamm', focalPointEmail: 'kai@example.ee' };

/**
 * Fills a device through the app's own repositories, touching every table and every optional
 * member a real session writes: a response answered (text, number, choices, a group), with
 * evidence (a note, a link check), acknowledged warnings, signed and exported, then revised to
 * answer a received review; two identities (the first replaced); a trusted signer; review notes;
 * merge decisions of every resolution kind, one choosing a long answer; file choices; settings;
 * an imported questionnaire edition.
 */
async function populate(db: EgovDeskDatabase): Promise<string> {
  let clock = Date.parse('2026-11-01T09:00:00.000Z');
  const now = () => (clock += 1_000);
  const responses = new ResponsesRepository(db, now);
  const answers = new AnswersRepository(db, now);
  const evidence = new EvidenceRepository(db, now);
  const identities = new IdentitiesRepository(db, now);
  const reviews = new ReviewsRepository(db, now);
  const merge = new MergeRepository(db, now);
  const settings = new SettingsRepository(db);
  const definitions = new DefinitionsRepository(db);

  const file = fileURLToPath(new URL('../../../questionnaires/test-all-types/questionnaire.json', import.meta.url));
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const hash = await contentHash(json);
  const response = await responses.create({ questionnaireId: 'test-all-types', questionnaireVersion: '1.0.0', questionnaireHash: hash, respondent, totalQuestions: 16 });
  const longText = `${'A very long strategy summary, with “quotes”, tabs\tand line breaks.\n'.repeat(2_700)}End.`;
  await answers.save(
    response.id,
    new Map<string, Parameters<AnswersRepository['save']>[1] extends ReadonlyMap<string, infer V> ? V : never>([
      ['A.1', 'https://www.gov.example/'],
      ['A.2.1', longText],
      ['A.2.2', 2021],
      ['B.1', ['web', 'sms']],
      ['C.1', [{ rowId: 'row-1', answers: { 'C.1.1': 'Ministry', 'C.1.2': 14 } }, { rowId: 'row-2', answers: { 'C.1.1': 'Agency', 'C.1.2': 3 } }]],
    ]),
    { answered: 5, total: 16 },
  );
  await evidence.save(response.id, 'A.2', [{ id: 'e1', url: 'https://www.gov.example/strategy.pdf', title: 'Strategy', note: 'See page 4.', accessed: '2024-05-01' }]);
  await evidence.recordChecks(response.id, new Map([['https://www.gov.example/strategy.pdf', { status: 'redirected' as const, httpStatus: 301, finalUrl: 'https://www.gov.example/s.pdf', checkedAt: clock }]]));
  await responses.setAcknowledgedWarnings(response.id, ['B.3|question|rule:x', 'C.1|question|rule:y']);

  const key = await testKey();
  const { document } = await submissionOf();
  const { review } = await reviewOf(document);
  await responses.markSubmitted(response.id, { submissionId: document.submissionId, signedAt: clock, keyId: key.keyId });
  await reviews.receive({ reviewId: review.reviewId, reviewHash: await reviewHashOf(review), responseId: response.id, review, trusted: true });
  await responses.revise(response.id, { reviewId: review.reviewId, reviewHash: await reviewHashOf(review) });

  const card = signerCardOf(key);
  await identities.add({ keyId: key.keyId, name: 'Kai Tamm', organisation: 'Information System Authority', email: 'kai@example.ee', publicKey: toBase64(key.publicKey), createdAt: now() });
  const second = await testKey();
  await identities.add({ keyId: second.keyId, name: 'Kai Tamm', organisation: 'Information System Authority', email: 'kai.tamm@example.ee', publicKey: toBase64(second.publicKey), createdAt: now() });
  await identities.trust(card);

  const submissionHash = await submissionContentHash(document);
  await reviews.openDraft({ submissionHash, submissionId: document.submissionId, document });
  await reviews.setNote(submissionHash, 'B.3', { status: 'query', comment: 'Please check the year.' });
  await reviews.setNote(submissionHash, 'A.1', { status: 'accepted', comment: '' });
  await reviews.setGeneralComment(submissionHash, 'Thorough answers.');

  const who = 'test-all-types|1.0.0|country|estonia';
  // A "choose" key is the JSON of the chosen answer: as long as the answer (here about 190,000 characters).
  await merge.saveDecision({ respondent: who, question: 'A.2.1', fingerprint: `sha256:${'1'.repeat(64)}`, resolution: { choice: { kind: 'choose', key: valueKey(longText) }, reason: 'The focal point confirmed.', decidedBy: 'Ana Coordinator', decidedAt: '2026-11-02T10:00:00.000Z' } });
  await merge.saveDecision({ respondent: who, question: 'B.1', fingerprint: `sha256:${'2'.repeat(64)}`, resolution: { choice: { kind: 'combine' }, reason: 'Both channels exist.', decidedAt: '2026-11-02T10:01:00.000Z' } });
  await merge.saveDecision({ respondent: who, question: 'C.1', resolution: { choice: { kind: 'write', value: [{ rowId: 'r', answers: { 'C.1.1': 'Ministry', 'C.1.2': 15 } }] }, reason: 'Corrected by phone.', decidedBy: 'Ana', decidedAt: '2026-11-02T10:02:00.000+02:00' } });
  await merge.saveFileChoice({ fileHash: `sha256:${'b'.repeat(64)}`, include: false, reason: 'Re-saved by Excel; not signed any more.' });
  await settings.set('ui.language', 'fr');
  await settings.set(LAST_BACKUP_SETTING, JSON.stringify({ at: clock, how: 'saved' }));
  await definitions.add({ ...(await importedEdition()), importedAt: now() });
  return hash;
}

async function importedEdition() {
  const [row] = (await fullTables()).definitions;
  if (!row) throw new Error('the kit has no definition');
  return row;
}

describe('BackupRepository', () => {
  it('restores, table by table, exactly what the real repositories wrote; private keys stay out', async () => {
    const source = database();
    const hash = await populate(source);
    await source.signingKeys.add({ keyId: 'k'.repeat(64), publicKey: new Uint8Array(32), label: 'web key', createdAt: 1, privateKey: {} as CryptoKey });
    const original = await new BackupRepository(source).snapshot();
    // Every table has rows, and the optional members are there: the test covers what it claims.
    for (const name of BACKUP_TABLE_NAMES) expect(original[name].length, name).toBeGreaterThan(0);
    expect(original.responses.some((row) => row.submission && row.acknowledgedWarnings)).toBe(true);
    expect(original.responses.some((row) => row.revises && row.answersReview)).toBe(true);
    expect(original.identities.some((row) => row.replacedAt !== undefined)).toBe(true);
    expect(original.evidence.some((row) => row.items.some((item) => item.note && item.check))).toBe(true);

    const { tables: backup, createdAt } = await backupOf(source, new Date('2026-11-29T12:00:00.000Z'));
    expect(JSON.stringify(backup)).not.toContain('web key');
    const target = database();
    const steps: RestoreStep[] = [];
    // The device's own settings are opted in here, so every table comes back.
    await restoreAll(target, backup, { takeSettings: true }, steps, { bundledDefinitions: new Map([['test-all-types@1.0.0', hash]]), backupCreatedAt: createdAt, now: createdAt });
    expect(steps).toEqual(['reading', 'responses', 'other', 'done']);

    const restored = await new BackupRepository(target).snapshot();
    for (const name of BACKUP_TABLE_NAMES) {
      // The device's "last backup" time stays on the device that made it.
      const expected = name === 'settings' ? original.settings.filter((row) => row.key !== LAST_BACKUP_SETTING) : original[name];
      expect(sorted(restored, name), name).toEqual(sorted({ ...original, [name]: expected }, name));
    }
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

    await restoreAll(db, backup, { replaceNewer: true });
    expect((await db.answers.get(['r1', 'A.1']))?.value).toBe('https://www.gov.example/');
  });

  it('is all or nothing: one row failing leaves every table as it was', async () => {
    const db = database();
    const tables = await fullTables();
    await seed(db, { ...emptyTables(), settings: [{ key: 'ui.language', value: 'en' }] });
    // The last table written gets a row IndexedDB refuses (no key): everything before it must roll back.
    const broken = { ...tables, mergeFileChoices: [{ ...at(tables.mergeFileChoices, 0), fileHash: undefined as unknown as string }] };
    await expect(restoreAll(db, broken, { replaceNewer: true, takeSettings: true })).rejects.toThrow();
    expect(await db.responses.count()).toBe(0);
    expect(await db.answers.count()).toBe(0);
    expect(await db.identities.count()).toBe(0);
    expect(await db.settings.toArray()).toEqual([{ key: 'ui.language', value: 'en' }]);
  });

  it('writes nothing when a response was added since the plan the person confirmed', async () => {
    const db = database();
    const tables = await fullTables();
    const repository = new BackupRepository(db);
    const expected = await repository.plan(tables, PLAN_OPTIONS);
    // Meanwhile another tab created r2.
    await db.responses.add({ ...at(tables.responses, 1), updatedAt: 99_999 });
    await expect(repository.restore(tables, { ...PLAN_OPTIONS, expected, choices: NO_CHOICES })).rejects.toThrow(RestoreChangedError);
    expect(await db.responses.count()).toBe(1);
    expect(await db.answers.count()).toBe(0);
  });

  it('writes nothing when a local row was edited since the plan, even though every decision stays the same', async () => {
    const db = database();
    const tables = await fullTables();
    // This device has r1 newer than the backup (kept), and another trusted signer state (kept too).
    await seed(db, { ...emptyTables(), responses: [{ ...at(tables.responses, 0), updatedAt: 60_000 }], answers: [{ responseId: 'r1', questionId: 'A.1', value: 'mine', updatedAt: 60_000 }] });
    const repository = new BackupRepository(db);
    const expected = await repository.plan(tables, PLAN_OPTIONS);
    expect(expected.responses.find((entry) => entry.id === 'r1')?.kind).toBe('keep');
    // An autosave in another tab changes r1's answer but (its clock being behind) not its time:
    // the decision is still "keep", yet what the person reviewed is not what is here now.
    await db.answers.put({ responseId: 'r1', questionId: 'A.1', value: 'mine, edited', updatedAt: 60_000 });
    await expect(repository.restore(tables, { ...PLAN_OPTIONS, expected, choices: { ...NO_CHOICES, replaceNewer: true } })).rejects.toThrow(RestoreChangedError);
    expect((await db.answers.get(['r1', 'A.1']))?.value).toBe('mine, edited');
    expect(await db.responses.count()).toBe(1);
  });

  it('restores an identity from the backup as a previous one when this device has a current identity', async () => {
    const db = database();
    const key = await testKey();
    const mine = { keyId: key.keyId, name: 'Mari Maasikas', organisation: 'RIA', email: 'mari@example.ee', publicKey: toBase64(key.publicKey), createdAt: 1_000 };
    await seed(db, { ...emptyTables(), identities: [mine] });
    const tables = await fullTables();
    // The backup's identity is newer (4,000) and current in the backup.
    await restoreAll(db, { ...emptyTables(), identities: tables.identities });
    const identities = new IdentitiesRepository(db);
    expect((await identities.current())?.keyId).toBe(mine.keyId);
    const restored = await db.identities.get(at(tables.identities, 0).keyId);
    expect(restored?.replacedAt).toBe(PLAN_OPTIONS.now);
    expect((await db.identities.toArray()).filter((row) => row.replacedAt === undefined)).toHaveLength(1);

    // On a device with no identity, the backup's current one is current.
    const empty = database();
    await restoreAll(empty, { ...emptyTables(), identities: tables.identities });
    expect((await new IdentitiesRepository(empty).current())?.keyId).toBe(at(tables.identities, 0).keyId);
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
    // About 2 MB (measured: 2,061,704 bytes): far below the 256 MiB a backup may be.
    expect(bytes).toBeLessThan(8 * 1024 * 1024);
    expect(elapsed).toBeLessThan(20_000);
  }, 60_000);
});
