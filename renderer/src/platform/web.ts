import { parseExternalUrl } from '../../../shared/external-url';
import { MAX_OPEN_FILE_BYTES } from '../../../shared/ipc/contract';
import { FileTooLargeError } from '../../../shared/errors';
import type { FileFilter, OpenedFile, Platform } from './types';
import type { WebKeyStore } from './web-keys';

function acceptAttribute(filters: readonly FileFilter[]): string {
  return filters.flatMap((f) => f.extensions.map((ext) => `.${ext}`)).join(',');
}

/** The browser implementation: the same build runs as an offline web app in any Chromium. */
export function createWebPlatform(version: string, keys: WebKeyStore): Platform {
  return {
    kind: 'web',
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

    openFiles({ filters, multiple }) {
      return new Promise<OpenedFile[]>((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        input.accept = acceptAttribute(filters);
        input.addEventListener('cancel', () => { resolve([]); });
        input.addEventListener('change', () => {
          const files = [...(input.files ?? [])];
          const tooLarge = files.find((file) => file.size > MAX_OPEN_FILE_BYTES);
          if (tooLarge) {
            reject(new FileTooLargeError(tooLarge.name, tooLarge.size, MAX_OPEN_FILE_BYTES));
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
  };
}
