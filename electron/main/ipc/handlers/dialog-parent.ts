import { BrowserWindow } from 'electron';

/**
 * Dialogs attach to the focused window so they are modal to it (and appear above it on every OS).
 * Typed with the `Electron.BrowserWindow` that `getFocusedWindow` returns: the class imported from
 * 'electron' is a re-declared subclass of it.
 */
export function dialogParent(): Electron.BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? undefined;
}
