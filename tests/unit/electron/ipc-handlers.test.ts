import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ExternalUrlRefusedError } from '../../../shared/errors';
import { appInfoSchema } from '../../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  app: {
    getName: vi.fn(() => 'EGov Desk'),
    getVersion: vi.fn(() => '0.1.0'),
    getPath: vi.fn((name: string) => (name === 'userData' ? '/home/kai/.config/EGov Desk' : `/unexpected/${name}`)),
  },
  shell: { openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()) },
  dialog: {},
  BrowserWindow: {},
}));
vi.mock('electron', () => electron);

import { ipcHandlers } from '../../../electron/main/ipc/handlers';

describe('ipc handlers', () => {
  beforeEach(() => {
    electron.shell.openExternal.mockClear();
  });

  it('getAppInfo reports the app name and version, desktop, the OS and the data folder (userData)', async () => {
    const info = await ipcHandlers.getAppInfo(null);
    expect(info).toStrictEqual({ name: 'EGov Desk', version: '0.1.0', platform: 'desktop', os: process.platform, dataFolder: '/home/kai/.config/EGov Desk' });
    expect(electron.app.getPath).toHaveBeenCalledWith('userData');
    expect(appInfoSchema.safeParse(info).success).toBe(true);
  });

  it('openExternal opens an https link', async () => {
    await expect(ipcHandlers.openExternal({ url: 'https://example.org/' })).resolves.toStrictEqual({ opened: true });
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/');
  });

  it('openExternal refuses a javascript: link with URL_REFUSED', async () => {
    await expect(ipcHandlers.openExternal({ url: 'javascript:alert(1)' })).rejects.toBeInstanceOf(ExternalUrlRefusedError);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});
