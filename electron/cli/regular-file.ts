import { constants } from 'node:fs';
import type { Stats } from 'node:fs';

/**
 * Files that come from someone else (submissions to verify) are read only when they are regular
 * files, and opened in a way that never waits: a FIFO opened for reading would otherwise block
 * until someone writes to it (for ever, in a folder of submissions), and a device such as
 * /dev/zero never ends. Windows has no O_NONBLOCK (nor FIFOs in folders).
 */
const nonBlocking: number | undefined = (constants as Partial<typeof constants>).O_NONBLOCK;
export const OPEN_NOT_WAITING = constants.O_RDONLY | (nonBlocking ?? 0);

/** Why a file that is not a regular file is not read; undefined for a regular file. */
export function notRegularReason(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'this is a folder, not a file';
  return 'this is not a regular file (a device, a pipe or a socket), so it was not read';
}
