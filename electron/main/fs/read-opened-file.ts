import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, FileTooLargeError } from '../../../shared/errors';
import { MAX_OPEN_FILE_BYTES } from '../../../shared/ipc/contract';
import type { OpenedFile } from '../../../shared/ipc/contract';

/**
 * Reads a file the person handed to the app (open dialog, or the OS through "open with"). The size
 * is checked from `stat` BEFORE reading, so a huge file is refused without being loaded, and again
 * after reading in case it grew in between. Messages name the file only: the renderer never learns
 * full paths.
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
