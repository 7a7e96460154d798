import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkLinks, LINK_CHECK_DETAILS, linkCheckUserAgent } from '../../../electron/main/links/check-links';
import type { CheckLinksOptions } from '../../../electron/main/links/check-links';
import { mapWithConcurrency } from '../../../electron/main/links/pool';
import { linkCheckResultSchema } from '../../../shared/schemas/evidence';

/** A real HTTP server on 127.0.0.1 whose routes play every situation the checker must recognise. */

interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

let server: Server;
let base: string;
let seen: SeenRequest[] = [];
let active = 0;
let maxActive = 0;

function redirect(response: ServerResponse, status: number, location: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { Location: location, ...headers });
  response.end();
}

function route(request: IncomingMessage, response: ServerResponse): void {
  const method = request.method ?? '';
  const path = request.url ?? '/';
  seen.push({ method, path, headers: request.headers });

  const hop = /^\/hops\/(\d+)$/.exec(path);
  if (hop) {
    const n = Number(hop[1]);
    if (n >= 10) response.writeHead(200).end();
    else redirect(response, 302, `/hops/${String(n + 1)}`);
    return;
  }
  if (path.startsWith('/slow/')) {
    active += 1;
    maxActive = Math.max(maxActive, active);
    setTimeout(() => {
      active -= 1;
      response.writeHead(200).end();
    }, 150);
    return;
  }

  switch (path) {
    case '/ok':
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>hello</p>');
      return;
    case '/missing':
      response.writeHead(404).end();
      return;
    case '/server-error':
      response.writeHead(503).end();
      return;
    case '/linkedin':
      response.writeHead(999).end();
      return;
    // Three hops, with absolute, root-relative and path-relative Locations.
    case '/chain/1':
      redirect(response, 301, `${base}/chain/2`);
      return;
    case '/chain/2':
      redirect(response, 302, '/chain/deeper/3');
      return;
    case '/chain/deeper/3':
      redirect(response, 307, '../../final?x=1');
      return;
    case '/final?x=1':
      response.writeHead(200).end();
      return;
    case '/chain-to-missing':
      redirect(response, 308, '/missing');
      return;
    case '/loop/a':
      redirect(response, 302, '/loop/b');
      return;
    case '/loop/b':
      redirect(response, 302, '/loop/a#again');
      return;
    case '/self':
      redirect(response, 301, '/self');
      return;
    case '/to-javascript':
      redirect(response, 302, 'javascript:alert(1)');
      return;
    case '/to-file':
      redirect(response, 301, 'file:///etc/passwd');
      return;
    case '/to-ftp':
      redirect(response, 302, 'ftp://example.org/file');
      return;
    case '/to-nowhere':
      response.writeHead(302).end();
      return;
    case '/to-garbage':
      redirect(response, 302, 'http://[not-an-ip/');
      return;
    case '/silent':
      // Accepts the connection and never answers.
      return;
    case '/no-head':
      if (method === 'HEAD') {
        response.writeHead(405, { Allow: 'GET' }).end();
        return;
      }
      // A body that never ends: the check must come back after the headers, not wait for it.
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      response.write(Buffer.alloc(64 * 1024));
      return;
    case '/head-not-implemented':
      if (method === 'HEAD') response.writeHead(501).end();
      else response.writeHead(404).end();
      return;
    case '/sets-cookie':
      redirect(response, 302, '/cookie-landing', { 'Set-Cookie': 'session=secret; Path=/' });
      return;
    case '/cookie-landing':
      response.writeHead(200, { 'Set-Cookie': 'tracker=1; Path=/' }).end();
      return;
    default:
      response.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  // '/silent' leaves connections open on purpose; close them so the server can stop.
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error) reject(error);
      else resolve();
    });
  });
});

beforeEach(() => {
  seen = [];
  active = 0;
  maxActive = 0;
});

const NOW = 1_764_000_000_000;
const options: CheckLinksOptions = { timeoutMs: 2000, now: () => NOW };

async function checkOne(path: string, extra: CheckLinksOptions = {}) {
  const [result] = await checkLinks([`${base}${path}`], { ...options, ...extra });
  if (result === undefined) throw new Error('no result');
  // Every result must cross IPC, so every one must satisfy the contract's schema.
  expect(linkCheckResultSchema.parse(result)).toStrictEqual(result);
  return result;
}

/** A port that was just free: nothing listens on it, so connecting is refused. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    probe.close(() => {
      resolve();
    });
  });
  return port;
}

describe('checkLinks: answers', () => {
  it('reports a 200 as ok, with a single HEAD request and the clock time', async () => {
    await expect(checkOne('/ok')).resolves.toStrictEqual({ url: `${base}/ok`, status: 'ok', httpStatus: 200, checkedAt: NOW });
    expect(seen.map((r) => r.method)).toStrictEqual(['HEAD']);
  });

  it.each([
    ['/missing', 404],
    ['/server-error', 503],
  ])('reports %s as broken with its status', async (path, httpStatus) => {
    await expect(checkOne(path)).resolves.toMatchObject({ status: 'broken', httpStatus });
  });

  it('reports a status outside 100-599 as broken, in the detail rather than httpStatus', async () => {
    const result = await checkOne('/linkedin');
    expect(result).toStrictEqual({ url: `${base}/linkedin`, status: 'broken', detail: 'HTTP status 999', checkedAt: NOW });
  });

  it('retries with GET when HEAD is refused with 405, and does not wait for the body', async () => {
    const started = Date.now();
    await expect(checkOne('/no-head')).resolves.toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(seen.map((r) => r.method)).toStrictEqual(['HEAD', 'GET']);
  });

  it('retries with GET when HEAD is answered 501, and reports what GET says', async () => {
    await expect(checkOne('/head-not-implemented')).resolves.toMatchObject({ status: 'broken', httpStatus: 404 });
    expect(seen.map((r) => r.method)).toStrictEqual(['HEAD', 'GET']);
  });
});

describe('checkLinks: redirects', () => {
  it('follows a three-hop chain (absolute and relative Locations) and reports where it ended', async () => {
    const result = await checkOne('/chain/1');
    expect(result).toStrictEqual({ url: `${base}/chain/1`, status: 'redirected', httpStatus: 200, finalUrl: `${base}/final?x=1`, checkedAt: NOW });
    expect(seen.map((r) => r.path)).toStrictEqual(['/chain/1', '/chain/2', '/chain/deeper/3', '/final?x=1']);
  });

  it('reports a redirect to a missing page as broken, with the page it ended on', async () => {
    await expect(checkOne('/chain-to-missing')).resolves.toMatchObject({ status: 'broken', httpStatus: 404, finalUrl: `${base}/missing` });
  });

  it('detects a loop (fragments ignored) without requesting any URL twice', async () => {
    await expect(checkOne('/loop/a')).resolves.toMatchObject({ status: 'redirectLoop', httpStatus: 302, finalUrl: `${base}/loop/a#again` });
    expect(seen.map((r) => r.path)).toStrictEqual(['/loop/a', '/loop/b']);
    await expect(checkOne('/self')).resolves.toMatchObject({ status: 'redirectLoop', finalUrl: `${base}/self` });
  });

  it('stops after the default limit of 5 redirects', async () => {
    await expect(checkOne('/hops/0')).resolves.toMatchObject({ status: 'tooManyRedirects', httpStatus: 302, finalUrl: `${base}/hops/6` });
    expect(seen).toHaveLength(6);
  });

  it('follows exactly as many redirects as the limit allows', async () => {
    await expect(checkOne('/hops/7', { maxRedirects: 3 })).resolves.toMatchObject({ status: 'redirected', finalUrl: `${base}/hops/10` });
    await expect(checkOne('/hops/6', { maxRedirects: 3 })).resolves.toMatchObject({ status: 'tooManyRedirects' });
    await expect(checkOne('/chain/1', { maxRedirects: 0 })).resolves.toMatchObject({ status: 'tooManyRedirects', finalUrl: `${base}/chain/2` });
  });

  it.each([
    ['/to-javascript', 'javascript:alert(1)'],
    ['/to-file', 'file:///etc/passwd'],
    ['/to-ftp', 'ftp://example.org/file'],
  ])('refuses the redirect of %s to %s and never follows it', async (path, finalUrl) => {
    await expect(checkOne(path)).resolves.toStrictEqual({ url: `${base}${path}`, status: 'refusedRedirect', httpStatus: expect.any(Number) as number, finalUrl, checkedAt: NOW });
    expect(seen).toHaveLength(1);
  });

  it('refuses a Location that is not a URL, and reports a redirect without Location as broken', async () => {
    await expect(checkOne('/to-garbage')).resolves.toStrictEqual({
      url: `${base}/to-garbage`,
      status: 'refusedRedirect',
      httpStatus: 302,
      detail: LINK_CHECK_DETAILS.invalidLocation,
      checkedAt: NOW,
    });
    await expect(checkOne('/to-nowhere')).resolves.toMatchObject({ status: 'broken', httpStatus: 302, detail: LINK_CHECK_DETAILS.redirectWithoutLocation });
  });
});

describe('checkLinks: no answer', () => {
  it('reports a server that never answers as timeout after the injected delay', async () => {
    const started = Date.now();
    const result = await checkOne('/silent', { timeoutMs: 300 });
    expect(result).toStrictEqual({ url: `${base}/silent`, status: 'timeout', detail: 'no answer within 300 ms', checkedAt: NOW });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports a refused connection as unreachable with the system code', async () => {
    const url = `http://127.0.0.1:${String(await closedPort())}/`;
    await expect(checkLinks([url], options)).resolves.toStrictEqual([{ url, status: 'unreachable', detail: 'ECONNREFUSED', checkedAt: NOW }]);
  });

  it('reports a TLS failure as unreachable with the TLS error code', async () => {
    // An https request to a plain-HTTP server fails the handshake: the cheapest real TLS error.
    const url = `${base.replace('http:', 'https:')}/ok`;
    const [result] = await checkLinks([url], options);
    expect(result).toMatchObject({ url, status: 'unreachable' });
    expect(result?.detail).toMatch(/^[A-Z_]+$/);
    expect(result?.detail).not.toBe('network error');
  });

  it.each([
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['ftp://example.org/'],
    ['data:text/html,hi'],
    ['not a url'],
    ['/relative/path'],
    ['https://'],
  ])('never requests %s: unreachable, "not an http(s) URL"', async (url) => {
    await expect(checkLinks([url], options)).resolves.toStrictEqual([
      { url, status: 'unreachable', detail: LINK_CHECK_DETAILS.notHttpUrl, checkedAt: NOW },
    ]);
    expect(seen).toHaveLength(0);
  });
});

describe('checkLinks: manners', () => {
  it('never sends a Cookie, even after a server set one on a redirect; says who it is', async () => {
    await expect(checkOne('/sets-cookie')).resolves.toMatchObject({ status: 'redirected', finalUrl: `${base}/cookie-landing` });
    await checkOne('/sets-cookie');
    expect(seen).toHaveLength(4);
    for (const request of seen) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['user-agent']).toBe(linkCheckUserAgent());
      expect(request.headers.accept).toBe('*/*');
    }
    expect(linkCheckUserAgent()).toBe('EGovDesk-LinkCheck/0.0.0-test');
  });

  it('never sends the user name and password of a URL', async () => {
    const url = `http://alice:secret@127.0.0.1:${base.split(':')[2] ?? ''}/ok`;
    await expect(checkLinks([url], options)).resolves.toMatchObject([{ status: 'ok' }]);
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('keeps at most `concurrency` requests in flight, and uses them', async () => {
    const urls = Array.from({ length: 6 }, (_, i) => `${base}/slow/${String(i)}`);
    const results = await checkLinks(urls, { ...options, concurrency: 2 });
    expect(results.map((r) => r.status)).toStrictEqual(Array<string>(6).fill('ok'));
    expect(seen).toHaveLength(6);
    expect(maxActive).toBe(2);
  });

  it('returns the results in the order of the input, whatever finishes first, and checks a repeated URL once', async () => {
    const urls = [`${base}/slow/a`, 'ftp://x/', `${base}/missing`, `${base}/ok`, `${base}/chain/1`, `${base}/missing`];
    const results = await checkLinks(urls, { ...options, concurrency: 6 });
    expect(results.map((r) => r.url)).toStrictEqual(urls);
    expect(results.map((r) => r.status)).toStrictEqual(['ok', 'unreachable', 'broken', 'ok', 'redirected', 'broken']);
    expect(seen.filter((r) => r.path === '/missing')).toHaveLength(1);
  });

  it('refuses nonsensical options', async () => {
    await expect(checkLinks([`${base}/ok`], { concurrency: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(checkLinks([`${base}/ok`], { timeoutMs: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(checkLinks([`${base}/ok`], { maxRedirects: 1.5 })).rejects.toBeInstanceOf(RangeError);
    expect(seen).toHaveLength(0);
  });
});

describe('mapWithConcurrency', () => {
  it('handles an empty list and a limit larger than the list', async () => {
    await expect(mapWithConcurrency([], 4, () => Promise.resolve(1))).resolves.toStrictEqual([]);
    await expect(mapWithConcurrency([1, 2], 10, (n) => Promise.resolve(n * 2))).resolves.toStrictEqual([2, 4]);
  });
});

describe('redirects into the local network', () => {
  it('are refused from a public site, while a local address someone typed stays checkable', async () => {
    const { crossesIntoLocalNetwork } = await import('../../../electron/main/links/follow-redirects');
    const url = (text: string) => new URL(text);
    expect(crossesIntoLocalNetwork(url('https://gov.example/a'), url('http://127.0.0.1/admin'))).toBe(true);
    expect(crossesIntoLocalNetwork(url('https://gov.example/a'), url('http://192.168.1.1/'))).toBe(true);
    expect(crossesIntoLocalNetwork(url('https://gov.example/a'), url('http://[::ffff:127.0.0.1]/'))).toBe(true);
    expect(crossesIntoLocalNetwork(url('https://gov.example/a'), url('http://2130706433/'))).toBe(true);
    expect(crossesIntoLocalNetwork(url('https://gov.example/a'), url('https://www.gov.example/b'))).toBe(false);
    expect(crossesIntoLocalNetwork(url('http://127.0.0.1:8080/a'), url('http://127.0.0.1:8080/b'))).toBe(false);
  });
});
