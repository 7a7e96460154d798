import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcContract, signingKeySchema } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';

/** Electron's safeStorage, faked: reversible, and switchable off like a missing keyring. */
const electron = vi.hoisted(() => {
  const marker = 'FAKE:';
  const safeStorage = {
    available: true,
    isEncryptionAvailable: vi.fn(() => safeStorage.available),
    encryptString: vi.fn((text: string) => Buffer.from(marker + Buffer.from(text).toString('hex'))),
    decryptString: vi.fn((buffer: Buffer) => {
      const text = buffer.toString();
      if (!text.startsWith(marker)) throw new Error('cannot decrypt');
      return Buffer.from(text.slice(marker.length), 'hex').toString();
    }),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  };
  return {
    app: { getPath: vi.fn<(name: string) => string>(), getName: vi.fn(() => 'EGov Desk'), getVersion: vi.fn(() => '0.1.0') },
    safeStorage,
    shell: {},
    dialog: {},
    BrowserWindow: {},
    protocol: {},
  };
});
vi.mock('electron', () => electron);
vi.mock('../../../electron/main/logger', () => ({ logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));

import { FakeIpcMain } from '../../helpers/fake-ipc-main';


let userData: string;

/** Fresh modules each time, so the lazily created key store starts from nothing in every test. */
async function startIpc(): Promise<FakeIpcMain> {
  vi.resetModules();
  const { ipcHandlers } = await import('../../../electron/main/ipc/handlers');
  const { registerIpcHandlers } = await import('../../../electron/main/ipc/register');
  const ipcMain = new FakeIpcMain();
  registerIpcHandlers(ipcMain, ipcHandlers);
  return ipcMain;
}

function valueOf(answer: Envelope<unknown>): unknown {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

beforeEach(async () => {
  vi.clearAllMocks();
  electron.safeStorage.available = true;
  userData = await mkdtemp(path.join(tmpdir(), 'egov-userdata-'));
  electron.app.getPath.mockImplementation((name) => (name === 'userData' ? userData : '/nonexistent'));
});

afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('signing key IPC', () => {
  it('creates the key store on the first call only, under userData/signing-keys', async () => {
    const ipcMain = await startIpc();
    expect(electron.app.getPath).not.toHaveBeenCalled();

    await ipcMain.invoke('keys:list', null);
    await ipcMain.invoke('keys:generate', { label: 'Ministry' });
    expect(electron.app.getPath).toHaveBeenCalledExactlyOnceWith('userData');
    expect(await readdir(path.join(userData, 'signing-keys'))).toHaveLength(1);
  });

  it('generates, lists and signs through the contract channels', async () => {
    const ipcMain = await startIpc();
    const key = signingKeySchema.parse(valueOf(await ipcMain.invoke('keys:generate', { label: '  Ministry  ' })));
    expect(key.label).toBe('Ministry');
    expect(electron.safeStorage.encryptString).toHaveBeenCalledOnce();

    const listed = ipcContract.listSigningKeys.response.parse(valueOf(await ipcMain.invoke('keys:list', null)));
    expect(listed.keys).toStrictEqual([key]);

    const data = new TextEncoder().encode('submission');
    const { signature } = ipcContract.signWithKey.response.parse(valueOf(await ipcMain.invoke('keys:sign', { keyId: key.keyId, data })));
    const publicKey = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.publicKey]),
      format: 'der',
      type: 'spki',
    });
    expect(verify(null, data, publicKey, signature)).toBe(true);
  });

  it('never sends anything private to the renderer', async () => {
    const ipcMain = await startIpc();
    const answer = await ipcMain.invoke('keys:generate', { label: 'Ministry' });
    const plain = electron.safeStorage.encryptString.mock.calls[0]?.[0] ?? '';
    expect(plain).not.toBe('');
    const text = JSON.stringify(answer, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
    expect(text).not.toContain(plain);
    expect(Object.keys(valueOf(answer) ?? {}).sort()).toStrictEqual(['createdAt', 'keyId', 'label', 'publicKey']);
  });

  it.each([
    ['a path as key id', { keyId: '../../etc/passwd', data: new Uint8Array([1]) }],
    ['a key id with a path suffix', { keyId: `${'a'.repeat(64)}/../x`, data: new Uint8Array([1]) }],
    ['data that is not bytes', { keyId: 'a'.repeat(64), data: 'text' }],
  ])('refuses %s with INVALID_PAYLOAD before the key store is even opened', async (_what, payload) => {
    const ipcMain = await startIpc();
    const answer = await ipcMain.invoke('keys:sign', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(electron.app.getPath).not.toHaveBeenCalled();
  });

  it('answers KEYSTORE_UNAVAILABLE with a readable message when safeStorage cannot encrypt', async () => {
    electron.safeStorage.available = false;
    const ipcMain = await startIpc();
    const answer = await ipcMain.invoke('keys:generate', { label: 'Ministry' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'KEYSTORE_UNAVAILABLE' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/secure storage/);
    await expect(readdir(userData)).resolves.toStrictEqual([]);
  });

  it('answers NOT_FOUND for a well-formed but unknown key id', async () => {
    const ipcMain = await startIpc();
    const answer = await ipcMain.invoke('keys:sign', { keyId: 'b'.repeat(64), data: new Uint8Array([1]) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
