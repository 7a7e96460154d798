import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /**
   * Permission bits of the new file, set when it is created, so there is no moment where a secret
   * sits on disk readable by others (a later chmod would leave that window open). The process
   * umask can only narrow them. Ignored by Windows, where the folder's ACL applies.
   */
  readonly mode?: number;
  /**
   * Also flush the folder after the rename, so the new directory entry itself survives a power
   * cut. Needed when losing the file would be worse than a slower write (key material).
   * POSIX only: Windows cannot open a folder for flushing.
   */
  readonly syncFolder?: boolean;
}

/** Default for files the person owns (exports): the usual rw-r--r-- after umask. */
const DEFAULT_MODE = 0o666;

/**
 * Writes to a temporary file in the target folder, flushes it to disk, then renames it over the
 * target. A crash or a full disk therefore leaves either the old file or the new one, never half a
 * file. Same folder, because a rename is only atomic within one file system.
 */
export async function writeFileAtomically(targetPath: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const folder = path.dirname(targetPath);
  const tempPath = path.join(folder, `.${path.basename(targetPath)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(tempPath, 'wx', options.mode ?? DEFAULT_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, targetPath);
  } catch (error: unknown) {
    await rm(tempPath, { force: true });
    throw error;
  }
  if (options.syncFolder === true && process.platform !== 'win32') await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
