import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { ipcContract, MAX_INTAKE_BYTES, MAX_OPEN_FILE_BYTES } from '../../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  dialog: { showOpenDialog: vi.fn<(...args: unknown[]) => Promise<OpenDialogReturnValue>>() },
  BrowserWindow: { getFocusedWindow: vi.fn<() => object | null>(() => null) },
}));
vi.mock('electron', () => electron);
const loggerMock = vi.hoisted(() => ({ logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));
vi.mock('../../../electron/main/logger', () => loggerMock);

import { pickSubmissions, readIntakeFiles, readIntakeFolders } from '../../../electron/main/ipc/handlers/pick-submissions';
import { listSubmissionFiles } from '../../../electron/main/fs/submission-files';

let dir: string;
let folder: string;
let outside: string;

const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'egov-pick-'));
  folder = path.join(dir, 'intake');
  outside = path.join(dir, 'elsewhere');
  await mkdir(path.join(folder, 'ministries', 'health'), { recursive: true });
  await mkdir(path.join(folder, '.git'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(folder, 'b.json'), '{"b":1}');
  await writeFile(path.join(folder, 'a.XLSX'), new Uint8Array([80, 75, 3, 4]));
  await writeFile(path.join(folder, 'notes.txt'), 'not a submission');
  await writeFile(path.join(folder, '.hidden.json'), '{}');
  await writeFile(path.join(folder, '.git', 'config.json'), '{}');
  await writeFile(path.join(folder, 'ministries', 'finance.json'), '{"f":1}');
  await writeFile(path.join(folder, 'ministries', 'health', 'submission.json'), '{"h":1}');
  await writeFile(path.join(outside, 'secret.json'), '{"secret":1}');
  // Links: one out of the folder (refused), one to a file inside (followed), one loop (ends).
  await symlink(path.join(outside, 'secret.json'), path.join(folder, 'escape.json'));
  await symlink(path.join(folder, 'b.json'), path.join(folder, 'ministries', 'link-to-b.json'));
  await symlink(folder, path.join(folder, 'ministries', 'loop'));
  // A link to a whole folder elsewhere (refused, with a note), and one to a file inside whose
  // name starts with ".." (inside all the same, so followed).
  await symlink(outside, path.join(folder, 'elsewhere-link'));
  await writeFile(path.join(folder, '..dots.json'), '{"d":1}');
  await symlink(path.join(folder, '..dots.json'), path.join(folder, 'dots.json'));
  // Sparse: one byte over the limit without writing 64 MiB.
  await writeFile(path.join(dir, 'huge.json'), '');
  await truncate(path.join(dir, 'huge.json'), MAX_OPEN_FILE_BYTES + 1);
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

function valid(answer: unknown): void {
  expect(ipcContract.pickSubmissions.response.safeParse(answer).success).toBe(true);
}

describe('pickSubmissions', () => {
  it('returns the picked files by base name with their bytes, and offers JSON and Excel', async () => {
    pick(path.join(folder, 'b.json'), path.join(folder, 'ministries', 'finance.json'));
    const answer = await pickSubmissions({ title: 'Add submissions', folder: false });
    expect(answer).toStrictEqual({
      files: [
        { name: 'b.json', data: bytes('{"b":1}') },
        { name: 'finance.json', data: bytes('{"f":1}') },
      ],
      refused: [],
    });
    valid(answer);
    expect(electron.dialog.showOpenDialog.mock.calls[0]?.[0]).toStrictEqual({
      title: 'Add submissions',
      filters: [{ name: 'Signed submissions (JSON, Excel)', extensions: ['json', 'xlsx'] }],
      properties: ['openFile', 'multiSelections'],
    } satisfies OpenDialogOptions);
  });

  it('asks for a folder when told to, attached to the focused window', async () => {
    const focused = { id: 7 };
    electron.BrowserWindow.getFocusedWindow.mockReturnValue(focused);
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await pickSubmissions({ title: 'Add a folder', folder: true });
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledExactlyOnceWith(focused, { title: 'Add a folder', properties: ['openDirectory'] });
  });

  it('returns nothing when the dialog is cancelled', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(pickSubmissions({ title: 'Add', folder: false })).resolves.toStrictEqual({ files: [], refused: [] });
  });

  it('takes every submission in a folder and its subfolders, named inside the folder, never following a link out', async () => {
    pick(folder);
    const answer = await pickSubmissions({ title: 'Add a folder', folder: true });
    valid(answer);
    expect(answer.files.map((f) => f.name)).toStrictEqual(['a.XLSX', 'b.json', 'dots.json', 'ministries/finance.json', 'ministries/link-to-b.json', 'ministries/health/submission.json']);
    expect(answer.files[2]?.data).toStrictEqual(bytes('{"d":1}'));
    expect(answer.files[5]?.data).toStrictEqual(bytes('{"h":1}'));
    expect(answer.refused).toStrictEqual([
      { name: 'elsewhere-link', reason: 'The link points to a folder outside the chosen folder; pick that folder itself.' },
      { name: 'escape.json', reason: 'The link points outside the chosen folder; pick that file itself.' },
    ]);
    const everything = JSON.stringify(answer);
    expect(everything).not.toContain('secret');
    expect(everything).not.toContain(dir);
  });

  it('refuses a file too large or gone with its reason, and keeps the others', async () => {
    pick(path.join(dir, 'huge.json'), path.join(folder, 'b.json'), path.join(dir, 'gone.json'));
    const answer = await pickSubmissions({ title: 'Add', folder: false });
    expect(answer.files.map((f) => f.name)).toStrictEqual(['b.json']);
    expect(answer.refused).toStrictEqual([
      { name: 'huge.json', reason: 'The file is larger than the 64 MiB limit.' },
      { name: 'gone.json', reason: 'The file could not be read; it may have been moved, deleted or locked.' },
    ]);
    expect(JSON.stringify(answer.refused)).not.toContain(dir);
  });
});

describe('a folder that changes between listing and reading', () => {
  let root: string;
  let away: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(dir, 'race-'));
    away = path.join(root, '..', `${path.basename(root)}-away`);
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await mkdir(away, { recursive: true });
    await writeFile(path.join(root, 'x.json'), '{"x":1}');
    await writeFile(path.join(root, 'real.json'), '{"real":1}');
    await symlink(path.join(root, 'real.json'), path.join(root, 'link.json'));
    await writeFile(path.join(root, 'sub', 'y.json'), '{"y":1}');
    await writeFile(path.join(away, 'secret.txt'), 'TOP SECRET');
    await writeFile(path.join(away, 'y.json'), '{"secret":"TOP SECRET"}');
  });

  it('never reads a file that became a link to somewhere outside after the folder was listed', async () => {
    const listing = await listSubmissionFiles(root, 100);
    await unlink(path.join(root, 'x.json'));
    await symlink(path.join(away, 'secret.txt'), path.join(root, 'x.json'));
    const answer = await readIntakeFiles(listing.files, { maxFiles: 100, maxBytes: 1000, maxFileBytes: 1000, maxRefused: 100 });
    expect(answer.refused).toStrictEqual([{ name: 'x.json', reason: 'The file changed into a link to somewhere outside the chosen folder after it was listed; it was not read.' }]);
    expect(JSON.stringify(answer)).not.toContain('SECRET');
  });

  it('never reads through a folder that became a link to somewhere outside', async () => {
    const listing = await listSubmissionFiles(root, 100);
    await rename(path.join(root, 'sub'), path.join(root, 'sub-was'));
    await symlink(away, path.join(root, 'sub'));
    const answer = await readIntakeFiles(listing.files, { maxFiles: 100, maxBytes: 1000, maxFileBytes: 1000, maxRefused: 100 });
    expect(answer.refused.map((r) => r.name)).toStrictEqual(['sub/y.json']);
    expect(JSON.stringify(answer)).not.toContain('SECRET');
  });

  it('reads the file a link led to when it was checked, not wherever the link leads later', async () => {
    const listing = await listSubmissionFiles(root, 100);
    expect(listing.files.find((f) => f.name === 'link.json')?.path).toBe(path.join(listing.files[0]?.root ?? '', 'real.json'));
    await unlink(path.join(root, 'link.json'));
    await symlink(path.join(away, 'secret.txt'), path.join(root, 'link.json'));
    const answer = await readIntakeFiles(listing.files, { maxFiles: 100, maxBytes: 1000, maxFileBytes: 1000, maxRefused: 100 });
    expect(answer.files.find((f) => f.name === 'link.json')?.data).toStrictEqual(bytes('{"real":1}'));
    expect(JSON.stringify(answer)).not.toContain('SECRET');
  });
});

describe('intake limits', () => {
  it('takes at most 256 MiB in one pick: it all crosses IPC in one reply', () => {
    expect(MAX_INTAKE_BYTES).toBe(256 * 1024 * 1024);
  });


  const names = ['a.XLSX', 'b.json', 'notes.txt'];
  const found = () => names.map((name) => ({ path: path.join(folder, name), name }));

  it('refuses every file past the file limit, saying the selection is too large', async () => {
    const answer = await readIntakeFiles(found(), { maxFiles: 2, maxBytes: 1000, maxFileBytes: 1000, maxRefused: 100 });
    expect(answer.files.map((f) => f.name)).toStrictEqual(['a.XLSX', 'b.json']);
    expect(answer.refused).toStrictEqual([{ name: 'notes.txt', reason: expect.stringContaining('the selection has more than 2 files') as unknown }]);
  });

  it('refuses the file that passes the byte limit and every file after it', async () => {
    const answer = await readIntakeFiles(found(), { maxFiles: 10, maxBytes: 10, maxFileBytes: 1000, maxRefused: 100 });
    expect(answer.files.map((f) => f.name)).toStrictEqual(['a.XLSX']);
    expect(answer.refused.map((r) => r.name)).toStrictEqual(['b.json', 'notes.txt']);
    expect(answer.refused[0]?.reason).toBe('Not taken: the selection holds more than 10 bytes. Pick fewer files, or one subfolder at a time.');
  });

  it('counts refusals past the limit in one last line instead of breaking the contract', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ path: path.join(dir, `missing-${String(i)}.json`), name: `missing-${String(i)}.json` }));
    const answer = await readIntakeFiles(many, { maxFiles: 10, maxBytes: 1000, maxFileBytes: 1000, maxRefused: 3 });
    expect(answer.refused.map((r) => r.name)).toStrictEqual(['missing-0.json', 'missing-1.json', '3 more files']);
  });

  it('cuts a folder with more submissions than the limit, and says so', async () => {
    const answer = await readIntakeFolders([folder], { maxFiles: 2, maxBytes: 1000, maxFileBytes: 1000, maxRefused: 100 });
    expect(answer.files.map((f) => f.name)).toStrictEqual(['a.XLSX', 'b.json']);
    expect(answer.refused).toContainEqual({ name: 'the rest of intake', reason: expect.stringContaining('more than 2 files') as unknown });
  });

  it('reports a picked folder that cannot be read', async () => {
    const answer = await readIntakeFolders([path.join(dir, 'no-such-folder')]);
    expect(answer).toStrictEqual({ files: [], refused: [{ name: 'no-such-folder', reason: 'The folder could not be read; it may have been moved, deleted or locked.' }] });
  });
});

describe('listSubmissionFiles', () => {
  it('stops at the limit and says the listing is cut', async () => {
    const listing = await listSubmissionFiles(folder, 1);
    expect(listing.files.map((f) => f.name)).toStrictEqual(['a.XLSX']);
    expect(listing.truncated).toBe('files');
  });

  it.skipIf(process.platform === 'win32')('lists a FIFO named like a submission as not taken, without opening it', async () => {
    const pipes = await mkdtemp(path.join(dir, 'pipes-'));
    execFileSync('mkfifo', [path.join(pipes, 'pipe.json')]);
    await symlink(path.join(pipes, 'pipe.json'), path.join(pipes, 'pipe-link.json'));
    const listing = await listSubmissionFiles(pipes, 100);
    expect(listing.files).toStrictEqual([]);
    const reason = 'This is not a regular file (a pipe, a socket or a device); it was not read.';
    expect(listing.skipped).toStrictEqual([
      { name: 'pipe-link.json', reason },
      { name: 'pipe.json', reason },
    ]);
  });

  it('stops after so many folders, and the intake says why the rest is not taken', async () => {
    const listing = await listSubmissionFiles(folder, 100, 1);
    expect(listing.truncated).toBe('folders');
    expect(listing.files.map((f) => f.name)).toStrictEqual(['a.XLSX', 'b.json', 'dots.json']);
    const answer = await readIntakeFolders([folder], { maxFiles: 100, maxBytes: 1000, maxFileBytes: 1000, maxRefused: 100, maxFolders: 1 });
    expect(answer.refused).toContainEqual({ name: 'the rest of intake', reason: 'Not taken: the folder has too many subfolders to look through. Pick one subfolder at a time.' });
  });
});
