import { desktopApiStub, unusedWebKeys } from '../../helpers/desktop-api-stub';
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcContract, MAX_OPEN_FILE_BYTES, MAX_QUEUED_OPEN_FILES } from '../../../shared/ipc/contract';
import type { DesktopApi } from '../../../shared/ipc/contract';

// The handler index pulls in every handler; none of them touches Electron at import time.
vi.mock('electron', () => ({ app: {}, dialog: {}, BrowserWindow: {}, shell: {}, net: {}, safeStorage: {}, protocol: {} }));
const loggerMock = vi.hoisted(() => ({ logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));
vi.mock('../../../electron/main/logger', () => loggerMock);

// The real file system, with readFile observed: proves a too-large file is refused before reading.
const fs = vi.hoisted(() => ({ readFile: vi.fn<typeof FsPromises.readFile>() }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  fs.readFile.mockImplementation(actual.readFile);
  return { ...actual, readFile: fs.readFile };
});

import { ipcHandlers } from '../../../electron/main/ipc/handlers';
import { registerIpcHandlers } from '../../../electron/main/ipc/register';
import { installOpenWith, openWithQueue, OpenWithQueue, submissionPathsFromArgv } from '../../../electron/main/open-with';
import type { OpenWithOptions } from '../../../electron/main/open-with';
import { createDesktopPlatform } from '../../../renderer/src/platform/desktop';
import { createWebPlatform } from '../../../renderer/src/platform/web';
import { FakeIpcMain } from '../../helpers/fake-ipc-main';

let dir: string;
/** Files in `dir`, by base name. */
const at = (name: string): string => path.join(dir, name);
const BYTES = { 'answers.json': [123, 125], 'answers.xlsx': [80, 75, 3, 4], 'UPPER.JSON': [91, 93], 'mixed.XlSx': [1] } as const;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'egov-open-with-'));
  for (const [name, bytes] of Object.entries(BYTES)) await writeFile(at(name), new Uint8Array(bytes));
  await writeFile(at('notes.txt'), 'not a submission');
  await writeFile(at('answers.json.bak'), '{}');
  await mkdir(at('folder.json'));
  // Files whose names look like switches: only the switch rule can keep them out.
  await writeFile(at('--inspect.json'), '{}');
  await writeFile(at('-psn_0_1.xlsx'), '');
  // Sparse: one byte over the limit without writing (or allocating) 64 MiB.
  await writeFile(at('huge.xlsx'), '');
  await truncate(at('huge.xlsx'), MAX_OPEN_FILE_BYTES + 1);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  vi.clearAllMocks();
});

const EXE = '/opt/EGov Desk/egov-desk';
const packaged = () => ({ cwd: dir, appPathArgs: 0 });

describe('submissionPathsFromArgv', () => {
  it('keeps existing .json and .xlsx files, in order, whatever the case of the extension', () => {
    const argv = [EXE, at('answers.json'), at('answers.xlsx'), at('UPPER.JSON'), at('mixed.XlSx')];
    expect(submissionPathsFromArgv(argv, packaged())).toStrictEqual(argv.slice(1));
  });

  it('skips the executable even when it looks like a submission', () => {
    expect(submissionPathsFromArgv([at('answers.json')], packaged())).toStrictEqual([]);
  });

  it('skips switches: Chromium, Electron, Node and macOS ones, with or without values', () => {
    const argv = [
      EXE,
      '--inspect',
      '--inspect=9229',
      '--no-sandbox',
      '--original-process-start-time=13370000000000000',
      '--allow-file-access-from-files',
      '-psn_0_12345',
      `--user-data-dir=${dir}`,
      '-',
      '--inspect.json',
      '-psn_0_1.xlsx',
      at('answers.json'),
    ];
    // Relative to `dir`, where files with those switch-like names exist.
    expect(submissionPathsFromArgv(argv, packaged())).toStrictEqual([at('answers.json')]);
  });

  it.each([
    ['a missing file', 'missing.json'],
    ['a folder named like a submission', 'folder.json'],
    ['another extension', 'notes.txt'],
    ['an extension that only starts right', 'answers.json.bak'],
  ])('skips %s', (_what, name) => {
    expect(submissionPathsFromArgv([EXE, at(name)], packaged())).toStrictEqual([]);
  });

  it('skips empty arguments and URLs that are not files', () => {
    const argv = [EXE, '', 'https://example.org/answers.json', 'egov-desk://open?file=answers.json', 'file://other-host/share/answers.json'];
    expect(submissionPathsFromArgv(argv, packaged())).toStrictEqual([]);
  });

  it('accepts a file:// URL (Linux desktop entries pass %U) as its local path', () => {
    expect(submissionPathsFromArgv([EXE, pathToFileURL(at('answers.json')).href], packaged())).toStrictEqual([at('answers.json')]);
  });

  it('resolves relative paths against the working directory of the launch', () => {
    expect(submissionPathsFromArgv([EXE, 'answers.json'], { cwd: dir, appPathArgs: 0 })).toStrictEqual([at('answers.json')]);
    expect(submissionPathsFromArgv([EXE, 'answers.json'], { cwd: tmpdir(), appPathArgs: 0 })).toStrictEqual([]);
  });

  it('in development, skips the app folder argument (`electron <app>`), even after switches', () => {
    expect(submissionPathsFromArgv(['electron', '--inspect', '.', 'answers.json'], { cwd: dir, appPathArgs: 1 })).toStrictEqual([
      at('answers.json'),
    ]);
    // The first positional argument is the app there, even when it names a submission.
    expect(submissionPathsFromArgv(['electron', at('answers.json'), at('answers.xlsx')], { cwd: dir, appPathArgs: 1 })).toStrictEqual([
      at('answers.xlsx'),
    ]);
  });
});

describe('OpenWithQueue', () => {
  it('adds a path only once, including across calls', () => {
    const queue = new OpenWithQueue();
    queue.add([at('answers.json'), at('answers.json')]);
    queue.add([at('answers.json'), at('answers.xlsx')]);
    expect(queue.size).toBe(2);
  });

  it(`keeps at most ${String(MAX_QUEUED_OPEN_FILES)} paths, the first ones, and logs the rest`, async () => {
    const queue = new OpenWithQueue();
    const paths = Array.from({ length: MAX_QUEUED_OPEN_FILES + 5 }, (_, i) => at(`gone-${String(i)}.json`));
    queue.add(paths);
    expect(queue.size).toBe(MAX_QUEUED_OPEN_FILES);
    expect(loggerMock.logger.warn).toHaveBeenCalledTimes(5);
    const { refused } = await queue.take();
    expect(refused.map((r) => r.name)).toStrictEqual(paths.slice(0, MAX_QUEUED_OPEN_FILES).map((p) => path.basename(p)));
  });

  it('returns base names and bytes, then forgets them', async () => {
    const queue = new OpenWithQueue();
    queue.add([at('answers.json'), at('answers.xlsx')]);
    const taken = await queue.take();
    expect(taken).toStrictEqual({
      files: [
        { name: 'answers.json', data: new Uint8Array(BYTES['answers.json']) },
        { name: 'answers.xlsx', data: new Uint8Array(BYTES['answers.xlsx']) },
      ],
      refused: [],
    });
    expect(taken.files[0]?.data).not.toBeInstanceOf(Buffer);
    expect(queue.size).toBe(0);
    await expect(queue.take()).resolves.toStrictEqual({ files: [], refused: [] });
  });

  it('reads nothing until asked', () => {
    new OpenWithQueue().add([at('answers.json')]);
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file over MAX_OPEN_FILE_BYTES by name, without reading it, and still returns the others', async () => {
    const queue = new OpenWithQueue();
    queue.add([at('huge.xlsx'), at('answers.json')]);
    const { files, refused } = await queue.take();
    expect(files.map((f) => f.name)).toStrictEqual(['answers.json']);
    expect(refused).toStrictEqual([{ name: 'huge.xlsx', reason: 'The file is larger than the 64 MiB limit.' }]);
    expect(fs.readFile).not.toHaveBeenCalledWith(at('huge.xlsx'));
  });

  it('refuses a file that disappeared after it was queued, without revealing its folder', async () => {
    const queue = new OpenWithQueue();
    const gone = at('deleted-meanwhile.json');
    await writeFile(gone, '{}');
    queue.add([gone]);
    await rm(gone);
    const { files, refused } = await queue.take();
    expect(files).toStrictEqual([]);
    expect(refused).toStrictEqual([{ name: 'deleted-meanwhile.json', reason: expect.stringContaining('could not be read') as unknown }]);
    expect(JSON.stringify(refused)).not.toContain(dir);
    expect(loggerMock.logger.warn).toHaveBeenCalledOnce();
  });

  it('keeps one answer under the total byte budget: later files that do not fit are refused', async () => {
    // answers.xlsx (4) fits, answers.json (2) fits, UPPER.JSON (2) does not: 4 + 2 + 2 > 7.
    const queue = new OpenWithQueue({ maxFiles: 20, maxFileBytes: 100, maxTotalBytes: 7 });
    queue.add([at('answers.xlsx'), at('answers.json'), at('UPPER.JSON'), at('mixed.XlSx')]);
    const { files, refused } = await queue.take();
    expect(files.map((f) => f.name)).toStrictEqual(['answers.xlsx', 'answers.json', 'mixed.XlSx']);
    expect(refused.map((r) => r.name)).toStrictEqual(['UPPER.JSON']);
    expect(refused[0]?.reason).toContain('open it on its own');
  });

  it('hands a file out once even when the page asks twice at the same time', async () => {
    const queue = new OpenWithQueue();
    queue.add([at('answers.json')]);
    const [first, second] = await Promise.all([queue.take(), queue.take()]);
    expect(first.files).toHaveLength(1);
    expect(second).toStrictEqual({ files: [], refused: [] });
  });
});

/** Electron's `app`, as far as open-with uses it. */
class FakeApp extends EventEmitter {
  ready = false;
  isReady(): boolean {
    return this.ready;
  }
}

function fakeWindow(minimized = false) {
  return { isMinimized: vi.fn(() => minimized), restore: vi.fn(), focus: vi.fn() };
}

function install(overrides: Partial<Pick<OpenWithOptions, 'argv' | 'cwd'>> = {}, window = fakeWindow()) {
  const app = new FakeApp();
  const queue = new OpenWithQueue();
  const options = {
    app,
    argv: overrides.argv ?? [EXE],
    cwd: overrides.cwd ?? dir,
    appPathArgs: 0,
    mainWindow: vi.fn<OpenWithOptions['mainWindow']>(() => window),
    createWindow: vi.fn(),
  } satisfies OpenWithOptions;
  installOpenWith(queue, options);
  return { app, queue, window, options };
}

const openFileEvent = () => ({ preventDefault: vi.fn() });

describe('installOpenWith', () => {
  it('queues the files of its own command line', async () => {
    const { queue } = install({ argv: [EXE, '--no-sandbox', at('answers.json')] });
    expect((await queue.take()).files.map((f) => f.name)).toStrictEqual(['answers.json']);
  });

  it('open-file before the window exists (macOS launch by file): claims the event and queues, touching no window', async () => {
    const { app, queue, options } = install();
    const event = openFileEvent();
    app.emit('open-file', event, at('answers.xlsx'));
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(options.mainWindow).not.toHaveBeenCalled();
    expect(options.createWindow).not.toHaveBeenCalled();
    // The page takes the queue when it starts.
    app.ready = true;
    expect((await queue.take()).files.map((f) => f.name)).toStrictEqual(['answers.xlsx']);
  });

  it('open-file while running focuses the window; with no window (macOS) it opens one', () => {
    const { app, window, options } = install();
    app.ready = true;
    app.emit('open-file', openFileEvent(), at('answers.json'));
    expect(window.focus).toHaveBeenCalledOnce();
    expect(options.createWindow).not.toHaveBeenCalled();

    options.mainWindow.mockReturnValue(undefined);
    app.emit('open-file', openFileEvent(), at('answers.xlsx'));
    expect(options.createWindow).toHaveBeenCalledOnce();
  });

  it('open-file with something else is claimed but not queued', () => {
    const { app, queue } = install();
    const event = openFileEvent();
    app.emit('open-file', event, at('notes.txt'));
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(queue.size).toBe(0);
    expect(loggerMock.logger.warn).toHaveBeenCalledOnce();
  });

  it('second-instance queues its files (relative to its own working directory) and restores and focuses the window', async () => {
    const { app, queue, window } = install({ cwd: tmpdir() }, fakeWindow(true));
    app.ready = true;
    app.emit('second-instance', {}, [EXE, '--allow-file-access-from-files', 'answers.json', at('notes.txt')], dir);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect((await queue.take()).files.map((f) => f.name)).toStrictEqual(['answers.json']);
  });

  it('second-instance without files still brings the window forward, and does not restore a window that is not minimized', () => {
    const { app, window, queue } = install();
    app.ready = true;
    app.emit('second-instance', {}, [EXE], '/');
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(queue.size).toBe(0);
  });

  it('second-instance before ready only queues', () => {
    const { app, queue, options } = install();
    app.emit('second-instance', {}, [EXE, at('answers.json')], dir);
    expect(queue.size).toBe(1);
    expect(options.mainWindow).not.toHaveBeenCalled();
    expect(options.createWindow).not.toHaveBeenCalled();
  });

  it('does not queue the same file twice when it arrives by argv and again by open-file', () => {
    const { app, queue } = install({ argv: [EXE, at('answers.json')] });
    app.emit('open-file', openFileEvent(), at('answers.json'));
    expect(queue.size).toBe(1);
  });
});

describe('files:take-opened over IPC', () => {
  let ipcMain: FakeIpcMain;

  beforeEach(async () => {
    ipcMain = new FakeIpcMain();
    registerIpcHandlers(ipcMain, ipcHandlers);
    await openWithQueue.take();
  });

  it('is the contract channel of takeOpenedFiles', () => {
    expect(ipcContract.takeOpenedFiles.channel).toBe('files:take-opened');
    expect(ipcMain.listeners.has('files:take-opened')).toBe(true);
  });

  it('returns the queued files of the app queue and clears it', async () => {
    openWithQueue.add([at('answers.json'), at('huge.xlsx')]);
    await expect(ipcMain.invoke('files:take-opened', null)).resolves.toStrictEqual({
      ok: true,
      value: {
        files: [{ name: 'answers.json', data: new Uint8Array(BYTES['answers.json']) }],
        refused: [{ name: 'huge.xlsx', reason: 'The file is larger than the 64 MiB limit.' }],
      },
    });
    await expect(ipcMain.invoke('files:take-opened', null)).resolves.toStrictEqual({ ok: true, value: { files: [], refused: [] } });
  });

  it('refuses a request from outside the app without touching the queue', async () => {
    openWithQueue.add([at('answers.json')]);
    const answer = await ipcMain.invoke('files:take-opened', null, 'https://evil.example/');
    expect(answer).toMatchObject({ ok: false, error: { code: 'IPC_SENDER_REFUSED' } });
    expect(openWithQueue.size).toBe(1);
  });

  it('refuses a payload other than null', async () => {
    const answer = await ipcMain.invoke('files:take-opened', { all: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });
});

describe('platform takeOpenedFiles', () => {
  it('is always empty on the web', async () => {
    await expect(createWebPlatform('1.0.0', unusedWebKeys).takeOpenedFiles()).resolves.toStrictEqual({ files: [], refused: [] });
  });

  it('on the desktop, asks the preload with a null request and returns its answer', async () => {
    const answer = { files: [{ name: 'a.json', data: new Uint8Array([1]) }], refused: [{ name: 'b.xlsx', reason: 'too large' }] };
    const takeOpenedFiles = vi.fn<DesktopApi['takeOpenedFiles']>(() => Promise.resolve(answer));
    const api = desktopApiStub({ takeOpenedFiles });
    await expect(createDesktopPlatform(api).takeOpenedFiles()).resolves.toStrictEqual(answer);
    expect(takeOpenedFiles).toHaveBeenCalledExactlyOnceWith(null);
  });
});
