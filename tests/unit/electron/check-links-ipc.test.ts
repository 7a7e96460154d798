import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcContract, MAX_LINKS_PER_CHECK } from '../../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  net: { isOnline: vi.fn(() => true) },
  app: {},
  shell: {},
  dialog: {},
  BrowserWindow: {},
  safeStorage: {},
  protocol: {},
}));
vi.mock('electron', () => electron);
vi.mock('../../../electron/main/logger', () => ({ logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));

import { ipcHandlers } from '../../../electron/main/ipc/handlers';
import { checkLinksHandler } from '../../../electron/main/ipc/handlers/check-links';
import { registerIpcHandlers } from '../../../electron/main/ipc/register';
import { FakeIpcMain } from '../../helpers/fake-ipc-main';


let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests += 1;
    response.writeHead(request.url === '/ok' ? 200 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

let ipcMain: FakeIpcMain;

beforeEach(() => {
  vi.clearAllMocks();
  electron.net.isOnline.mockReturnValue(true);
  requests = 0;
  ipcMain = new FakeIpcMain();
  registerIpcHandlers(ipcMain, ipcHandlers);
});

describe('links:check', () => {
  it('checks the links when online and answers within the contract', async () => {
    const answer = await ipcMain.invoke('links:check', { urls: [`${base}/ok`, `${base}/gone`] });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const value = ipcContract.checkLinks.response.parse(answer.value);
    expect(value.online).toBe(true);
    expect(value.results.map((r) => [r.url, r.status, r.httpStatus])).toStrictEqual([
      [`${base}/ok`, 'ok', 200],
      [`${base}/gone`, 'broken', 404],
    ]);
    expect(electron.net.isOnline).toHaveBeenCalledOnce();
    expect(requests).toBe(2);
  });

  it('answers online: false with no results and sends no request when the machine is offline', async () => {
    electron.net.isOnline.mockReturnValue(false);
    await expect(ipcMain.invoke('links:check', { urls: [`${base}/ok`] })).resolves.toStrictEqual({
      ok: true,
      value: { online: false, results: [] },
    });
    expect(requests).toBe(0);
  });

  it.each([
    ['an empty list', { urls: [] }],
    ['more than MAX_LINKS_PER_CHECK URLs', { urls: Array.from({ length: MAX_LINKS_PER_CHECK + 1 }, (_, i) => `${base}/${String(i)}`) }],
    ['a URL that is not text', { urls: [42] }],
    ['an empty URL', { urls: [''] }],
    ['a URL longer than 8192 characters', { urls: [`${base}/${'a'.repeat(8192)}`] }],
    ['a bare string', `${base}/ok`],
    ['an extra key', { urls: [`${base}/ok`], timeoutMs: 1 }],
  ])('refuses %s with INVALID_PAYLOAD, before looking at the network', async (_what, payload) => {
    const answer = await ipcMain.invoke('links:check', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(electron.net.isOnline).not.toHaveBeenCalled();
    expect(requests).toBe(0);
  });

  it('reads the network state on every call', async () => {
    const check = vi.fn((urls: readonly string[]) => Promise.resolve(urls.map((url) => ({ url, status: 'ok' as const, checkedAt: 1 }))));
    let online = false;
    const handler = checkLinksHandler({ isOnline: () => online, check });
    await expect(handler({ urls: ['https://example.org/'] })).resolves.toStrictEqual({ online: false, results: [] });
    online = true;
    await expect(handler({ urls: ['https://example.org/'] })).resolves.toStrictEqual({
      online: true,
      results: [{ url: 'https://example.org/', status: 'ok', checkedAt: 1 }],
    });
    expect(check).toHaveBeenCalledOnce();
  });
});
