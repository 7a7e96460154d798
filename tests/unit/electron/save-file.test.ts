import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveDialogReturnValue } from 'electron';

const electron = vi.hoisted(() => ({
  dialog: { showSaveDialog: vi.fn<(...args: unknown[]) => Promise<SaveDialogReturnValue>>() },
  BrowserWindow: { getFocusedWindow: vi.fn<() => object | null>(() => null) },
}));
vi.mock('electron', () => electron);

import { writeFileAtomically } from '../../../electron/main/fs/write-file-atomically';
import { saveFile } from '../../../electron/main/ipc/handlers/save-file';

const encoder = new TextEncoder();
let dir: string;

beforeEach(async () => {
  vi.clearAllMocks();
  electron.BrowserWindow.getFocusedWindow.mockReturnValue(null);
  dir = await mkdtemp(path.join(tmpdir(), 'egov-save-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function request(suggestedName = 'answers.xlsx', text = 'new content') {
  return { title: 'Export', suggestedName, filters: [{ name: 'Excel', extensions: ['xlsx'] }], data: encoder.encode(text) };
}

describe('saveFile', () => {
  it('writes the bytes, replaces an existing file and returns only its base name', async () => {
    const target = path.join(dir, 'answers.xlsx');
    await writeFile(target, 'old content');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });

    await expect(saveFile(request())).resolves.toStrictEqual({ saved: true, fileName: 'answers.xlsx' });
    expect(await readFile(target, 'utf8')).toBe('new content');
    // No temporary file is left behind.
    expect(await readdir(dir)).toStrictEqual(['answers.xlsx']);
  });

  it('reports saved: false when the dialog is cancelled and writes nothing', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(saveFile(request())).resolves.toStrictEqual({ saved: false });
    expect(await readdir(dir)).toStrictEqual([]);
  });

  it('lets the page suggest a file name but not a folder', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await saveFile(request('../../etc/passwd'));
    expect(electron.dialog.showSaveDialog.mock.calls[0]?.[0]).toMatchObject({ title: 'Export', defaultPath: 'passwd' });
  });

  it('uses the focused window as the dialog parent', async () => {
    const focused = { id: 1 };
    electron.BrowserWindow.getFocusedWindow.mockReturnValue(focused);
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await saveFile(request());
    expect(electron.dialog.showSaveDialog.mock.calls[0]?.[0]).toBe(focused);
  });
});

describe('saveFile errors', () => {
  it('reports a failed write as FILE_UNWRITABLE with the reason and the file name, never the folder', async () => {
    const target = path.join(dir, 'locked.xlsx');
    await mkdir(target);
    await writeFile(path.join(target, 'keep.txt'), 'kept');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const failure = saveFile(request());
    await expect(failure).rejects.toMatchObject({ code: 'FILE_UNWRITABLE' });
    await expect(failure).rejects.toThrow(/^locked\.xlsx could not be saved \(E[A-Z]+\)\.$/);
  });
});

describe('writeFileAtomically', () => {
  it('leaves the target untouched and no temporary file when the final rename fails', async () => {
    // A non-empty folder at the target path makes the rename fail after the data was written.
    const target = path.join(dir, 'report.xlsx');
    await mkdir(target);
    await writeFile(path.join(target, 'keep.txt'), 'kept');

    await expect(writeFileAtomically(target, encoder.encode('data'))).rejects.toThrow();
    expect(await readdir(dir)).toStrictEqual(['report.xlsx']);
    expect(await readFile(path.join(target, 'keep.txt'), 'utf8')).toBe('kept');
  });
});
