import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, ExternalUrlRefusedError } from '../../../shared/errors';
import { ipcContract, MAX_INTAKE_FILES, MAX_LINKS_PER_CHECK } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';

vi.mock('electron', () => ({ protocol: {} }));
const loggerMock = vi.hoisted(() => ({ logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));
vi.mock('../../../electron/main/logger', () => loggerMock);

import { ipcMethods, registerIpcHandlers } from '../../../electron/main/ipc/register';
import type { IpcHandlers, IpcMainLike, InvokeEvent } from '../../../electron/main/ipc/register';

type Listener = Parameters<IpcMainLike['handle']>[1];

/** Records what `registerIpcHandlers` binds, like Electron's ipcMain would. */
class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel)) throw new Error(`Second handler for ${channel}`);
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, payload: unknown, senderUrl: string | null = 'app://egov-desk/index.html'): Promise<Envelope<unknown>> {
    const listener = this.listeners.get(channel);
    if (listener === undefined) throw new Error(`No handler for ${channel}`);
    const event: InvokeEvent = { senderFrame: senderUrl === null ? null : { url: senderUrl } };
    return listener(event, payload);
  }
}

function fakeHandlers() {
  return {
    getAppInfo: vi.fn<IpcHandlers['getAppInfo']>(() =>
      Promise.resolve({ name: 'EGov Desk', version: '1.2.3', platform: 'desktop', os: 'linux' }),
    ),
    openExternal: vi.fn<IpcHandlers['openExternal']>(() => Promise.resolve({ opened: true })),
    openFiles: vi.fn<IpcHandlers['openFiles']>(() => Promise.resolve({ files: [] })),
    saveFile: vi.fn<IpcHandlers['saveFile']>(() => Promise.resolve({ saved: false })),
    generateSigningKey: vi.fn<IpcHandlers['generateSigningKey']>(() =>
      Promise.resolve({ keyId: 'a'.repeat(64), publicKey: new Uint8Array(32), label: 'Ministry', createdAt: 0 }),
    ),
    listSigningKeys: vi.fn<IpcHandlers['listSigningKeys']>(() => Promise.resolve({ keys: [] })),
    signWithKey: vi.fn<IpcHandlers['signWithKey']>(() => Promise.resolve({ signature: new Uint8Array(64) })),
    checkLinks: vi.fn<IpcHandlers['checkLinks']>(() => Promise.resolve({ online: false, results: [] })),
    takeOpenedFiles: vi.fn<IpcHandlers['takeOpenedFiles']>(() => Promise.resolve({ files: [], refused: [] })),
    pickSubmissions: vi.fn<IpcHandlers['pickSubmissions']>(() => Promise.resolve({ files: [], refused: [] })),
  } satisfies IpcHandlers;
}

describe('registerIpcHandlers', () => {
  let ipcMain: FakeIpcMain;
  let handlers: ReturnType<typeof fakeHandlers>;

  beforeEach(() => {
    vi.clearAllMocks();
    ipcMain = new FakeIpcMain();
    handlers = fakeHandlers();
    registerIpcHandlers(ipcMain, handlers);
  });

  it('binds exactly the channels of the contract', () => {
    expect([...ipcMain.listeners.keys()].sort()).toStrictEqual(Object.values(ipcContract).map((e) => e.channel).sort());
    expect(ipcMethods().sort()).toStrictEqual(Object.keys(ipcContract).sort());
  });

  it('answers a valid request with ok and the handler result', async () => {
    await expect(ipcMain.invoke('app:get-info', null)).resolves.toStrictEqual({
      ok: true,
      value: { name: 'EGov Desk', version: '1.2.3', platform: 'desktop', os: 'linux' },
    });
    await expect(ipcMain.invoke('shell:open-external', { url: 'https://example.org' })).resolves.toStrictEqual({
      ok: true,
      value: { opened: true },
    });
    expect(handlers.openExternal).toHaveBeenCalledExactlyOnceWith({ url: 'https://example.org' });
  });

  it.each([
    ['a wrong type', { url: 42 }, 'url'],
    ['no payload', undefined, '(root)'],
    ['an extra key', { url: 'https://example.org', extra: true }, 'extra'],
    ['an array', ['https://example.org'], '(root)'],
  ])('refuses %s with INVALID_PAYLOAD naming the channel, without calling the handler', async (_what, payload, path) => {
    const answer = await ipcMain.invoke('shell:open-external', payload);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INVALID_PAYLOAD');
    expect(answer.error.message).toContain('shell:open-external');
    expect(answer.error.message).toContain(path);
    expect(handlers.openExternal).not.toHaveBeenCalled();
  });

  it('names the nested path of a bad field', async () => {
    const answer = await ipcMain.invoke('dialog:open-files', {
      title: 'Open',
      multiple: false,
      filters: [{ name: 'Excel', extensions: ['xlsx', '../x'] }],
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    if (!answer.ok) expect(answer.error.message).toContain('filters[0].extensions[1]');
    expect(handlers.openFiles).not.toHaveBeenCalled();
  });

  it.each([
    ['a path', '../../etc/passwd'],
    ['upper-case hex', 'A'.repeat(64)],
    ['a valid id followed by a path', `${'a'.repeat(64)}/../../x`],
  ])('refuses a signing key id that is %s with INVALID_PAYLOAD, without calling the handler', async (_what, keyId) => {
    const answer = await ipcMain.invoke('keys:sign', { keyId, data: new Uint8Array([1, 2, 3]) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    if (!answer.ok) expect(answer.error.message).toContain('keyId');
    expect(handlers.signWithKey).not.toHaveBeenCalled();
  });

  it('refuses a signature of the wrong length from the handler', async () => {
    handlers.signWithKey.mockResolvedValueOnce({ signature: new Uint8Array(63) });
    const answer = await ipcMain.invoke('keys:sign', { keyId: 'a'.repeat(64), data: new Uint8Array([1]) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses a link check of more than MAX_LINKS_PER_CHECK URLs without calling the handler', async () => {
    const urls = Array.from({ length: MAX_LINKS_PER_CHECK + 1 }, (_, i) => `https://example.org/${String(i)}`);
    const answer = await ipcMain.invoke('links:check', { urls });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    if (!answer.ok) expect(answer.error.message).toContain('urls');
    expect(handlers.checkLinks).not.toHaveBeenCalled();
  });

  it('refuses a link check result with a status outside the contract', async () => {
    handlers.checkLinks.mockResolvedValueOnce({
      online: true,
      // Deliberately off-contract, as a buggy handler might answer; the cast only gets it past tsc.
      results: [{ url: 'https://example.org/', status: 'fine' as 'ok', checkedAt: 1 }],
    });
    const answer = await ipcMain.invoke('links:check', { urls: ['https://example.org/'] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('maps a thrown AppError to its own code and message', async () => {
    handlers.openExternal.mockRejectedValueOnce(new ExternalUrlRefusedError('Only http and https links can be opened.'));
    await expect(ipcMain.invoke('shell:open-external', { url: 'file:///etc/passwd' })).resolves.toStrictEqual({
      ok: false,
      error: { code: 'URL_REFUSED', message: 'Only http and https links can be opened.' },
    });
    handlers.openFiles.mockRejectedValueOnce(new AppError('FILE_TOO_LARGE', 'big.xlsx is too large.'));
    await expect(ipcMain.invoke('dialog:open-files', { title: 'Open', filters: [], multiple: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FILE_TOO_LARGE' },
    });
  });

  it('maps an unexpected throw to INTERNAL, logs it and keeps its details out of the answer', async () => {
    handlers.getAppInfo.mockRejectedValueOnce(new Error('ENOENT: /home/alice/secret/path'));
    const answer = await ipcMain.invoke('app:get-info', null);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain('/home/alice');
    expect(loggerMock.logger.error).toHaveBeenCalledOnce();
  });

  it('refuses a handler answer that breaks the response schema', async () => {
    // A full path is exactly what must never reach the page; the strict schema catches the extra key.
    const leakyFile = { name: 'a.xlsx', data: new Uint8Array(), path: '/home/alice/a.xlsx' };
    handlers.openFiles.mockResolvedValueOnce({ files: [leakyFile] });
    const answer = await ipcMain.invoke('dialog:open-files', { title: 'Open', filters: [], multiple: false });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain('/home/alice');
  });

  it('refuses opened files whose answer carries a full path', async () => {
    // The page learns base names only; a handler that leaked the path would break the strict schema.
    const leaky = { name: 'a.json', data: new Uint8Array(), path: '/home/alice/a.json' };
    handlers.takeOpenedFiles.mockResolvedValueOnce({ files: [leaky], refused: [] });
    const answer = await ipcMain.invoke('files:take-opened', null);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain('/home/alice');
  });

  it('passes a submissions pick through, and refuses a bad request or an answer past the intake limit', async () => {
    handlers.pickSubmissions.mockResolvedValueOnce({ files: [{ name: 'a.json', data: new Uint8Array([1]) }], refused: [{ name: 'b.xlsx', reason: 'Unreadable.' }] });
    await expect(ipcMain.invoke('dialog:pick-submissions', { title: 'Add submissions', folder: true })).resolves.toMatchObject({
      ok: true,
      value: { files: [{ name: 'a.json' }], refused: [{ name: 'b.xlsx' }] },
    });
    expect(handlers.pickSubmissions).toHaveBeenCalledExactlyOnceWith({ title: 'Add submissions', folder: true });

    const bad = await ipcMain.invoke('dialog:pick-submissions', { title: 'Add', folder: 'yes' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(handlers.pickSubmissions).toHaveBeenCalledOnce();

    const refused = Array.from({ length: MAX_INTAKE_FILES + 1 }, (_, i) => ({ name: `${String(i)}.json`, reason: 'Unreadable.' }));
    handlers.pickSubmissions.mockResolvedValueOnce({ files: [], refused });
    await expect(ipcMain.invoke('dialog:pick-submissions', { title: 'Add', folder: false })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a file page', 'file:///tmp/page.html'],
    ['the dev server', 'http://127.0.0.1:5173/'],
    ['no frame', null],
  ])('refuses a request from %s without calling the handler', async (_what, senderUrl) => {
    const answer = await ipcMain.invoke('shell:open-external', { url: 'https://example.org' }, senderUrl);
    expect(answer).toMatchObject({ ok: false, error: { code: 'IPC_SENDER_REFUSED' } });
    expect(handlers.openExternal).not.toHaveBeenCalled();
    expect(loggerMock.logger.warn).toHaveBeenCalledOnce();
  });
});
