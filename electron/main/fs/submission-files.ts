import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Extensions of the files a coordinator's intake takes (signed JSON, signed Excel). */
export const SUBMISSION_EXTENSIONS: readonly string[] = ['.json', '.xlsx'];

export interface FoundFile {
  readonly path: string;
  /** The path inside the picked folder, with `/`: what the person sees, never the full path. */
  readonly name: string;
}

export interface SkippedEntry {
  readonly name: string;
  readonly reason: string;
}

export interface FolderListing {
  readonly files: readonly FoundFile[];
  /** Entries that looked like submissions but were not taken (a link out of the folder, an unreadable subfolder). */
  readonly skipped: readonly SkippedEntry[];
  /** True when the walk stopped at `maxFiles`: the folder holds more than were listed. */
  readonly truncated: boolean;
}

function isSubmissionName(name: string): boolean {
  const lower = name.toLowerCase();
  return SUBMISSION_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Every *.json and *.xlsx file in `folder` and its subfolders, sorted by path within each folder.
 * Hidden files and folders (a leading dot: editor backups, `.git`, macOS `._` twins) are skipped.
 * A symbolic link is followed only when it points inside the folder, so picking a folder never
 * reads files from elsewhere on the disk; each real folder is visited once, so a link loop ends.
 * The walk stops after `maxFiles` files so a folder picked by mistake (a whole disk) is not
 * walked to the end.
 */
export async function listSubmissionFiles(folder: string, maxFiles: number): Promise<FolderListing> {
  const root = await realpath(folder);
  const files: FoundFile[] = [];
  const skipped: SkippedEntry[] = [];
  const visited = new Set<string>();
  const nameOf = (file: string) => path.relative(root, file).split(path.sep).join('/');

  // Depth first with an explicit stack (deep trees must not exhaust the call stack).
  const stack: string[] = [root];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    if (visited.has(current)) continue;
    visited.add(current);
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      skipped.push({ name: nameOf(current) || path.basename(root), reason: 'The folder could not be read.' });
      continue;
    }
    const subfolders: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      let target = full;
      let isFile = entry.isFile();
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(full);
        } catch {
          if (isSubmissionName(entry.name)) skipped.push({ name: nameOf(full), reason: 'The link points to a file that does not exist.' });
          continue;
        }
        if (!isInside(root, target)) {
          if (isSubmissionName(entry.name)) skipped.push({ name: nameOf(full), reason: 'The link points outside the chosen folder; pick that file itself.' });
          continue;
        }
        const info = await stat(target).catch(() => undefined);
        isFolder = info?.isDirectory() ?? false;
        isFile = info?.isFile() ?? false;
      }
      if (isFolder) subfolders.push(target);
      else if (isFile && isSubmissionName(entry.name)) {
        if (files.length >= maxFiles) return { files, skipped, truncated: true };
        files.push({ path: full, name: nameOf(full) });
      }
    }
    // Reversed onto the stack, so subfolders are visited in name order.
    stack.push(...subfolders.reverse());
  }
  return { files, skipped, truncated: false };
}
