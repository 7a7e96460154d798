import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { AppError, FileTooLargeError } from '../../../shared/errors';
import { MAX_OPEN_FILE_BYTES, MAX_OPEN_FILE_BYTES_CAP, ipcContract } from '../../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  dialog: { showOpenDialog: vi.fn<(...args: unknown[]) => Promise<OpenDialogReturnValue>>() },
  BrowserWindow: { getFocusedWindow: vi.fn<() => object | null>(() => null) },
}));
vi.mock('electron', () => electron);

// The real file system, with every read of an opened file recorded by path: proves a too-large
// file is refused before any byte of it is read.
const fs = vi.hoisted(() => ({ reads: [] as string[] }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const open = async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args);
    const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    Object.assign(handle, {
      read: (...a: unknown[]) => {
        fs.reads.push(String(args[0]));
        return read(...a);
      },
    });
    return handle;
  };
  return { ...actual, open };
});

import { LeftFolderError, readOpenedFile } from '../../../electron/main/fs/read-opened-file';
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
  fs.reads.length = 0;
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
    expect(fs.reads).toContain(small);
    expect(fs.reads).not.toContain(huge);
  });
});

describe('openFiles with a per-call limit (maxBytes)', () => {
  it('lets a caller raise the limit: the file over the usual limit is read in full', async () => {
    pick(huge);
    const result = await openFiles({ ...REQUEST, multiple: false, maxBytes: MAX_OPEN_FILE_BYTES_CAP });
    expect(result.files[0]?.data.byteLength).toBe(MAX_OPEN_FILE_BYTES + 1);
  });

  it('lets a caller lower the limit, still refusing before reading', async () => {
    pick(small);
    await expect(openFiles({ ...REQUEST, maxBytes: 3 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(fs.reads).toStrictEqual([]);
  });

  it('the contract refuses a limit above the cap, zero, or a fraction; accepts none at all', () => {
    const schema = ipcContract.openFiles.request;
    expect(schema.safeParse({ ...REQUEST, maxBytes: MAX_OPEN_FILE_BYTES_CAP + 1 }).success).toBe(false);
    expect(schema.safeParse({ ...REQUEST, maxBytes: 0 }).success).toBe(false);
    expect(schema.safeParse({ ...REQUEST, maxBytes: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ ...REQUEST, maxBytes: MAX_OPEN_FILE_BYTES_CAP }).success).toBe(true);
    expect(schema.safeParse(REQUEST).success).toBe(true);
  });
});

describe('readOpenedFile', () => {
  it('honours a lower limit', async () => {
    await expect(readOpenedFile(small, 3)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(fs.reads).toStrictEqual([]);
  });

  it('reads a small file in one read of the size it has, and returns a plain Uint8Array', async () => {
    const file = await readOpenedFile(small);
    expect(file).toStrictEqual({ name: 'answers.xlsx', data: new Uint8Array([80, 75, 3, 4]) });
    expect(file.data).not.toBeInstanceOf(Buffer);
    // One read for the bytes, one that finds the end.
    expect(fs.reads).toStrictEqual([small, small]);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once, without waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    await expect(readOpenedFile(fifo)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: 'pipe.xlsx is not a regular file.' });
  });

  it('refuses a file of a folder walk that is no longer inside the chosen folder when it is opened', async () => {
    const chosen = path.join(dir, 'chosen');
    await mkdir(chosen, { recursive: true });
    await appendFile(path.join(dir, 'outside.json'), '{"outside":1}');
    await symlink(path.join(dir, 'outside.json'), path.join(chosen, 'swapped.json'));
    const error: unknown = await readOpenedFile(path.join(chosen, 'swapped.json'), 1000, { insideFolder: chosen }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeftFolderError);
    expect(String(error)).not.toContain(dir);
    expect(fs.reads).toStrictEqual([]);
    // Without the folder check (a file the person picked themselves), a link is followed.
    await expect(readOpenedFile(path.join(chosen, 'swapped.json'), 1000)).resolves.toMatchObject({ name: 'swapped.json' });
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
