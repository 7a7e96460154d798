import { dialog } from 'electron';
import type { OpenDialogOptions } from 'electron';
import { MAX_OPEN_FILE_BYTES } from '../../../../shared/ipc/contract';
import type { OpenedFile } from '../../../../shared/ipc/contract';
import { readOpenedFile } from '../../fs/read-opened-file';
import type { IpcHandlers } from '../register';
import { dialogParent } from './dialog-parent';

export const openFiles: IpcHandlers['openFiles'] = async ({ title, filters, multiple, maxBytes }) => {
  const options: OpenDialogOptions = {
    title,
    filters,
    properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
  };
  const parent = dialogParent();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  if (result.canceled) return { files: [] };

  const files: OpenedFile[] = [];
  // One at a time: at most one file's bytes are being read into memory at once.
  // The caller's limit (already capped by the contract's schema), else the usual one.
  for (const filePath of result.filePaths) files.push(await readOpenedFile(filePath, maxBytes ?? MAX_OPEN_FILE_BYTES));
  return { files };
};
