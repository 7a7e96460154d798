import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../shared/security/csp';

const electron = vi.hoisted(() => ({
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn<(scheme: string, handler: (request: Pick<Request, 'method' | 'url'>) => Promise<Response>) => void>(),
  },
}));
vi.mock('electron', () => electron);

import {
  createAppRequestHandler,
  installAppProtocol,
  isAppUrl,
  registerAppScheme,
  resolveAppPath,
} from '../../../electron/main/protocol';

const ROOT = path.resolve('/srv/app/renderer');

describe('resolveAppPath', () => {
  it.each([
    ['app://egov-desk/index.html', 'index.html'],
    ['app://egov-desk/', 'index.html'],
    ['app://egov-desk', 'index.html'],
    ['app://egov-desk/assets/index-Bx12.js', 'assets/index-Bx12.js'],
    ['app://egov-desk/assets/app.css?v=3#top', 'assets/app.css'],
    ['app://egov-desk/assets/my%20file.svg', 'assets/my file.svg'],
  ])('maps %s to <root>/%s', (url, relative) => {
    expect(resolveAppPath(ROOT, url)).toBe(path.join(ROOT, relative));
  });

  it.each([
    ['another scheme', 'https://egov-desk/index.html'],
    ['file scheme', 'file:///etc/passwd'],
    ['another host', 'app://evil.example/index.html'],
    ['a port', 'app://egov-desk:8080/index.html'],
    ['credentials', 'app://user:pw@egov-desk/index.html'],
    ['dot-dot', 'app://egov-desk/../secret.txt'],
    ['nested dot-dot', 'app://egov-desk/assets/../../secret.txt'],
    ['single dot', 'app://egov-desk/./index.html'],
    ['encoded dot-dot', 'app://egov-desk/%2e%2e/secret.txt'],
    ['mixed encoded dot-dot', 'app://egov-desk/.%2E/secret.txt'],
    ['encoded slash', 'app://egov-desk/..%2fsecret.txt'],
    ['encoded backslash', 'app://egov-desk/..%5csecret.txt'],
    ['backslash', 'app://egov-desk/..\\secret.txt'],
    ['NUL byte', 'app://egov-desk/index.html\0.png'],
    ['encoded NUL', 'app://egov-desk/index.html%00.png'],
    ['absolute path', 'app://egov-desk//etc/passwd'],
    ['Windows drive', 'app://egov-desk/C:/Windows/win.ini'],
    ['encoded drive colon', 'app://egov-desk/C%3a/Windows/win.ini'],
    ['directory', 'app://egov-desk/assets/'],
    ['malformed escape', 'app://egov-desk/%E0%A4%A'],
    ['not a URL', 'not a url'],
    ['empty', ''],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppPath(ROOT, url)).toBeUndefined();
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin only', () => {
    expect(isAppUrl('app://egov-desk/index.html#/questionnaires')).toBe(true);
    expect(isAppUrl('app://egov-desk.evil/index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('registerAppScheme', () => {
  it('registers app:// as standard and secure, with fetch, streaming and V8’s code cache, without CORS', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true, codeCache: true },
      },
    ]);
  });
});

describe('the app:// request handler', () => {
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'egov-protocol-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>EGov Desk</title>');
    await writeFile(path.join(root, 'assets', 'main.js'), 'console.log(1);');
    await writeFile(path.join(root, 'assets', 'data.bin'), new Uint8Array([1, 2, 3]));
    await writeFile(path.join(base, 'secret.txt'), 'not for the page');
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.js'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => createAppRequestHandler(root)({ url, method });

  it('serves index.html with its content type, the CSP and nosniff', async () => {
    const response = await get('app://egov-desk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>EGov Desk</title>');
  });

  it('serves scripts as JavaScript and unknown types as inert bytes', async () => {
    const script = await get('app://egov-desk/assets/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1);');
    const bytes = await get('app://egov-desk/assets/data.bin');
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await bytes.arrayBuffer())).toStrictEqual(new Uint8Array([1, 2, 3]));
  });

  it.each([
    'app://egov-desk/../secret.txt',
    'app://egov-desk/%2e%2e/secret.txt',
    'app://egov-desk/..%2fsecret.txt',
    'app://egov-desk/missing.js',
    'app://egov-desk/assets/',
    'app://egov-desk/assets/link.js',
    'app://other-host/index.html',
  ])('answers 404, with the CSP, for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(await response.text()).not.toContain('not for the page');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://egov-desk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://egov-desk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  describe('installAppProtocol', () => {
    beforeEach(() => {
      electron.protocol.handle.mockClear();
    });

    it('handles the app scheme with a handler that serves the given folder', async () => {
      installAppProtocol(root);
      expect(electron.protocol.handle).toHaveBeenCalledOnce();
      const [scheme, handler] = electron.protocol.handle.mock.calls[0] ?? [];
      expect(scheme).toBe('app');
      const response = await handler?.({ url: 'app://egov-desk/index.html', method: 'GET' });
      expect(response?.status).toBe(200);
      expect(await response?.text()).toContain('EGov Desk');
    });
  });
});
