import { dialog } from 'electron';
import type { SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { IpcHandlers } from '../register';
import { dialogParent } from './dialog-parent';
import { AppError } from '../../../../shared/errors';
import { writeFileAtomically } from '../../fs/write-file-atomically';

export const saveFile: IpcHandlers['saveFile'] = async ({ title, suggestedName, filters, data }) => {
  const options: SaveDialogOptions = {
    title,
    // Only a file name: the page may suggest what to call the file, not which folder to write to.
    defaultPath: path.basename(suggestedName),
    filters,
  };
  const parent = dialogParent();
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (result.canceled || result.filePath === '') return { saved: false };

  try {
    await writeFileAtomically(result.filePath, data);
  } catch (error: unknown) {
    // The system's reason (ENOSPC, EACCES…) helps the person; the folder path stays here.
    const reason = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'write error';
    throw new AppError('FILE_UNWRITABLE', `${path.basename(result.filePath)} could not be saved (${reason}).`);
  }
  // The base name only: full paths (user names, folder layout) stay in the main process.
  return { saved: true, fileName: path.basename(result.filePath) };
};
