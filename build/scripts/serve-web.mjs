// Serves a built renderer folder as a static offline web app on the loopback interface. Used by
// `npm start` when Electron's binary is not available, by `npm run serve`, and by the e2e tests.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative as relativeTo, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Maps a request path to a file under root, or undefined when the path tries to leave it.
 * @param {string} root
 * @param {string} urlPath
 */
export function resolveStaticPath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = resolve(root, relative);
  return full === root || full.startsWith(root + sep) ? full : undefined;
}

/**
 * How long browsers may keep a file, by its path relative to the served folder (`/`-separated).
 * A file whose name carries its content hash (Vite's `assets/<name>-<8 characters>.<ext>`, the
 * same names build/vite-plugin-offline.ts calls hashed) never changes under that name: it is kept for
 * a year without asking again, as a production server would serve it, so a return visit reads the
 * code from the browser's cache and V8 can reuse the compiled code it stored with it. Everything
 * else (index.html, sw.js, the manifest) is checked with the server on every load, or a new build
 * would not be seen.
 * @param {string} relativePath
 */
export function cacheControlFor(relativePath) {
  return /^assets\/.+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/.test(relativePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * @param {{ root: string, host?: string, port?: number }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveWeb({ root, host = '127.0.0.1', port = 0 }) {
  const base = resolve(root);
  await stat(join(base, 'index.html')).catch(() => {
    throw new Error(`${join(base, 'index.html')} does not exist: run "npm run build" first.`);
  });
  const server = createServer((request, response) => {
    const file = resolveStaticPath(base, request.url ?? '/');
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(file ? 405 : 404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream',
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': cacheControlFor(relativeTo(base, file).split(sep).join('/')),
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => {
        response.writeHead(404).end();
      },
    );
  });
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${String(actualPort)}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

// Run directly: `node build/scripts/serve-web.mjs [folder]`, port from PORT (default 5180).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  const { url } = await serveWeb({ root, port: Number(process.env.PORT ?? 5180) });
  console.log(`EGov Desk (offline web app) is served at ${url}`);
}
