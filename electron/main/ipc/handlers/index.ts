import type { IpcHandlers } from '../register';
import { getAppInfo } from './app-info';
import { checkLinks } from './check-links';
import { openExternal } from './open-external';
import { openFiles } from './open-files';
import { pickSubmissions } from './pick-submissions';
import { saveFile } from './save-file';
import { generateSigningKey, listSigningKeys, signWithKey } from './signing-keys';
import { takeOpenedFiles } from './take-opened-files';

export const ipcHandlers = {
  getAppInfo,
  openExternal,
  openFiles,
  saveFile,
  generateSigningKey,
  listSigningKeys,
  signWithKey,
  checkLinks,
  takeOpenedFiles,
  pickSubmissions,
} satisfies IpcHandlers;
