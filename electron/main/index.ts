import { app, BrowserWindow, ipcMain, session } from 'electron';
import { ipcHandlers } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register';
import { logger } from './logger';
import { resolveBuildPaths } from './paths';
import { installAppProtocol, registerAppScheme } from './protocol';
import { installSecurityGuards } from './security';
import { createMainWindow } from './window';

/** Lifecycle wiring only; each concern lives in its own module. */

const paths = resolveBuildPaths(__dirname);

// Both must happen before `ready`: privileges cannot be granted to a scheme afterwards, and the
// sandbox switch applies to renderers Electron has not started yet.
registerAppScheme();
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  // A second launch focuses the running window instead of opening a second copy on the same data.
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    // macOS apps stay active until the person quits them explicitly.
    if (process.platform !== 'darwin') app.quit();
  });

  // macOS re-opens a window from the dock; `activate` can fire before `ready` there, hence the check.
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createMainWindow(paths.preloadPath);
  });

  app
    .whenReady()
    .then(() => {
      installAppProtocol(paths.rendererDir);
      installSecurityGuards(app, session.defaultSession);
      registerIpcHandlers(ipcMain, ipcHandlers);
      createMainWindow(paths.preloadPath);
    })
    .catch((error: unknown) => {
      logger.error('The app failed to start.', error);
      app.exit(1);
    });
} else {
  app.quit();
}
