import { parseExternalUrl } from '../../../shared/external-url';
import { MAX_INTAKE_BYTES, MAX_INTAKE_FILES, MAX_OPEN_FILE_BYTES } from '../../../shared/ipc/contract';
import { FileTooLargeError } from '../../../shared/errors';
import type { FileFilter, OpenedFile, OpenedWithFiles, Platform, RefusedFile } from './types';
import type { WebKeyStore } from './web-keys';
import type { AppUpdates } from './updates';
import { staticUpdates } from './updates';
import { browserUpdateEnvironment, serviceWorkerUpdates } from './web-updates';

function acceptAttribute(filters: readonly FileFilter[]): string {
  return filters.flatMap((f) => f.extensions.map((ext) => `.${ext}`)).join(',');
}

/** The most files and bytes one intake takes, and the largest single file (as the desktop app). */
export interface IntakeLimits {
  readonly maxFiles: number;
  readonly maxBytes: number;
  readonly maxFileBytes: number;
}

const INTAKE_LIMITS: IntakeLimits = { maxFiles: MAX_INTAKE_FILES, maxBytes: MAX_INTAKE_BYTES, maxFileBytes: MAX_OPEN_FILE_BYTES };

function megabytes(bytes: number): string {
  return `${String(Math.round(bytes / (1024 * 1024)))} MB`;
}

/**
 * The name a picked file is shown under: its path inside the picked folder (as the desktop app
 * names it, without the folder itself), else its base name.
 */
export function intakeName(file: File): string {
  // Typed as a string, but absent outside browsers (and empty for files not from a folder).
  const relative: string | undefined = file.webkitRelativePath;
  if (!relative) return file.name;
  const slash = relative.indexOf('/');
  return slash >= 0 ? relative.slice(slash + 1) : relative;
}

/** A submission in a folder: *.json or *.xlsx, not hidden (editor backups, macOS `._` twins). */
function isFolderSubmission(name: string): boolean {
  return /\.(json|xlsx)$/i.test(name) && !name.split('/').some((part) => part.startsWith('.'));
}

/**
 * Reads picked or dropped files for the coordinator's intake. Each file comes back with its bytes
 * or in `refused` with the reason: too large, past the intake's file or byte limit, unreadable.
 * From a folder, only submissions are taken. Never rejects.
 */
export async function takeSubmissionFiles(picked: readonly File[], options: { readonly folder: boolean; readonly limits?: IntakeLimits }): Promise<OpenedWithFiles> {
  const limits = options.limits ?? INTAKE_LIMITS;
  const candidates = options.folder ? picked.filter((file) => isFolderSubmission(intakeName(file))) : picked;
  const files: OpenedFile[] = [];
  const refused: RefusedFile[] = [];
  let budget = limits.maxBytes;
  let full: string | undefined;
  for (const file of candidates) {
    const name = intakeName(file);
    if (full === undefined && files.length >= limits.maxFiles) {
      full = `Not taken: the selection has more than ${limits.maxFiles.toLocaleString('en')} files. Pick fewer files, or one subfolder at a time.`;
    }
    if (full !== undefined) {
      refused.push({ name, reason: full });
      continue;
    }
    if (file.size > limits.maxFileBytes) {
      refused.push({ name, reason: `The file is larger than the ${megabytes(limits.maxFileBytes)} limit.` });
      continue;
    }
    if (file.size > budget) {
      full = `Not taken: the selection holds more than ${megabytes(limits.maxBytes)}. Pick fewer files, or one subfolder at a time.`;
      refused.push({ name, reason: full });
      continue;
    }
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      budget -= data.byteLength;
      files.push({ name, data });
    } catch {
      refused.push({ name, reason: 'The file could not be read; it may have been moved, deleted or locked.' });
    }
  }
  return { files, refused };
}

/**
 * Updates through the service worker in a production build. Not on the development server (it has
 * no sw.js; modules are served one by one) nor in a browser without service workers (nor in unit
 * tests, which run as development).
 */
function webUpdates(): AppUpdates {
  // `serviceWorker` is missing outside secure contexts (plain http:// on another host than localhost).
  if (!import.meta.env.PROD || typeof navigator !== 'object' || !('serviceWorker' in navigator)) return staticUpdates('unavailable');
  return serviceWorkerUpdates(browserUpdateEnvironment(navigator.serviceWorker));
}

/** The browser implementation: the same build runs as an offline web app in any Chromium. */
export function createWebPlatform(version: string, keys: WebKeyStore): Platform {
  return {
    kind: 'web',
    updates: webUpdates(),
    getAppInfo: () => Promise.resolve({ name: 'EGov Desk', version, platform: 'web', os: navigator.userAgent }),

    openExternal(url) {
      try {
        const parsed = parseExternalUrl(url);
        // noopener: the opened page gets no handle on this window.
        window.open(parsed.href, '_blank', 'noopener,noreferrer');
        return Promise.resolve();
      } catch (error) {
        // A refused link rejects the promise rather than throwing at the caller.
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },

    openFiles({ filters, multiple, maxBytes }) {
      const limit = maxBytes ?? MAX_OPEN_FILE_BYTES;
      return new Promise<OpenedFile[]>((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        input.accept = acceptAttribute(filters);
        input.addEventListener('cancel', () => { resolve([]); });
        input.addEventListener('change', () => {
          const files = [...(input.files ?? [])];
          const tooLarge = files.find((file) => file.size > limit);
          if (tooLarge) {
            reject(new FileTooLargeError(tooLarge.name, tooLarge.size, limit));
            return;
          }
          Promise.all(files.map(async (file) => ({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) })))
            .then(resolve, reject);
        });
        input.click();
      });
    },

    saveFile({ suggestedName, data }) {
      const blob = new Blob([data.slice().buffer], { type: 'application/octet-stream' });
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = suggestedName;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      // Revoke later: revoking at once can cancel the download in some browsers.
      setTimeout(() => { URL.revokeObjectURL(href); }, 60_000);
      return Promise.resolve({ saved: true, fileName: suggestedName });
    },

    generateSigningKey: (label) => keys.generate(label),
    listSigningKeys: () => keys.list(),
    signWithKey: (keyId, data) => keys.sign(keyId, data),

    // A page cannot check other sites' links: the app's CSP (connect-src) blocks the requests, and
    // CORS would hide the status of most sites anyway. So the web build only tells the UI why not.
    checkLinks: () => Promise.resolve(navigator.onLine ? { kind: 'unavailable' } : { kind: 'offline' }),

    // A browser tab is never started by the OS with a file: nothing ever waits here.
    takeOpenedFiles: () => Promise.resolve({ files: [], refused: [] }),

    pickSubmissions({ folder }) {
      return new Promise<OpenedWithFiles>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = true;
        if (folder) input.webkitdirectory = true;
        else input.accept = '.json,.xlsx';
        input.addEventListener('cancel', () => { resolve({ files: [], refused: [] }); });
        input.addEventListener('change', () => {
          void takeSubmissionFiles([...(input.files ?? [])], { folder }).then(resolve);
        });
        input.click();
      });
    },
  };
}
