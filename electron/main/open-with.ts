import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileTooLargeError } from '../../shared/errors';
import { MAX_OPEN_FILE_BYTES, MAX_QUEUED_OPEN_FILES } from '../../shared/ipc/contract';
import type { IpcResponse, OpenedFile, RefusedFile } from '../../shared/ipc/contract';
import { readOpenedFile } from './fs/read-opened-file';
import { logger } from './logger';

/**
 * Files the operating system asks the app to open: "Open with", a file association, a drop on the
 * dock icon. Paths are only collected here; the bytes are read when the page asks for them
 * (`files:take-opened`), because the page may not exist yet when the OS hands a file over, and a
 * file waiting in a queue should cost a path, not its contents.
 */

/** What the review screen opens; anything else on a command line is not ours to read. */
const SUBMISSION_EXTENSIONS: ReadonlySet<string> = new Set(['.json', '.xlsx']);

export interface ArgvContext {
  /** Where relative paths point: the working directory of the process that was launched. */
  readonly cwd: string;
  /**
   * Positional arguments that name the app rather than a document: 1 when Electron runs an app
   * folder (`electron .` in development, `process.defaultApp`), 0 in a packaged app.
   */
  readonly appPathArgs: number;
}

/**
 * The submission files named on a command line. Skipped: the executable (argv[0]); every switch
 * (anything starting with `-`: Chromium's and Electron's own, such as `--no-sandbox` or
 * `--original-process-start-time=…`, Node's `--inspect`, macOS's old `-psn_…`); the app folder in
 * development; and whatever is not an existing regular file ending in .json or .xlsx. The OS passes
 * full paths, but a person typing a command may not, hence `cwd`.
 */
export function submissionPathsFromArgv(argv: readonly string[], { cwd, appPathArgs }: ArgvContext): string[] {
  const paths: string[] = [];
  let appArgsLeft = appPathArgs;
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (appArgsLeft > 0) {
      appArgsLeft -= 1;
      continue;
    }
    const candidate = localPath(arg, cwd);
    if (candidate !== undefined && isSubmissionFile(candidate)) paths.push(candidate);
  }
  return paths;
}

function localPath(arg: string, cwd: string): string | undefined {
  if (arg === '') return undefined;
  // Linux desktop entries written by electron-builder end in `%U`, so file managers may pass
  // file:// URLs instead of paths.
  if (/^file:/i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      // A file URL for another host, or malformed: nothing on this machine to open.
      return undefined;
    }
  }
  // Any other URL (a scheme of two or more letters, so `C:\…` still counts as a path) is no file.
  if (/^[a-z][a-z0-9+.-]+:/i.test(arg)) return undefined;
  return path.resolve(cwd, arg);
}

/** An existing regular file (symbolic links followed) whose name ends in .json or .xlsx, any case. */
export function isSubmissionFile(filePath: string): boolean {
  if (!SUBMISSION_EXTENSIONS.has(path.extname(filePath).toLowerCase())) return false;
  try {
    return statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    // EACCES and the like: a file the app cannot even look at is not offered to the page.
    return false;
  }
}

export interface OpenWithLimits {
  /** Paths kept at most; later ones are dropped until the page takes the queue. */
  readonly maxFiles: number;
  /** Largest single file read. */
  readonly maxFileBytes: number;
  /**
   * Most bytes in one answer to the page. The page reviews one submission at a time, so a launch
   * with many large files must not hold them all in memory (and copy them across IPC) at once.
   */
  readonly maxTotalBytes: number;
}

const DEFAULT_LIMITS: OpenWithLimits = {
  maxFiles: MAX_QUEUED_OPEN_FILES,
  maxFileBytes: MAX_OPEN_FILE_BYTES,
  maxTotalBytes: MAX_OPEN_FILE_BYTES,
};

export type TakenFiles = IpcResponse<'takeOpenedFiles'>;

/** The paths waiting for the page, in the order the OS handed them over. */
export class OpenWithQueue {
  private pending: string[] = [];

  constructor(private readonly limits: OpenWithLimits = DEFAULT_LIMITS) {}

  get size(): number {
    return this.pending.length;
  }

  /** Queues paths that already passed `isSubmissionFile`; a path already waiting is not added twice. */
  add(paths: readonly string[]): void {
    for (const filePath of paths) {
      if (this.pending.includes(filePath)) continue;
      if (this.pending.length >= this.limits.maxFiles) {
        logger.warn(`More than ${String(this.limits.maxFiles)} files to open at once; ignored:`, filePath);
        continue;
      }
      this.pending.push(filePath);
    }
  }

  /** Reads and forgets every waiting file. Never rejects: a file that cannot be opened is refused by name. */
  async take(): Promise<TakenFiles> {
    // Emptied before the first await: a second call meanwhile (two focus events) gets nothing twice,
    // a path the OS adds meanwhile waits for the next call, and a bad file is not retried forever.
    const paths = this.pending;
    this.pending = [];

    const files: OpenedFile[] = [];
    const refused: RefusedFile[] = [];
    let budget = this.limits.maxTotalBytes;
    // One at a time, so at most one file beyond what is being returned is in memory.
    for (const filePath of paths) {
      const name = path.basename(filePath);
      try {
        const file = await readOpenedFile(filePath, this.limits.maxFileBytes);
        if (file.data.byteLength > budget) {
          refused.push({ name, reason: 'Not opened together with the other files (too much data at once); open it on its own.' });
          continue;
        }
        budget -= file.data.byteLength;
        files.push(file);
      } catch (error: unknown) {
        // The full path and the system's reason stay in the main process log.
        logger.warn('A file handed over by the system could not be opened.', filePath, error);
        refused.push({ name, reason: refusalReason(error, this.limits.maxFileBytes) });
      }
    }
    return { files, refused };
  }
}

/** Reasons for the person, without the file name: the page shows them as `name: reason`. */
function refusalReason(error: unknown, limit: number): string {
  if (error instanceof FileTooLargeError) return `The file is larger than the ${formatBytes(limit)} limit.`;
  return 'The file could not be read; it may have been moved, deleted or locked.';
}

function formatBytes(bytes: number): string {
  const mebibyte = 1024 * 1024;
  return bytes % mebibyte === 0 ? `${String(bytes / mebibyte)} MiB` : `${String(bytes)}-byte`;
}

/** The one queue of the running app, shared by the lifecycle wiring and the IPC handler. */
export const openWithQueue = new OpenWithQueue();

/** The parts of Electron's `app` used here; narrow so tests can pass an EventEmitter. */
export interface OpenWithApp {
  on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  isReady(): boolean;
}

/** The parts of a BrowserWindow used to bring it forward. */
export interface OpenWithWindow {
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

export interface OpenWithOptions extends ArgvContext {
  readonly app: OpenWithApp;
  /** This process's command line: on Windows and Linux, the OS passes the files here. */
  readonly argv: readonly string[];
  /** The window showing the app, if one exists. */
  readonly mainWindow: () => OpenWithWindow | undefined;
  readonly createWindow: () => void;
}

/**
 * Queues the files of this launch and listens for later ones. Call before `ready`: macOS delivers
 * the file of a launch-by-file as `open-file` before the app is ready.
 *
 * The page is not told through a push channel: it takes the queue when it starts and whenever its
 * window gains focus, so bringing the window forward is the notification.
 */
export function installOpenWith(queue: OpenWithQueue, options: OpenWithOptions): void {
  const { app, argv, cwd, appPathArgs, mainWindow, createWindow } = options;
  queue.add(submissionPathsFromArgv(argv, { cwd, appPathArgs }));

  function bringForward(): void {
    // Before `ready` there is no window yet; the page takes the queue when it starts.
    if (!app.isReady()) return;
    const window = mainWindow();
    // macOS keeps running without windows; the new window's page takes the queue when it starts.
    if (window === undefined) {
      createWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  app.on('open-file', (event, filePath) => {
    // Tells macOS the app handles the file (otherwise it reports that the file could not be opened).
    event.preventDefault();
    if (isSubmissionFile(filePath)) queue.add([filePath]);
    else logger.warn('Ignored a file the system asked to open: not an existing .json or .xlsx file.', filePath);
    bringForward();
  });

  // Windows and Linux start a second process for "open with"; it quits at once (no lock) and its
  // command line arrives here. Its working directory, not ours, resolves relative paths.
  app.on('second-instance', (_event, secondArgv, workingDirectory) => {
    queue.add(submissionPathsFromArgv(secondArgv, { cwd: workingDirectory, appPathArgs }));
    // Also without files: a second launch brings the running window forward instead of a second copy.
    bringForward();
  });
}
