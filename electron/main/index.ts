import { app, BrowserWindow, ipcMain, session } from 'electron';
import { APP_ID } from './app-id';
import { ipcHandlers } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register';
import { logger } from './logger';
import { installOpenWith, openWithQueue } from './open-with';
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
// Windows: the id the installer's shortcuts carry, so the window groups with its pinned shortcut.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

if (app.requestSingleInstanceLock()) {
  // Files handed over by the OS ("open with", file associations): this launch's own command line,
  // then `second-instance` (a later launch on Windows and Linux, which also focuses the running
  // window instead of opening a second copy on the same data) and `open-file` (macOS). Registered
  // here, before `ready`, because macOS sends the file of a launch-by-file before the app is ready.
  installOpenWith(openWithQueue, {
    app,
    argv: process.argv,
    cwd: process.cwd(),
    // `electron <app folder>` in development: that folder is an argument too, and no document.
    appPathArgs: process.defaultApp ? 1 : 0,
    mainWindow: () => BrowserWindow.getAllWindows()[0],
    createWindow: () => {
      createMainWindow(paths.preloadPath);
    },
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
