import http from 'node:http';
import https from 'node:https';

/**
 * One question to one server: "what is the status of this URL?". Plain Node (no Electron), so the
 * command-line tool can reuse it. Only the status line and the Location header are read; the body
 * is never downloaded.
 */

/** What one request learned, or why it learned nothing. */
export type ServerAnswer =
  | { readonly kind: 'answered'; readonly status: number; readonly location: string | undefined }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'failed'; readonly code: string };

export interface RequestSettings {
  /** Longest wait for the status line of one request (connection and TLS included). */
  readonly timeoutMs: number;
  readonly userAgent: string;
}

/** The way a server says it does not implement HEAD; GET is then the only way to ask. */
const HEAD_REFUSED = new Set([405, 501]);

/** HEAD first (no body by definition), then GET when the server refuses HEAD. */
export async function askServer(url: URL, settings: RequestSettings): Promise<ServerAnswer> {
  const head = await requestOnce(url, 'HEAD', settings);
  if (head.kind === 'answered' && HEAD_REFUSED.has(head.status)) return requestOnce(url, 'GET', settings);
  return head;
}

/**
 * Sends one request and settles as soon as the response headers arrive, then closes the
 * connection: for GET that is what keeps a large page from being downloaded. Never rejects.
 *
 * The request options are built field by field rather than passing the URL: Node would turn a
 * `user:password@` part into an Authorization header, and a link checker must send no credentials.
 * There is no cookie jar at all (node:http keeps none), so cookies a server sets are dropped and no
 * Cookie header is ever sent. `agent: false` gives each request its own connection, closed after
 * use, so no socket outlives its check.
 */
export function requestOnce(url: URL, method: 'HEAD' | 'GET', settings: RequestSettings): Promise<ServerAnswer> {
  return new Promise<ServerAnswer>((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      {
        protocol: url.protocol,
        // URL keeps IPv6 literals in brackets ("[::1]"); the socket layer wants the bare address.
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: `${url.pathname}${url.search}`,
        method,
        headers: { 'User-Agent': settings.userAgent, Accept: '*/*' },
        agent: false,
      },
      (response) => {
        // Destroying the response may still surface a late socket error; it changes nothing here.
        response.on('error', () => undefined);
        settle({ kind: 'answered', status: response.statusCode ?? 0, location: response.headers.location });
        response.destroy();
      },
    );
    // A deadline for the whole request, not a socket idle timeout: a server that trickles bytes
    // must not hold a check open for ever.
    const timer = setTimeout(() => {
      settle({ kind: 'timeout' });
    }, settings.timeoutMs);

    // Stays attached after settling: destroying the request can emit a late "socket hang up",
    // and an 'error' event without a listener would crash the process.
    request.on('error', (error) => {
      settle({ kind: 'failed', code: errorCode(error) });
    });
    request.end();

    let settled = false;
    function settle(answer: ServerAnswer): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(answer);
    }
  });
}

/** The system's code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, HPE_…): short, stable, searchable. */
function errorCode(error: Error): string {
  return 'code' in error && typeof error.code === 'string' && error.code !== '' ? error.code : 'network error';
}
