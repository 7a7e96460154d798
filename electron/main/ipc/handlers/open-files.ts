import { dialog } from 'electron';
import type { OpenDialogOptions } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, FileTooLargeError } from '../../../../shared/errors';
import { MAX_OPEN_FILE_BYTES } from '../../../../shared/ipc/contract';
import type { OpenedFile } from '../../../../shared/ipc/contract';
import type { IpcHandlers } from '../register';
import { dialogParent } from './dialog-parent';

export const openFiles: IpcHandlers['openFiles'] = async ({ title, filters, multiple }) => {
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
  for (const filePath of result.filePaths) files.push(await readOpenedFile(filePath));
  return { files };
};

/**
 * Reads a file the person picked. The size is checked from `stat` BEFORE reading, so a huge file is
 * refused without being loaded, and again after reading in case it grew in between. Messages name
 * the file only: the renderer never learns full paths.
 */
export async function readOpenedFile(filePath: string, limit: number = MAX_OPEN_FILE_BYTES): Promise<OpenedFile> {
  const name = path.basename(filePath);
  const stats = await stat(filePath).catch((error: unknown) => {
    throw unreadable(name, error);
  });
  if (!stats.isFile()) throw new AppError('FILE_UNREADABLE', `${name} is not a regular file.`);
  if (stats.size > limit) throw new FileTooLargeError(name, stats.size, limit);

  const buffer = await readFile(filePath).catch((error: unknown) => {
    throw unreadable(name, error);
  });
  if (buffer.byteLength > limit) throw new FileTooLargeError(name, buffer.byteLength, limit);
  // A plain Uint8Array view (no copy): Buffer is a Node type the renderer has no use for.
  return { name, data: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
}

function unreadable(name: string, error: unknown): AppError {
  const reason = error instanceof Error && 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  return new AppError('FILE_UNREADABLE', `${name} could not be read${reason}.`);
}
