import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_API_GLOBAL, ipcContract } from '../../../shared/ipc/contract';
import { decodeIpcError } from '../../../shared/ipc/ipc-error';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
  ipcRenderer: { invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>() },
}));
vi.mock('electron', () => electron);

// Importing the preload runs it, exactly as Electron would.
import { buildDesktopApi } from '../../../electron/preload/index';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What the preload handed to contextBridge at import time (captured before any test clears mocks). */
const exposeCalls = [...electron.contextBridge.exposeInMainWorld.mock.calls];

describe('exposed API', () => {
  it('is exposed once, under the contract global, frozen, with one function per contract method', () => {
    expect(exposeCalls).toHaveLength(1);
    const [key, api] = exposeCalls[0] ?? [];
    expect(key).toBe(DESKTOP_API_GLOBAL);
    expect(isRecord(api)).toBe(true);
    if (!isRecord(api)) return;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toStrictEqual(Object.keys(ipcContract).sort());
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function');
  });

  it('exposes neither ipcRenderer nor a generic invoke', () => {
    const [, api] = exposeCalls[0] ?? [];
    if (!isRecord(api)) throw new Error('nothing exposed');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
    expect(Object.keys(api)).not.toContain('invoke');
  });
});

describe('API calls', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockReset();
  });

  it('sends the request on the contract channel and returns the value', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { opened: true } });
    await expect(buildDesktopApi().openExternal({ url: 'https://example.org' })).resolves.toStrictEqual({ opened: true });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('shell:open-external', { url: 'https://example.org' });
  });

  it('signs through keys:sign and returns the signature bytes', async () => {
    const signature = new Uint8Array(64).fill(7);
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { signature } });
    const request = { keyId: 'a'.repeat(64), data: new Uint8Array([1, 2, 3]) };
    await expect(buildDesktopApi().signWithKey(request)).resolves.toStrictEqual({ signature });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('keys:sign', request);
  });

  it('generates and lists keys through keys:generate and keys:list', async () => {
    const key = { keyId: 'b'.repeat(64), publicKey: new Uint8Array(32).fill(1), label: 'Ministry', createdAt: 1 };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: key });
    await expect(buildDesktopApi().generateSigningKey({ label: 'Ministry' })).resolves.toStrictEqual(key);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('keys:generate', { label: 'Ministry' });

    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { keys: [key] } });
    await expect(buildDesktopApi().listSigningKeys(null)).resolves.toStrictEqual({ keys: [key] });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('keys:list', null);
  });

  it('checks links through links:check and returns online and the results', async () => {
    const value = { online: true, results: [{ url: 'https://example.org/', status: 'broken', httpStatus: 404, checkedAt: 1 }] };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value });
    const request = { urls: ['https://example.org/'] };
    await expect(buildDesktopApi().checkLinks(request)).resolves.toStrictEqual(value);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('links:check', request);
  });

  it('takes opened files through files:take-opened with a null request and returns names and bytes', async () => {
    const value = { files: [{ name: 'answers.json', data: new Uint8Array([123, 125]) }], refused: [{ name: 'huge.xlsx', reason: 'too large' }] };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value });
    await expect(buildDesktopApi().takeOpenedFiles(null)).resolves.toStrictEqual(value);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('files:take-opened', null);
  });

  it('rejects a link check answer whose status is not in the contract', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { online: true, results: [{ url: 'x', status: 'fine', checkedAt: 1 }] } });
    const error: unknown = await buildDesktopApi()
      .checkLinks({ urls: ['x'] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'IpcError', code: 'INTERNAL' });
  });

  it('rejects a key answer that carries anything beyond the public fields', async () => {
    const leaky = { keyId: 'b'.repeat(64), publicKey: new Uint8Array(32), label: 'Ministry', createdAt: 1, privateKey: 'x' };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { keys: [leaky] } });
    const error: unknown = await buildDesktopApi()
      .listSigningKeys(null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'IpcError', code: 'INTERNAL' });
  });

  it('rejects with an IpcError carrying the code from an error envelope', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'URL_REFUSED', message: 'Only http and https links can be opened, not file:' },
    });
    const error: unknown = await buildDesktopApi()
      .openExternal({ url: 'file:///etc/passwd' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'IpcError',
      code: 'URL_REFUSED',
      message: '[URL_REFUSED] Only http and https links can be opened, not file:',
    });
    expect(decodeIpcError(error)).toStrictEqual({ code: 'URL_REFUSED', message: 'Only http and https links can be opened, not file:' });
  });

  it.each([
    ['a value that breaks the response schema', { ok: true, value: { opened: 'yes' } }],
    ['something that is not an envelope', 'hello'],
    ['an unknown error code', { ok: false, error: { code: 'EVIL', message: 'x' } }],
  ])('rejects with INTERNAL on %s', async (_what, answer) => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce(answer);
    const error: unknown = await buildDesktopApi()
      .openExternal({ url: 'https://example.org' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'IpcError', code: 'INTERNAL' });
  });

  it('rejects with INTERNAL when the main process does not answer', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:get-info'"));
    const error: unknown = await buildDesktopApi()
      .getAppInfo(null)
      .catch((e: unknown) => e);
    expect(decodeIpcError(error).code).toBe('INTERNAL');
  });
});
