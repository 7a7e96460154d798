import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAST_BACKUP_SETTING } from '../../../shared/backup/rows';
import { readBackup } from '../../../shared/backup/read';
import type { FromReadWorker, ReadRequest } from '../../../renderer/src/features/backup/read-protocol';
import type { ReadWorkerPort } from '../../../renderer/src/features/backup/read-backup';

// The platform as a test double: what was saved, and whether the save "happened".
const fake = vi.hoisted((): { kind: 'desktop' | 'web'; saved: boolean; saves: { title: string; suggestedName: string; filters: { name: string; extensions: string[] }[]; data: Uint8Array }[] } => ({
  kind: 'desktop',
  saved: true,
  saves: [],
}));
vi.mock('../../../renderer/src/platform', () => ({
  platform: () => ({
    kind: fake.kind,
    saveFile: (options: (typeof fake.saves)[number]) => {
      fake.saves.push(options);
      return Promise.resolve(fake.saved ? { saved: true, fileName: options.suggestedName } : { saved: false });
    },
  }),
}));

import { storage, LATEST_SCHEMA_VERSION } from '../../../renderer/src/db';
import { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { BackupTooLargeError, BackupUnreadableError, makeBackup } from '../../../renderer/src/features/backup/backup-actions';
import { checkBackupOffPage, readBackupOffPage } from '../../../renderer/src/features/backup/read-backup';
import { backupBytes, fullTables } from './backup-kit';

const LABELS = { title: 'Enregistrer la sauvegarde EGov Desk', filterName: 'Sauvegarde EGov Desk' };
const NOW = () => new Date('2026-11-29T12:00:00.000Z');

/** The app's own database (the name storage() opens), emptied between tests through a second connection. */
async function clear(): Promise<void> {
  const db = new EgovDeskDatabase();
  await Promise.all(db.tables.map((table) => table.clear()));
  db.close();
}

beforeEach(async () => {
  fake.kind = 'desktop';
  fake.saved = true;
  fake.saves.length = 0;
  await clear();
});

afterEach(async () => {
  await clear();
});

describe('making a backup', () => {
  it('desktop: saves through the dialog with the labels given (the person\'s language) and records "saved"', async () => {
    await storage().settings.set('ui.language', 'fr');
    const outcome = await makeBackup(LABELS, { now: NOW });
    expect(outcome).toEqual({ how: 'saved', fileName: 'egov-desk-backup-2026-11-29.json' });
    expect(fake.saves[0]).toMatchObject({ title: LABELS.title, filters: [{ name: LABELS.filterName, extensions: ['json'] }] });
    const read = readBackup(fake.saves[0]?.data ?? new Uint8Array(), { knownDatabaseVersion: LATEST_SCHEMA_VERSION });
    expect(read.ok && read.backup.tables.settings).toEqual([{ key: 'ui.language', value: 'fr' }]);
    expect(JSON.parse((await storage().settings.get(LAST_BACKUP_SETTING)) ?? '')).toEqual({ at: NOW().getTime(), how: 'saved' });
  });

  it('desktop: a cancelled dialog records nothing', async () => {
    fake.saved = false;
    expect(await makeBackup(LABELS, { now: NOW })).toEqual({ how: 'cancelled' });
    expect(await storage().settings.get(LAST_BACKUP_SETTING)).toBeUndefined();
  });

  it('web: a download is never called saved (the page cannot know whether it was kept)', async () => {
    fake.kind = 'web';
    expect(await makeBackup(LABELS, { now: NOW })).toEqual({ how: 'downloaded', fileName: 'egov-desk-backup-2026-11-29.json' });
    expect(JSON.parse((await storage().settings.get(LAST_BACKUP_SETTING)) ?? '')).toEqual({ at: NOW().getTime(), how: 'downloaded' });
  });

  it('refuses to save a backup that would not read back, and records nothing', async () => {
    // A value this version of the backup format refuses (an answer over 200,000 characters) that
    // got into storage: the backup must not be saved as if it were a safety net.
    const response = await storage().responses.create({ questionnaireId: 'test-all-types', questionnaireVersion: '1.0.0', questionnaireHash: `sha256:${'a'.repeat(64)}`, respondent: { kind: 'country', place: 'Estonia', organisation: 'RIA', focalPointName: 'Kai', focalPointEmail: 'kai@example.ee' }, totalQuestions: 16 });
    await storage().answers.save(response.id, new Map([['A.1', 'x'.repeat(200_001)]]), { answered: 1, total: 16 });
    const error: unknown = await makeBackup(LABELS, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupUnreadableError);
    expect(error).toMatchObject({ problem: 'invalid', where: 'tables.answers[0].value' });
    expect(fake.saves).toHaveLength(0);
    expect(await storage().settings.get(LAST_BACKUP_SETTING)).toBeUndefined();
  });

  it('refuses, before saving, a backup larger than a restore reads', async () => {
    await storage().settings.set('ui.language', 'fr');
    const error: unknown = await makeBackup(LABELS, { now: NOW, limitBytes: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupTooLargeError);
    expect((error as BackupTooLargeError).bytes).toBeGreaterThan(100);
    expect(fake.saves).toHaveLength(0);
    expect(await storage().settings.get(LAST_BACKUP_SETTING)).toBeUndefined();
  });
});

/** A worker double that runs the real reader, as read-worker.ts does, and records what it was sent. */
function workerDouble(behaviour: 'answer' | 'fail' | 'throw' = 'answer'): { factory: () => ReadWorkerPort; sent: ReadRequest[]; terminated: () => number } {
  const sent: ReadRequest[] = [];
  let terminated = 0;
  const factory = (): ReadWorkerPort => {
    if (behaviour === 'throw') throw new Error('no workers here');
    let listener: ((message: FromReadWorker) => void) | undefined;
    let failure: (() => void) | undefined;
    return {
      post: (message) => {
        sent.push(message);
        queueMicrotask(() => {
          if (behaviour === 'fail') {
            failure?.();
            return;
          }
          const result = readBackup(message.bytes, { knownDatabaseVersion: message.knownDatabaseVersion, onStage: (stage) => listener?.({ type: 'stage', stage }) });
          listener?.(message.type === 'read' ? { type: 'read', result } : { type: 'checked', result: result.ok ? { ok: true } : result });
        });
      },
      onMessage: (l) => { listener = l; },
      onFailure: (l) => { failure = l; },
      terminate: () => { terminated += 1; },
    };
  };
  return { factory, sent, terminated: () => terminated };
}

describe('reading a backup off the page', () => {
  it('reads in a worker, reports each stage, and ends the worker', async () => {
    const bytes = backupBytes(await fullTables());
    const worker = workerDouble();
    const stages: string[] = [];
    const { result, ranOn } = await readBackupOffPage(bytes, { knownDatabaseVersion: 6, onStage: (stage) => stages.push(stage), createWorker: worker.factory });
    expect(ranOn).toBe('worker');
    expect(result.ok && result.backup.tables.responses).toHaveLength(2);
    expect(stages).toEqual(['parsing', 'digest', 'rows', 'definitions', 'consistency']);
    expect(worker.sent.map((m) => m.type)).toEqual(['read']);
    expect(worker.terminated()).toBe(1);
  });

  it('a check carries no rows back, only whether the bytes read', async () => {
    const worker = workerDouble();
    const { result } = await checkBackupOffPage(backupBytes(await fullTables()), { knownDatabaseVersion: 6, createWorker: worker.factory });
    expect(result).toEqual({ ok: true });
    const refused = await checkBackupOffPage(new TextEncoder().encode('{}'), { knownDatabaseVersion: 6, createWorker: worker.factory });
    expect(refused.result).toMatchObject({ ok: false, problem: 'notBackup' });
  });

  it.each(['fail', 'throw'] as const)('reads on the page when the worker %s, with the same answer', async (behaviour) => {
    const bytes = backupBytes(await fullTables());
    const { result, ranOn } = await readBackupOffPage(bytes, { knownDatabaseVersion: 6, createWorker: workerDouble(behaviour).factory });
    expect(ranOn).toBe('page');
    expect(result.ok && result.backup.tables.answers).toHaveLength(3);
  });
});
