import { mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../main/fs/write-file-atomically';
import { UsageError } from './errors';

/**
 * File access for the commands, with the operating system's errors turned into sentences: a
 * missing file or a folder given where a file is expected is the person's mistake (usage, exit 2),
 * never a stack trace.
 */

function describeFsError(error: unknown, file: string): string {
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
    // Read to the end rather than trusting the size: special files report 0 and still hold data.
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
  } catch (error) {
    if (error instanceof UsageError) throw error;
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

/**
 * The files named on the command line, with each folder replaced by its files whose names end in
 * one of `extensions` (sorted, not recursive). A path that does not exist is a usage error.
 */
export async function expandInputs(cwd: string, inputs: readonly string[], extensions: readonly string[]): Promise<{ files: string[]; sawFolder: boolean }> {
  const files: string[] = [];
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
    const entries = await readdir(resolved, { withFileTypes: true });
    const matching = entries
      .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.toLowerCase().endsWith(ext)))
      .map((entry) => entry.name)
      .sort();
    if (matching.length === 0) throw new UsageError(`${input} holds no ${extensions.join(' or ')} files`);
    files.push(...matching.map((name) => path.join(resolved, name)));
  }
  return { files, sawFolder };
}

export async function ensureFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create the folder ${describeFsError(error, folder)}`);
  }
}

/** Writes a file whole or not at all (temporary file, then rename), creating its folder first. */
export async function writeOutput(file: string, data: Uint8Array | string, mode?: number): Promise<void> {
  await ensureFolder(path.dirname(file));
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  try {
    await writeFileAtomically(file, bytes, mode === undefined ? {} : { mode, syncFolder: true });
  } catch (error) {
    throw new UsageError(`cannot write ${describeFsError(error, file)}`);
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
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
