import { protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/security/csp';

/**
 * The renderer's origin is `app://egov-desk`. NEVER change the scheme or the host after a release:
 * IndexedDB (all saved answers) is keyed by origin, so a new origin would silently show an empty app
 * while the old data stays behind under the old origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'egov-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const INDEX_FILE = 'index.html';

/**
 * Must run before `app` is ready. `standard` gives the scheme an origin and web storage (IndexedDB is
 * disabled for non-standard schemes); `secure` makes it a secure context (WebCrypto); `stream` lets
 * large responses stream; `codeCache` lets V8 keep the code it compiled from the app's scripts between
 * starts, as Chromium does for http(s), so a start reads compiled code instead of parsing about 1 MB
 * of JavaScript again (issue 10; it needs `standard`). CORS stays off: nothing else may fetch from
 * this origin.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true, codeCache: true },
    },
  ]);
}

/** True when `url` belongs to the app's own origin (used to check navigation targets and IPC senders). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Compared part by part: Node's URL reports `origin === 'null'` for custom schemes.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Encoded dots, slashes and backslashes never appear in the names Vite gives build files, and a NUL
 * or backslash has no business in a URL path: any of them means someone is probing for traversal.
 */
const HOSTILE_RAW_TEXT = /[\\\0]|%(?:00|2e|2f|5c)/i;
/** Characters refused in a decoded segment: separators, NUL and `:` (Windows drives and streams). */
const HOSTILE_SEGMENT_TEXT = /[/\\\0:]/;

/**
 * Maps `app://egov-desk/<path>` to a file under `rootDir`, or returns undefined when the URL is not
 * ours or tries to leave `rootDir`. The URL parser already folds `..` segments, so the raw text is
 * checked too: a request that even tries traversal is refused rather than quietly rewritten.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | undefined {
  // Only the path is checked: a query string may legitimately carry encoded text.
  const rawPath = requestUrl.split(/[?#]/, 1)[0] ?? '';
  if (HOSTILE_RAW_TEXT.test(rawPath)) return undefined;
  if (rawPath.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  if (!isAppUrl(requestUrl)) return undefined;

  const pathname = new URL(requestUrl).pathname;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.replace(/^\//, ''));
  } catch {
    return undefined;
  }
  if (relative === '') relative = INDEX_FILE;

  const segments = relative.split('/');
  // An empty segment means `//` (an absolute path in disguise) or a trailing `/` (a directory).
  if (segments.some((s) => s === '' || s === '.' || s === '..' || HOSTILE_SEGMENT_TEXT.test(s))) return undefined;

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...segments);
  return isInside(root, filePath) ? filePath : undefined;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !path.isAbsolute(relative) && relative.split(path.sep)[0] !== '..';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
/** With `nosniff`, an unlisted type can be downloaded by the page but never run as script or style. */
const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
    'X-Content-Type-Options': 'nosniff',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Serves the renderer build. Never throws: a refused or missing path is a 404, so a hostile URL
 * learns nothing about the file system.
 */
export function createAppRequestHandler(rootDir: string): (request: Pick<Request, 'method' | 'url'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const filePath = resolveAppPath(rootDir, request.url);
    if (filePath === undefined) return textResponse(404, 'Not found');
    try {
      // A symlink inside the build could still point outside it; compare real locations.
      const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(filePath)]);
      if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return textResponse(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(realFile);
      return new Response(body, { status: 200, headers: { ...baseHeaders(), 'Content-Type': contentTypeFor(realFile) } });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}

/** Call once the app is ready: every app:// request is answered from `rootDir`. */
export function installAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}
