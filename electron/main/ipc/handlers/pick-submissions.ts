import path from 'node:path';
import { dialog } from 'electron';
import type { OpenDialogOptions } from 'electron';
import { FileTooLargeError } from '../../../../shared/errors';
import { MAX_INTAKE_BYTES, MAX_INTAKE_FILES, MAX_OPEN_FILE_BYTES } from '../../../../shared/ipc/contract';
import type { IpcResponse, OpenedFile, RefusedFile } from '../../../../shared/ipc/contract';
import { LeftFolderError, readOpenedFile } from '../../fs/read-opened-file';
import type { FoundFile } from '../../fs/submission-files';
import { listSubmissionFiles } from '../../fs/submission-files';
import { logger } from '../../logger';
import type { IpcHandlers } from '../register';
import { dialogParent } from './dialog-parent';

type PickedSubmissions = IpcResponse<'pickSubmissions'>;

export interface IntakeLimits {
  readonly maxFiles: number;
  readonly maxBytes: number;
  readonly maxFileBytes: number;
  /** Longest refusal list (the contract's cap); past it, one line counts the rest. */
  readonly maxRefused: number;
  /** Most folders one folder walk looks through (default MAX_FOLDERS_VISITED). */
  readonly maxFolders?: number;
}

const LIMITS: IntakeLimits = { maxFiles: MAX_INTAKE_FILES, maxBytes: MAX_INTAKE_BYTES, maxFileBytes: MAX_OPEN_FILE_BYTES, maxRefused: MAX_INTAKE_FILES };

const FILTERS = [{ name: 'Signed submissions (JSON, Excel)', extensions: ['json', 'xlsx'] }];

/**
 * The coordinator's intake (issue 7): many files, or a folder with every submission in it and its
 * subfolders. Every file either comes back with its bytes or is refused with a reason the page
 * shows: nothing the person picked disappears without a word.
 */
export const pickSubmissions: IpcHandlers['pickSubmissions'] = async ({ title, folder }) => {
  const options: OpenDialogOptions = folder
    ? { title, properties: ['openDirectory'] }
    : { title, filters: FILTERS, properties: ['openFile', 'multiSelections'] };
  const parent = dialogParent();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  if (result.canceled) return { files: [], refused: [] };
  if (!folder) return readIntakeFiles(result.filePaths.map((file) => ({ path: file, name: path.basename(file) })));
  return readIntakeFolders(result.filePaths);
};

/** A refusal list that never outgrows the contract: past the limit, one line counts the rest. */
class Refusals {
  private readonly list: RefusedFile[] = [];
  private overflow = 0;

  constructor(
    private readonly limit: number,
    private readonly maxFiles: number,
  ) {}

  add(refusal: RefusedFile): void {
    if (this.list.length < this.limit - 1) this.list.push(refusal);
    else this.overflow += 1;
  }

  toArray(): RefusedFile[] {
    if (this.overflow === 0) return [...this.list];
    const name = this.overflow === 1 ? '1 more file' : `${String(this.overflow)} more files`;
    return [...this.list, { name, reason: `Not taken: ${String(this.limit)} files were refused already; pick fewer files (at most ${this.maxFiles.toLocaleString('en')}).` }];
  }
}

function tooMany(maxFiles: number): string {
  return `Not taken: the selection has more than ${maxFiles.toLocaleString('en')} files. Pick fewer files, or one subfolder at a time.`;
}

function tooManyFolders(): string {
  return 'Not taken: the folder has too many subfolders to look through. Pick one subfolder at a time.';
}

function tooMuchData(maxBytes: number): string {
  return `Not taken: the selection holds more than ${formatBytes(maxBytes)}. Pick fewer files, or one subfolder at a time.`;
}

/** Reads the picked folders' submissions (in folder order); a too-large folder is cut with a reason. */
export async function readIntakeFolders(folders: readonly string[], limits: IntakeLimits = LIMITS): Promise<PickedSubmissions> {
  const found: FoundFile[] = [];
  const notes: RefusedFile[] = [];
  for (const folder of folders) {
    const room = limits.maxFiles - found.length;
    try {
      const listing = await listSubmissionFiles(folder, room, limits.maxFolders);
      found.push(...listing.files);
      notes.push(...listing.skipped);
      if (listing.truncated !== false) {
        notes.push({ name: `the rest of ${path.basename(folder)}`, reason: listing.truncated === 'files' ? tooMany(limits.maxFiles) : tooManyFolders() });
      }
    } catch (error: unknown) {
      logger.warn('A picked folder could not be read.', folder, error);
      notes.push({ name: path.basename(folder), reason: 'The folder could not be read; it may have been moved, deleted or locked.' });
    }
  }
  return readIntakeFiles(found, limits, notes);
}

/**
 * Reads the files one at a time, refusing each that cannot be read or is too large, and every
 * file after the selection passes `maxFiles` or `maxBytes`. Never rejects.
 */
export async function readIntakeFiles(found: readonly FoundFile[], limits: IntakeLimits = LIMITS, notes: readonly RefusedFile[] = []): Promise<PickedSubmissions> {
  const files: OpenedFile[] = [];
  const refused = new Refusals(limits.maxRefused, limits.maxFiles);
  for (const note of notes) refused.add(note);
  let budget = limits.maxBytes;
  let full: string | undefined;
  for (const file of found) {
    if (full === undefined && files.length >= limits.maxFiles) full = tooMany(limits.maxFiles);
    if (full !== undefined) {
      refused.add({ name: file.name, reason: full });
      continue;
    }
    try {
      // A file found in a folder is read only if what is opened is still inside that folder.
      const opened = await readOpenedFile(file.path, limits.maxFileBytes, file.root === undefined ? {} : { insideFolder: file.root });
      if (opened.data.byteLength > budget) {
        full = tooMuchData(limits.maxBytes);
        refused.add({ name: file.name, reason: full });
        continue;
      }
      budget -= opened.data.byteLength;
      files.push({ name: file.name, data: opened.data });
    } catch (error: unknown) {
      // The full path and the system's reason stay in the main process log.
      logger.warn('A picked submission could not be read.', file.path, error);
      refused.add({ name: file.name, reason: refusalReason(error, limits.maxFileBytes) });
    }
  }
  return { files, refused: refused.toArray() };
}

function refusalReason(error: unknown, limit: number): string {
  if (error instanceof FileTooLargeError) return `The file is larger than the ${formatBytes(limit)} limit.`;
  if (error instanceof LeftFolderError) return 'The file changed into a link to somewhere outside the chosen folder after it was listed; it was not read.';
  return 'The file could not be read; it may have been moved, deleted or locked.';
}

function formatBytes(bytes: number): string {
  const gibibyte = 1024 * 1024 * 1024;
  const mebibyte = 1024 * 1024;
  if (bytes % gibibyte === 0) return `${String(bytes / gibibyte)} GiB`;
  return bytes % mebibyte === 0 ? `${String(bytes / mebibyte)} MiB` : `${String(bytes)} bytes`;
}
