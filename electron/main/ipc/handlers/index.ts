import type { IpcHandlers } from '../register';
import { getAppInfo } from './app-info';
import { openExternal } from './open-external';
import { openFiles } from './open-files';
import { saveFile } from './save-file';

export const ipcHandlers = { getAppInfo, openExternal, openFiles, saveFile } satisfies IpcHandlers;
