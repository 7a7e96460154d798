import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestPersistence, requestPersistenceOnce, resetPersistenceRequest, storageStatus } from '../../../renderer/src/features/backup/storage-persistence';
import { formatAgo, formatBytes, isBackupOverdue, lastBackup } from '../../../renderer/src/features/backup/backup-actions';

afterEach(() => {
  resetPersistenceRequest();
});

function manager(options: { persisted: boolean; grant?: boolean; fail?: boolean }) {
  return {
    persisted: vi.fn(() => (options.fail ? Promise.reject(new Error('no')) : Promise.resolve(options.persisted))),
    persist: vi.fn(() => Promise.resolve(options.grant ?? false)),
    estimate: vi.fn(() => Promise.resolve({ usage: 2048, quota: 1024 * 1024 })),
  };
}

describe('persistent storage', () => {
  it('does not ask again when storage is already persistent', async () => {
    const m = manager({ persisted: true });
    await expect(requestPersistence(m)).resolves.toBe(true);
    expect(m.persist).not.toHaveBeenCalled();
  });

  it('asks once when it is not, and reports the browser\'s answer', async () => {
    const granted = manager({ persisted: false, grant: true });
    await expect(requestPersistence(granted)).resolves.toBe(true);
    expect(granted.persist).toHaveBeenCalledOnce();
    await expect(requestPersistence(manager({ persisted: false, grant: false }))).resolves.toBe(false);
  });

  it('answers undefined, never throws, when the browser has no StorageManager or it fails', async () => {
    await expect(requestPersistence(undefined)).resolves.toBeUndefined();
    await expect(requestPersistence({})).resolves.toBeUndefined();
    await expect(requestPersistence(manager({ persisted: false, fail: true }))).resolves.toBeUndefined();
  });

  it('the start-up request is made once; later callers share its answer', async () => {
    const m = manager({ persisted: false, grant: true });
    const first = requestPersistenceOnce(m);
    const second = requestPersistenceOnce(manager({ persisted: false, grant: false }));
    expect(second).toBe(first);
    await expect(first).resolves.toBe(true);
    expect(m.persist).toHaveBeenCalledOnce();
  });

  it('reports persistence and usage without asking', async () => {
    const m = manager({ persisted: false });
    await expect(storageStatus(m)).resolves.toEqual({ persisted: false, usage: 2048, quota: 1024 * 1024 });
    expect(m.persist).not.toHaveBeenCalled();
    await expect(storageStatus(undefined)).resolves.toEqual({ persisted: undefined });
    await expect(storageStatus({ persisted: () => Promise.resolve(true), estimate: () => Promise.reject(new Error('x')) })).resolves.toEqual({ persisted: true });
  });
});

describe('last backup and sizes', () => {
  const day = 24 * 60 * 60 * 1000;
  it('reads the stored time and how it was made, and ignores anything unreadable', () => {
    expect(lastBackup(undefined, 'saved')).toBeUndefined();
    expect(lastBackup('garbage', 'saved')).toBeUndefined();
    expect(lastBackup('-5', 'saved')).toBeUndefined();
    expect(lastBackup('{"at":5,"how":"emailed"}', 'saved')).toBeUndefined();
    expect(lastBackup('{not json', 'saved')).toBeUndefined();
    expect(lastBackup('{"at":1700000000000,"how":"downloaded"}', 'saved')).toEqual({ at: 1_700_000_000_000, how: 'downloaded' });
    // The first version stored the time alone: read as the platform's own way of saving.
    expect(lastBackup('1700000000000', 'downloaded')).toEqual({ at: 1_700_000_000_000, how: 'downloaded' });
    expect(lastBackup('1700000000000', 'saved')).toEqual({ at: 1_700_000_000_000, how: 'saved' });
  });

  it('says how long ago, in the person\'s language', () => {
    const now = Date.UTC(2026, 10, 29);
    expect(formatAgo(now - 3 * day, now, 'en')).toBe('3 days ago');
    expect(formatAgo(now - 3 * day, now, 'fr')).toBe('il y a 3 jours');
    expect(formatAgo(now - 2 * 60 * 60 * 1000, now, 'en')).toBe('2 hours ago');
    expect(formatAgo(now - 30_000, now, 'en')).toBe('this minute');
  });

  it('a backup older than 7 days, or none, is overdue', () => {
    const now = Date.UTC(2026, 10, 29);
    expect(isBackupOverdue(undefined, now)).toBe(true);
    expect(isBackupOverdue(now - 8 * day, now)).toBe(true);
    expect(isBackupOverdue(now - 6 * day, now)).toBe(false);
  });

  it('formats sizes in the person\'s language and units (o, ko, Mo in French)', () => {
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(2_061_704, 'en')).toBe('2 MB');
    expect(formatBytes(1.5 * 1024 ** 3, 'en')).toBe('1.5 GB');
    // French puts a (narrow) no-break space before the unit.
    const fr = (bytes: number) => formatBytes(bytes, 'fr').replace(/\s/gu, ' ');
    expect(fr(512)).toBe('512 octets');
    expect(fr(1536)).toBe('1,5 ko');
    expect(fr(256 * 1024 ** 2)).toBe('256 Mo');
  });
});
