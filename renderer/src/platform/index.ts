import { DESKTOP_API_GLOBAL, ipcContract } from '../../../shared/ipc/contract';
import type { DesktopApi } from '../../../shared/ipc/contract';
import { createDesktopPlatform } from './desktop';
import { createWebPlatform } from './web';
import { createWebKeyStore } from './web-keys';
import { storage } from '../db';
import type { Platform } from './types';

export type { Platform } from './types';

function desktopApi(): DesktopApi | undefined {
  // The only place that reads the preload's global.
  const candidate: unknown = Reflect.get(window, DESKTOP_API_GLOBAL);
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const complete = Object.keys(ipcContract).every((method) => typeof Reflect.get(candidate, method) === 'function');
  // Checked above: every method of the contract is a function, which is all a DesktopApi is.
  return complete ? (candidate as DesktopApi) : undefined;
}

let current: Platform | undefined;

/** The platform this build runs on, chosen once: Electron when its preload is there, else the web. */
export function platform(): Platform {
  if (!current) {
    const api = desktopApi();
    current = api ? createDesktopPlatform(api) : createWebPlatform(__APP_VERSION__, createWebKeyStore(storage().signingKeys));
  }
  return current;
}
