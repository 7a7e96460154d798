import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { AppError, FileTooLargeError } from '../../../shared/errors';
import { MAX_OPEN_FILE_BYTES } from '../../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  dialog: { showOpenDialog: vi.fn<(...args: unknown[]) => Promise<OpenDialogReturnValue>>() },
  BrowserWindow: { getFocusedWindow: vi.fn<() => object | null>(() => null) },
}));
vi.mock('electron', () => electron);

// The real file system, with readFile observed: proves a too-large file is refused before reading.
const fs = vi.hoisted(() => ({ readFile: vi.fn<typeof FsPromises.readFile>() }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  fs.readFile.mockImplementation(actual.readFile);
  return { ...actual, readFile: fs.readFile };
});

import { readOpenedFile } from '../../../electron/main/fs/read-opened-file';
import { openFiles } from '../../../electron/main/ipc/handlers/open-files';

const REQUEST = { title: 'Import answers', filters: [{ name: 'Excel', extensions: ['xlsx'] }], multiple: true };

let dir: string;
let small: string;
let huge: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'egov-open-'));
  small = path.join(dir, 'answers.xlsx');
  await writeFile(small, new Uint8Array([80, 75, 3, 4]));
  // Sparse: one byte over the limit without writing 64 MiB to disk.
  huge = path.join(dir, 'huge.xlsx');
  await writeFile(huge, '');
  await truncate(huge, MAX_OPEN_FILE_BYTES + 1);
  await mkdir(path.join(dir, 'folder.xlsx'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  vi.clearAllMocks();
  electron.BrowserWindow.getFocusedWindow.mockReturnValue(null);
});

function pick(...filePaths: string[]): void {
  electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths });
}

describe('openFiles', () => {
  it('returns base names and bytes of the picked files', async () => {
    pick(small);
    const result = await openFiles(REQUEST);
    expect(result).toStrictEqual({ files: [{ name: 'answers.xlsx', data: new Uint8Array([80, 75, 3, 4]) }] });
    expect(result.files[0]?.data).not.toBeInstanceOf(Buffer);
  });

  it('passes title and filters to the dialog and allows several files only when asked', async () => {
    pick();
    await openFiles(REQUEST);
    pick();
    await openFiles({ ...REQUEST, multiple: false });
    const options = electron.dialog.showOpenDialog.mock.calls.map((call) => call[0]);
    expect(options[0]).toStrictEqual({
      title: 'Import answers',
      filters: REQUEST.filters,
      properties: ['openFile', 'multiSelections'],
    } satisfies OpenDialogOptions);
    expect(options[1]).toMatchObject({ properties: ['openFile'] });
  });

  it('uses the focused window as the dialog parent', async () => {
    const focused = { id: 1 };
    electron.BrowserWindow.getFocusedWindow.mockReturnValue(focused);
    pick();
    await openFiles(REQUEST);
    expect(electron.dialog.showOpenDialog.mock.calls[0]?.[0]).toBe(focused);
  });

  it('returns no files when the dialog is cancelled', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(openFiles(REQUEST)).resolves.toStrictEqual({ files: [] });
  });

  it('refuses a file over the limit with FILE_TOO_LARGE, without reading it', async () => {
    pick(small, huge);
    const error: unknown = await openFiles(REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(String(error)).toContain('huge.xlsx');
    expect(fs.readFile).not.toHaveBeenCalledWith(huge);
  });
});

describe('readOpenedFile', () => {
  it('honours a lower limit', async () => {
    await expect(readOpenedFile(small, 3)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it.each([
    ['a folder', 'folder.xlsx'],
    ['a missing file', 'gone.xlsx'],
  ])('refuses %s with FILE_UNREADABLE and names the file only', async (_what, name) => {
    const error: unknown = await readOpenedFile(path.join(dir, name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'FILE_UNREADABLE' });
    expect(String(error)).toContain(name);
    expect(String(error)).not.toContain(dir);
  });
});
