import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './protocol';
import { logger } from './logger';

/**
 * The one set of window options. Every isolation switch is spelled out, even where it matches
 * Electron's default, so a reviewer (and window.test.ts) can see the security model in one place.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'EGov Desk',
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    // Matches the renderer's background so no white flash appears before the first paint.
    backgroundColor: '#ffffff',
    // Shown on `ready-to-show`, so the person never sees a half-drawn window.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  } satisfies BrowserWindowConstructorOptions;
}

/** The only `new BrowserWindow` in the app. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    logger.error(`Could not load ${APP_ENTRY_URL}.`, error);
  });
  return window;
}
