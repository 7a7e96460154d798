import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInsideFolder } from './read-opened-file';

/** Extensions of the files a coordinator's intake takes (signed JSON, signed Excel). */
export const SUBMISSION_EXTENSIONS: readonly string[] = ['.json', '.xlsx'];

/** Most folders one walk visits: a folder picked by mistake (a whole disk) is not walked to the end. */
export const MAX_FOLDERS_VISITED = 20_000;

export interface FoundFile {
  /** Where to read the file: its real path (a link is resolved once, when it is checked). */
  readonly path: string;
  /** The path inside the picked folder, with `/`: what the person sees, never the full path. */
  readonly name: string;
  /**
   * The real path of the picked folder, for a file found by walking it: when the file is read,
   * what is opened must still be inside (see readOpenedFile's `insideFolder`).
   */
  readonly root?: string;
}

export interface SkippedEntry {
  readonly name: string;
  readonly reason: string;
}

export interface FolderListing {
  readonly files: readonly FoundFile[];
  /** Entries that looked like submissions but were not taken (a link out of the folder, an unreadable subfolder). */
  readonly skipped: readonly SkippedEntry[];
  /** Set when the walk stopped early: at `maxFiles` files, or at `maxFolders` folders. The folder holds more than was listed. */
  readonly truncated: false | 'files' | 'folders';
}

function isSubmissionName(name: string): boolean {
  const lower = name.toLowerCase();
  return SUBMISSION_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

const OUTSIDE_FILE = 'The link points outside the chosen folder; pick that file itself.';
const OUTSIDE_FOLDER = 'The link points to a folder outside the chosen folder; pick that folder itself.';
/** A FIFO or a device named like a submission: never opened (a FIFO would wait for ever). */
const NOT_A_FILE = 'This is not a regular file (a pipe, a socket or a device); it was not read.';

/**
 * Every *.json and *.xlsx file in `folder` and its subfolders, sorted by path within each folder.
 * Hidden files and folders (a leading dot: editor backups, `.git`, macOS `._` twins) are skipped.
 * A symbolic link is followed only when it points inside the folder, so picking a folder never
 * reads files from elsewhere on the disk; a link out is listed with a reason, whether it leads to
 * a submission or to a folder. A link is resolved once, here: the listing holds the real path it
 * was checked at, never the link to follow again later. Each real folder is visited once, so a
 * link loop ends. The walk stops after `maxFiles` files or `maxFolders` folders.
 */
export async function listSubmissionFiles(folder: string, maxFiles: number, maxFolders: number = MAX_FOLDERS_VISITED): Promise<FolderListing> {
  const root = await realpath(folder);
  const files: FoundFile[] = [];
  const skipped: SkippedEntry[] = [];
  const visited = new Set<string>();
  const nameOf = (file: string) => path.relative(root, file).split(path.sep).join('/');

  // Depth first with an explicit stack (deep trees must not exhaust the call stack). Each entry
  // is a folder's real path and the path the person sees it by (through links, if any).
  const stack: { readonly real: string; readonly shown: string }[] = [{ real: root, shown: root }];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    if (visited.has(current.real)) continue;
    if (visited.size >= maxFolders) return { files, skipped, truncated: 'folders' };
    visited.add(current.real);
    let entries;
    try {
      entries = await readdir(current.real, { withFileTypes: true });
    } catch {
      skipped.push({ name: nameOf(current.shown) || path.basename(root), reason: 'The folder could not be read.' });
      continue;
    }
    const subfolders: { real: string; shown: string }[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const shown = path.join(current.shown, entry.name);
      let target = path.join(current.real, entry.name);
      let isFile = entry.isFile();
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(target);
        } catch {
          if (isSubmissionName(entry.name)) skipped.push({ name: nameOf(shown), reason: 'The link points to a file that does not exist.' });
          continue;
        }
        const info = await stat(target).catch(() => undefined);
        isFolder = info?.isDirectory() ?? false;
        isFile = info?.isFile() ?? false;
        if (!isInsideFolder(root, target)) {
          if (isFolder) skipped.push({ name: nameOf(shown), reason: OUTSIDE_FOLDER });
          else if (isSubmissionName(entry.name)) skipped.push({ name: nameOf(shown), reason: OUTSIDE_FILE });
          continue;
        }
      }
      if (isFolder) subfolders.push({ real: target, shown });
      else if (!isSubmissionName(entry.name)) continue;
      else if (!isFile) skipped.push({ name: nameOf(shown), reason: NOT_A_FILE });
      else {
        if (files.length >= maxFiles) return { files, skipped, truncated: 'files' };
        files.push({ path: target, name: nameOf(shown), root });
      }
    }
    // Reversed onto the stack, so subfolders are visited in name order.
    stack.push(...subfolders.reverse());
  }
  return { files, skipped, truncated: false };
}
