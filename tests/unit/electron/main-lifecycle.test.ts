import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract';

/** A controllable stand-in for Electron's `app`: the test decides when it becomes ready. */
class FakeApp extends EventEmitter {
  gotLock = true;
  ready = false;
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
  readonly enableSandbox = vi.fn();
  readonly setAppUserModelId = vi.fn();
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly isReady = vi.fn(() => this.ready);
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  becomeReady(): Promise<void> {
    this.ready = true;
    this.resolveReady();
    return new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const electron = vi.hoisted(() => {
  class FakeBrowserWindow {
    static readonly instances: FakeBrowserWindow[] = [];
    static getAllWindows(): FakeBrowserWindow[] {
      return FakeBrowserWindow.instances;
    }
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly isMinimized = vi.fn(() => true);
    readonly restore = vi.fn();
    readonly focus = vi.fn();
    constructor(readonly options: { webPreferences?: { preload?: string } }) {
      FakeBrowserWindow.instances.push(this);
    }
    once(): this {
      return this;
    }
  }
  // Replaced by a fresh FakeApp in startMain(); modules read it when they run.
  const app: unknown = undefined;
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    ipcMain: { handle: vi.fn() },
  };
});
vi.mock('electron', () => electron);

let app: FakeApp;

async function startMain(gotLock = true): Promise<void> {
  vi.resetModules();
  app = new FakeApp();
  app.gotLock = gotLock;
  electron.app = app;
  await import('../../../electron/main/index');
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.BrowserWindow.instances.length = 0;
});

describe('electron/main/index.ts', () => {
  it('registers the privileged scheme and the sandbox before ready, and nothing else', async () => {
    await startMain();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('claims the installer\'s AppUserModelID on Windows only, so the window groups with its shortcut', async () => {
    const { APP_ID } = await import('../../../electron/main/app-id');
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    try {
      Object.defineProperty(process, 'platform', { value: 'win32' });
      await startMain();
      expect(app.setAppUserModelId).toHaveBeenCalledWith(APP_ID);
      Object.defineProperty(process, 'platform', { value: 'linux' });
      await startMain();
      expect(app.setAppUserModelId).not.toHaveBeenCalled();
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });

  it('on ready installs the protocol, the guards and every IPC channel, then opens one window', async () => {
    await startMain();
    await app.becomeReady();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(app.listenerCount('web-contents-created')).toBe(1);
    const channels = electron.ipcMain.handle.mock.calls.map((call: unknown[]) => call[0]);
    expect(channels.sort()).toStrictEqual(Object.values(ipcContract).map((entry) => entry.channel).sort());
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    const preload = electron.BrowserWindow.instances[0]?.options.webPreferences?.preload ?? '';
    expect(path.basename(preload)).toBe('preload.cjs');
  });

  it('quits when the last window closes (outside macOS) and re-creates a window on activate', async () => {
    await startMain();
    await app.becomeReady();
    electron.BrowserWindow.instances.length = 0;
    app.emit('activate');
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(app.quit).not.toHaveBeenCalled();
    else expect(app.quit).toHaveBeenCalledOnce();
  });

  it('quits at once, wiring nothing, when another instance holds the lock', async () => {
    await startMain(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listenerCount('window-all-closed')).toBe(0);
    expect(app.listenerCount('open-file')).toBe(0);
    expect(app.listenerCount('second-instance')).toBe(0);
    await app.becomeReady();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  describe('files handed over by the OS', () => {
    const originalArgv = process.argv;
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'egov-main-open-'));
    });

    afterEach(async () => {
      process.argv = originalArgv;
      await rm(dir, { recursive: true, force: true });
    });

    it('listens for open-file and second-instance before ready, once each', async () => {
      await startMain();
      expect(app.listenerCount('open-file')).toBe(1);
      expect(app.listenerCount('second-instance')).toBe(1);
    });

    it('queues a submission named on its own command line', async () => {
      const file = path.join(dir, 'answers.json');
      await writeFile(file, '{}');
      process.argv = ['/opt/EGov Desk/egov-desk', '--no-sandbox', file];
      await startMain();
      // The same module instance index.ts wired (modules were reset before it was imported).
      const { openWithQueue } = await import('../../../electron/main/open-with');
      expect(openWithQueue.size).toBe(1);
    });

    it('on a second launch restores and focuses the running window instead of opening another', async () => {
      await startMain();
      await app.becomeReady();
      app.emit('second-instance', {}, ['/opt/EGov Desk/egov-desk'], dir);
      expect(electron.BrowserWindow.instances).toHaveLength(1);
      const [window] = electron.BrowserWindow.instances;
      expect(window?.restore).toHaveBeenCalledOnce();
      expect(window?.focus).toHaveBeenCalledOnce();
    });

    it('on macOS open-file with no window left, opens one whose page will take the file', async () => {
      await startMain();
      await app.becomeReady();
      electron.BrowserWindow.instances.length = 0;
      const file = path.join(dir, 'answers.xlsx');
      await writeFile(file, '');
      app.emit('open-file', { preventDefault: vi.fn() }, file);
      expect(electron.BrowserWindow.instances).toHaveLength(1);
    });
  });
});
