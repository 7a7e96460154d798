import { openExternalSafely } from '../../external-links';
import type { IpcHandlers } from '../register';

export const openExternal: IpcHandlers['openExternal'] = async ({ url }) => {
  await openExternalSafely(url);
  return { opened: true };
};
