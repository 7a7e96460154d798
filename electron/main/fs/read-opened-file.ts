import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError, FileTooLargeError } from '../../../shared/errors';
import { MAX_OPEN_FILE_BYTES } from '../../../shared/ipc/contract';
import type { OpenedFile } from '../../../shared/ipc/contract';

/**
 * Reads a file the person handed to the app (open dialog, "open with", or a folder they chose).
 * The file is opened once and everything is checked on that open file: its size from `fstat`
 * BEFORE reading, so a huge file is refused without being loaded, and again while reading in
 * case it grew; that it is a regular file, so a device or a FIFO is never read (and opening one
 * never waits). Messages name the file only: the renderer never learns full paths.
 */

export interface ReadOpenedFileOptions {
  /**
   * The real path of the folder the person chose, for a file found by walking it. The file was
   * inside when the folder was listed, but may since have been replaced by a link to somewhere
   * else on the disk: the file actually opened must still be inside, or it is refused unread.
   */
  readonly insideFolder?: string;
}

const flag = (name: 'O_NONBLOCK' | 'O_NOFOLLOW'): number => (constants as Partial<typeof constants>)[name] ?? 0;

/** A file that was inside the chosen folder when it was listed, and no longer leads there. */
export class LeftFolderError extends AppError {
  constructor(name: string) {
    super('FILE_UNREADABLE', `${name} no longer leads to a file inside the chosen folder (it was replaced, or became a link); it was not read.`);
  }
}

export async function readOpenedFile(filePath: string, limit: number = MAX_OPEN_FILE_BYTES, options: ReadOpenedFileOptions = {}): Promise<OpenedFile> {
  const name = path.basename(filePath);
  const { insideFolder } = options;
  // A folder walk stores real paths: if the last part is a link now, it was swapped in since.
  const flags = constants.O_RDONLY | flag('O_NONBLOCK') | (insideFolder === undefined ? 0 : flag('O_NOFOLLOW'));
  let handle: FileHandle;
  try {
    handle = await open(filePath, flags);
  } catch (error: unknown) {
    if (insideFolder !== undefined && errorCode(error) === 'ELOOP') throw new LeftFolderError(name);
    throw unreadable(name, error);
  }
  try {
    const stats = await handle.stat().catch((error: unknown) => {
      throw unreadable(name, error);
    });
    if (!stats.isFile()) throw new AppError('FILE_UNREADABLE', `${name} is not a regular file.`);
    if (stats.size > limit) throw new FileTooLargeError(name, stats.size, limit);
    if (insideFolder !== undefined && !(await isStillInside(filePath, insideFolder, stats))) throw new LeftFolderError(name);
    const data = await readAtMost(handle, limit, name, stats.size);
    return { name, data };
  } finally {
    await handle.close();
  }
}

/**
 * True when the file opened (`opened`, its fstat) is the file now at a real path inside `folder`.
 * Checked after opening: whatever is renamed or re-linked later, the open file is this one.
 */
async function isStillInside(filePath: string, folder: string, opened: Stats): Promise<boolean> {
  try {
    const real = await realpath(filePath);
    if (!isInsideFolder(folder, real)) return false;
    const now = await stat(real);
    return now.dev === opened.dev && now.ino === opened.ino;
  } catch {
    return false;
  }
}

/** True when `candidate` is `folder` or inside it; a name such as "..data" inside is inside. */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * Reads to the end rather than trusting the size (the file may grow), but refuses the file as
 * soon as it passes `limit`. Chunks are sized from the size fstat gave, so a small file costs one
 * small read.
 */
async function readAtMost(handle: FileHandle, limit: number, name: string, size: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(size + 1 - total, 4096), 16 * 1024 * 1024, limit + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null).catch((error: unknown) => {
      throw unreadable(name, error);
    });
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > limit) throw new FileTooLargeError(name, total, limit);
    chunks.push(chunk.subarray(0, bytesRead));
  }
  // A plain Uint8Array: Buffer is a Node type the renderer has no use for.
  const data = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.byteLength;
  }
  return data;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function unreadable(name: string, error: unknown): AppError {
  const code = errorCode(error);
  return new AppError('FILE_UNREADABLE', `${name} could not be read${code === undefined ? '' : ` (${code})`}.`);
}
