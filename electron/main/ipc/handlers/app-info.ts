import { app } from 'electron';
import type { IpcHandlers } from '../register';

export const getAppInfo: IpcHandlers['getAppInfo'] = () =>
  Promise.resolve({
    name: app.getName(),
    version: app.getVersion(),
    platform: 'desktop',
    os: process.platform,
    // Where IndexedDB and the signing keys live, for the About screen (a backup is of this folder).
    dataFolder: app.getPath('userData'),
  });
