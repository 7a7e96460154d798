import type { Dirent } from 'node:fs';
import { mkdir, open, readdir, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../main/fs/write-file-atomically';
import { UsageError } from './errors';
import { notRegularReason, OPEN_NOT_WAITING } from './regular-file';

/**
 * File access for the commands, with the operating system's errors turned into sentences: a
 * missing file or a folder given where a file is expected is the person's mistake (usage, exit 2),
 * never a stack trace.
 */

export function describeFsError(error: unknown, file: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return `${file}: no such file or folder`;
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied`;
    case 'EISDIR':
      return `${file} is a folder, not a file`;
    case 'ENOTDIR':
      return `${file}: a part of the path is not a folder`;
    case 'EEXIST':
      return `${file} already exists`;
    case 'ELOOP':
      return `${file}: a link that leads round in a loop`;
    case 'ENOSPC':
      return `${file}: no space left on the disk`;
    case 'EROFS':
      return `${file}: the disk is read-only`;
    default:
      return `${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export type ReadResult = { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'tooLarge'; readonly size: number };

/**
 * Reads a whole file, but never more than `limit` bytes: a larger file is reported as too large
 * without being loaded (a 10 GB file must not exhaust memory). A missing or unreadable file is a
 * `UsageError`.
 */
export async function readLimited(file: string, limit: number, shownAs = file): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new UsageError(describeFsError(error, shownAs));
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new UsageError(`${shownAs} is a folder, not a file`);
    if (info.size > limit) return { kind: 'tooLarge', size: info.size };
    return await readToLimit(handle, limit);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(describeFsError(error, shownAs));
  } finally {
    await handle.close();
  }
}

/** Reads to the end rather than trusting the size: special files report 0 and still hold data. */
async function readToLimit(handle: FileHandle, limit: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > limit) return { kind: 'tooLarge', size: total };
    chunks.push(chunk.subarray(0, bytesRead));
  }
  return { kind: 'bytes', bytes: new Uint8Array(Buffer.concat(chunks)) };
}

/**
 * `readLimited` for a file that came from someone else (a submission to verify): anything but a
 * regular file is refused unread, with the reason. Opening never waits, so a FIFO named
 * `submission.json` cannot hang the command, and a device such as /dev/zero is never read.
 * (Options such as --decisions keep `readLimited`, which reads what the shell hands over, as in
 * `--decisions <(…)`.)
 */
export async function readRegularFile(file: string, limit: number, shownAs = file): Promise<ReadResult | { readonly kind: 'refused'; readonly reason: string }> {
  let handle;
  try {
    handle = await open(file, OPEN_NOT_WAITING);
  } catch (error) {
    throw new UsageError(describeFsError(error, shownAs));
  }
  try {
    const info = await handle.stat();
    const refusal = notRegularReason(info);
    if (refusal !== undefined) return { kind: 'refused', reason: refusal };
    if (info.size > limit) return { kind: 'tooLarge', size: info.size };
    return await readToLimit(handle, limit);
  } catch (error) {
    throw new UsageError(describeFsError(error, shownAs));
  } finally {
    await handle.close();
  }
}

export async function isFolder(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** An entry of a folder given on the command line that was not taken, and why. */
export interface SkippedEntry {
  /** As shown to the person (relative to the working folder when inside it). */
  readonly name: string;
  readonly reason: string;
  /**
   * True when files may have been missed (a broken link, a folder that could not be read); false
   * when everything was taken all the same (a loop, a folder reached twice, the output folder).
   */
  readonly missed: boolean;
}

export interface ExpandOptions {
  /** Walk subfolders too, following links to files and folders; every entry not taken is listed. */
  readonly recursive?: boolean;
  /** The real path of a folder never to walk into (merge's --out, which holds its earlier outputs). */
  readonly exclude?: string;
}

export interface ExpandedInputs {
  readonly files: string[];
  readonly sawFolder: boolean;
  /** Entries not taken, each with a reason (recursive walks only): broken links, loops, unreadable folders. */
  readonly skipped: SkippedEntry[];
}

/**
 * The files named on the command line, with each folder replaced by its files whose names end in
 * one of `extensions`, sorted by name. Without `recursive` (`export`), only the folder's own
 * regular files; with it (`merge`, `verify`), its subfolders too, as the app's folder intake does.
 * A path that does not exist is a usage error.
 */
export async function expandInputs(cwd: string, inputs: readonly string[], extensions: readonly string[], options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  const walk = new FolderWalk(cwd, extensions, options.exclude, files, skipped);
  let sawFolder = false;
  for (const input of inputs) {
    const resolved = path.resolve(cwd, input);
    let info;
    try {
      info = await stat(resolved);
    } catch (error) {
      throw new UsageError(describeFsError(error, input));
    }
    if (!info.isDirectory()) {
      files.push(resolved);
      continue;
    }
    sawFolder = true;
    const before = { files: files.length, skipped: skipped.length };
    if (options.recursive === true) {
      if (!(await walk.walk(resolved, input))) {
        skipped.push({ name: input, reason: 'this folder is already taken (it was given twice, or is inside another folder given); not read twice', missed: false });
        continue;
      }
    } else {
      files.push(...(await folderFiles(resolved, input, extensions)));
    }
    if (files.length === before.files) {
      const notTaken = skipped.length - before.skipped;
      const note = notTaken > 0 ? ` (${String(notTaken)} ${notTaken === 1 ? 'entry' : 'entries'} could not be read; see above)` : '';
      throw new UsageError(`${input} holds no ${extensions.join(' or ')} files${options.recursive === true ? ', in it or its subfolders' : ''}${note}`);
    }
  }
  return { files, sawFolder, skipped };
}

/** A folder's own regular files with one of the extensions (not its subfolders, not links). */
async function folderFiles(folder: string, shownAs: string, extensions: readonly string[]): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(describeFsError(error, shownAs));
  }
  return entries
    .filter((entry) => entry.isFile() && hasExtension(entry.name, extensions))
    .map((entry) => entry.name)
    .sort()
    .map((name) => path.join(folder, name));
}

function hasExtension(name: string, extensions: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
}

/** True when `candidate` is `folder` or inside it (a name such as "..notes" inside is inside). */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * The recursive walk. Hidden entries (a leading dot: `.git`, editor backups, macOS `._` twins)
 * and files with other extensions are passed over without a word, as a person expects; anything
 * else not taken is listed with its reason. Links are followed, to files and to folders, wherever
 * they point (the person runs the command on their own files), but each real folder is read once,
 * so a link loop ends.
 */
class FolderWalk {
  private readonly visited = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly extensions: readonly string[],
    private readonly exclude: string | undefined,
    private readonly files: string[],
    private readonly skipped: SkippedEntry[],
  ) {}

  /** Takes the files of `folder` and its subfolders; false when the folder was read already. */
  async walk(folder: string, shownAs: string): Promise<boolean> {
    let real;
    try {
      real = await realpath(folder);
    } catch (error) {
      throw new UsageError(describeFsError(error, shownAs));
    }
    if (this.visited.has(real)) return false;
    this.visited.add(real);
    // Depth first with an explicit stack (a deep tree must not exhaust the call stack).
    const stack: { readonly path: string; readonly real: string }[] = [{ path: folder, real }];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      const subfolders = await this.readFolder(top.path, top.real, top.path === folder ? shownAs : undefined);
      // Reversed onto the stack, so subfolders are read in name order.
      stack.push(...subfolders.reverse());
    }
    return true;
  }

  private skip(file: string, reason: string, missed: boolean): void {
    this.skipped.push({ name: displayPath(this.cwd, file), reason, missed });
  }

  /** Takes the folder's files and returns its subfolders still to read. */
  private async readFolder(folder: string, real: string, shownAs: string | undefined): Promise<{ path: string; real: string }[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (shownAs !== undefined) throw new UsageError(describeFsError(error, shownAs));
      this.skip(folder, `the folder could not be read (${fsReason(error)})`, true);
      return [];
    }
    const subfolders: { path: string; real: string }[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await this.followLink(full, real);
        if (target?.kind === 'folder') subfolders.push({ path: full, real: target.real });
        else if (target?.kind === 'file' && hasExtension(entry.name, this.extensions)) this.files.push(full);
        continue;
      }
      if (entry.isDirectory()) {
        const folderReal = path.join(real, entry.name);
        if (this.enterable(full, folderReal, real)) subfolders.push({ path: full, real: folderReal });
        continue;
      }
      // Regular files, and anything else with a submission's name (a FIFO called x.json): the
      // verifier refuses what is not a regular file, with its reason, so it is listed, not lost.
      if (hasExtension(entry.name, this.extensions)) this.files.push(full);
    }
    return subfolders;
  }

  /** What a link leads to; undefined (and listed) when it leads nowhere usable. */
  private async followLink(link: string, parentReal: string): Promise<{ kind: 'file' } | { kind: 'folder'; real: string } | undefined> {
    let target;
    let info;
    try {
      target = await realpath(link);
      info = await stat(target);
    } catch (error) {
      const code = errorCode(error);
      this.skip(link, code === 'ENOENT' ? 'the link points to nothing (no such file or folder)' : code === 'ELOOP' ? 'the link leads round in a loop' : `the link could not be followed (${fsReason(error)})`, true);
      return undefined;
    }
    if (!info.isDirectory()) return { kind: 'file' };
    return this.enterable(link, target, parentReal) ? { kind: 'folder', real: target } : undefined;
  }

  /** Whether to read a folder: never --out, never a folder already read (each listed with why). */
  private enterable(shown: string, real: string, parentReal: string): boolean {
    if (this.exclude !== undefined && real === this.exclude) {
      this.skip(shown, 'this is the output folder (--out): its files are the outputs of an earlier run, not submissions', false);
      return false;
    }
    if (!this.visited.has(real)) {
      this.visited.add(real);
      return true;
    }
    this.skip(shown, isInsideFolder(real, parentReal) ? 'a link back to a folder it is in (a loop); not followed' : 'the files of this folder are already taken (through another path); not read twice', false);
    return false;
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** The system's reason in a few words, without the path it names. */
export function fsReason(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'a folder of that name is in the way';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'ELOOP':
      return 'a link loop';
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return errorCode(error) || (error instanceof Error ? error.message : String(error));
  }
}

/** The real path of `file`, or of its nearest existing folder with the rest appended (it may not exist yet). */
export async function realPathOf(file: string): Promise<string> {
  const missing: string[] = [];
  let current = path.resolve(file);
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(file);
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

export async function ensureFolder(folder: string, shownAs = folder): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create the folder ${shownAs} (${fsReason(error)})`);
  }
}

/**
 * Writes a file whole or not at all (temporary file, then rename), creating its folder first.
 * `shownAs` is how an error names the file (default: the path as given).
 */
export async function writeOutput(file: string, data: Uint8Array | string, mode?: number, shownAs = file): Promise<void> {
  await ensureFolder(path.dirname(file), path.dirname(shownAs));
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  try {
    await writeFileAtomically(file, bytes, mode === undefined ? {} : { mode, syncFolder: true });
  } catch (error) {
    throw new UsageError(`cannot write ${shownAs} (${fsReason(error)})`);
  }
}

/**
 * A file name made from free text (a city, a country): letters and digits of any script kept,
 * everything a file system or shell treats specially replaced, at most 80 characters.
 */
export function safeFileStem(text: string): string {
  const stem = text
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, 80)
    .toLowerCase();
  // Names Windows reserves for devices, whatever the extension.
  return stem === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem) ? `response-${stem}` : stem;
}

/** `stem.ext`, or `stem-2.ext`, `stem-3.ext`, … when the name is already taken in this run. */
export function uniqueName(stem: string, extension: string, taken: Set<string>): string {
  let name = `${stem}.${extension}`;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${stem}-${String(n)}.${extension}`;
  taken.add(name.toLowerCase());
  return name;
}

/** How to show a path: relative to the working folder when it is inside it, else as is. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && isInsideFolder(cwd, file) ? relative : file;
}
