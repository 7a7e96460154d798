import { desktopApiStub, unusedWebKeys } from '../../helpers/desktop-api-stub';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { DesktopApi, IpcRequest, IpcResponse } from '../../../shared/ipc/contract';
import { encodeIpcErrorMessage, IPC_ERROR_NAME } from '../../../shared/ipc/ipc-error';
import { createDesktopPlatform } from '../../../renderer/src/platform/desktop';
import { createWebPlatform } from '../../../renderer/src/platform/web';

afterEach(() => {
  vi.unstubAllGlobals();
});

const noKeys = unusedWebKeys;

/** A preload API where only `checkLinks` answers; the other methods are never called here. */
function desktopApi(checkLinks: (request: IpcRequest<'checkLinks'>) => Promise<IpcResponse<'checkLinks'>>): DesktopApi {
  return desktopApiStub({ checkLinks });
}

describe('web platform checkLinks', () => {
  it('is unavailable when online: a page cannot request other sites', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    await expect(createWebPlatform('1.0.0', noKeys).checkLinks(['https://example.org/'])).resolves.toStrictEqual({ kind: 'unavailable' });
  });

  it('says offline when the browser is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    await expect(createWebPlatform('1.0.0', noKeys).checkLinks(['https://example.org/'])).resolves.toStrictEqual({ kind: 'offline' });
  });
});

describe('desktop platform checkLinks', () => {
  const result = { url: 'https://example.org/', status: 'ok' as const, httpStatus: 200, checkedAt: 5 };

  it('returns the results when the main process checked them', async () => {
    const checkLinks = vi.fn(() => Promise.resolve({ online: true, results: [result] }));
    const platform = createDesktopPlatform(desktopApi(checkLinks));
    await expect(platform.checkLinks(['https://example.org/'])).resolves.toStrictEqual({ kind: 'checked', results: [result] });
    expect(checkLinks).toHaveBeenCalledExactlyOnceWith({ urls: ['https://example.org/'] });
  });

  it('says offline when the main process saw no network', async () => {
    const platform = createDesktopPlatform(desktopApi(() => Promise.resolve({ online: false, results: [] })));
    await expect(platform.checkLinks(['https://example.org/'])).resolves.toStrictEqual({ kind: 'offline' });
  });

  it('answers an empty list without calling the main process', async () => {
    const checkLinks = vi.fn(() => Promise.resolve({ online: true, results: [] }));
    await expect(createDesktopPlatform(desktopApi(checkLinks)).checkLinks([])).resolves.toStrictEqual({ kind: 'checked', results: [] });
    expect(checkLinks).not.toHaveBeenCalled();
  });

  it('turns a refused call into an AppError with its code', async () => {
    const refused = Object.assign(new Error(encodeIpcErrorMessage('INVALID_PAYLOAD', 'links:check: invalid request: urls: too big')), {
      name: IPC_ERROR_NAME,
    });
    const platform = createDesktopPlatform(desktopApi(() => Promise.reject(refused)));
    const error: unknown = await platform.checkLinks(['https://example.org/']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_PAYLOAD' });
  });
});
