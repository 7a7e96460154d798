import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  class FakeBrowserWindow {
    static readonly instances: FakeBrowserWindow[] = [];
    readonly listeners = new Map<string, () => void>();
    readonly show = vi.fn();
    readonly loadURL = vi.fn((_url: string) => Promise.resolve());
    constructor(readonly options: unknown) {
      FakeBrowserWindow.instances.push(this);
    }
    once(event: string, listener: () => void): this {
      this.listeners.set(event, listener);
      return this;
    }
  }
  return { FakeBrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: fakes.FakeBrowserWindow }));

import { createMainWindow, mainWindowOptions } from '../../../electron/main/window';

const PRELOAD = '/app/dist/electron/preload.cjs';

describe('mainWindowOptions', () => {
  it('turns on every isolation switch and turns off every Node and webview switch', () => {
    expect(mainWindowOptions(PRELOAD).webPreferences).toStrictEqual({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    });
  });

  it('starts hidden, titled, with a usable minimum size', () => {
    const options = mainWindowOptions(PRELOAD);
    expect(options.show).toBe(false);
    expect(options.title).toBe('EGov Desk');
    expect(options.minWidth).toBeGreaterThanOrEqual(640);
    expect(options.minHeight).toBeGreaterThanOrEqual(480);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    fakes.FakeBrowserWindow.instances.length = 0;
  });

  it('creates one window with the hardened options and loads the app:// entry', () => {
    createMainWindow(PRELOAD);
    expect(fakes.FakeBrowserWindow.instances).toHaveLength(1);
    const [window] = fakes.FakeBrowserWindow.instances;
    expect(window?.options).toStrictEqual(mainWindowOptions(PRELOAD));
    expect(window?.loadURL).toHaveBeenCalledExactlyOnceWith('app://egov-desk/index.html');
  });

  it('shows the window only once it is ready to show', () => {
    createMainWindow(PRELOAD);
    const [window] = fakes.FakeBrowserWindow.instances;
    expect(window?.show).not.toHaveBeenCalled();
    window?.listeners.get('ready-to-show')?.();
    expect(window?.show).toHaveBeenCalledOnce();
  });
});
