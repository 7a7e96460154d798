import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';

const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()) },
  protocol: {},
}));
vi.mock('electron', () => electron);
vi.mock('../../../electron/main/logger', () => ({ logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));

import {
  ALLOWED_PERMISSION,
  denyNavigationAway,
  denyPermissionCheck,
  denyPermissionRequest,
  denyRedirect,
  denyWebviewAttach,
  handleWindowOpen,
  installSecurityGuards,
} from '../../../electron/main/security';

function fakeEvent(url = 'https://example.org/') {
  return { url, preventDefault: vi.fn() };
}

/** Lets the promise chain started by the window-open handler finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: Pick<HandlerDetails, 'url'>) => WindowOpenHandlerResponse) | undefined;
  setWindowOpenHandler(handler: (details: Pick<HandlerDetails, 'url'>) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
}

describe('navigation guards', () => {
  it.each(['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:5173/', 'app://evil/index.html'])(
    'will-navigate to %s is prevented',
    (url) => {
      const event = fakeEvent(url);
      denyNavigationAway(event);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    },
  );

  it('will-navigate within the app is left alone', () => {
    const event = fakeEvent('app://egov-desk/index.html');
    denyNavigationAway(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('will-redirect is always prevented', () => {
    const event = fakeEvent('app://egov-desk/index.html');
    denyRedirect(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('will-attach-webview is always prevented', () => {
    const event = fakeEvent();
    denyWebviewAttach(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('window.open', () => {
  beforeEach(() => {
    electron.shell.openExternal.mockClear();
  });

  it('denies a new window and hands an https link to the system browser', async () => {
    expect(handleWindowOpen({ url: 'https://example.org/report' })).toStrictEqual({ action: 'deny' });
    await settle();
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/report');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'app://egov-desk/index.html', 'about:blank', 'https://u:p@example.org/'])(
    'denies %s without opening anything',
    async (url) => {
      expect(handleWindowOpen({ url })).toStrictEqual({ action: 'deny' });
      await settle();
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'unknown'])(
    'answers a %s request from the app with false',
    (permission) => {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback, { requestingUrl: 'app://egov-desk/index.html' });
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('grants persistent storage to the app\'s own origin, so IndexedDB is not evicted', () => {
    const callback = vi.fn();
    denyPermissionRequest({}, 'persistent-storage', callback, { requestingUrl: 'app://egov-desk/index.html#/backup' });
    expect(callback).toHaveBeenCalledExactlyOnceWith(true);
    expect(ALLOWED_PERMISSION).toBe('persistent-storage');
  });

  it.each([
    'https://evil.example/',
    'app://evil/index.html',
    'app://egov-desk:8080/index.html',
    'app://user@egov-desk/index.html',
    'file:///etc/passwd',
    'http://127.0.0.1:5173/',
    'not a url',
  ])('refuses persistent storage to %s', (requestingUrl) => {
    const callback = vi.fn();
    denyPermissionRequest({}, 'persistent-storage', callback, { requestingUrl });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('refuses persistent storage when the request names no page', () => {
    const callback = vi.fn();
    denyPermissionRequest({}, 'persistent-storage', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers permission checks like requests: only persistent storage for the app', () => {
    expect(denyPermissionCheck()).toBe(false);
    expect(denyPermissionCheck(null, 'persistent-storage', 'app://egov-desk', { requestingUrl: 'app://egov-desk/index.html' })).toBe(true);
    expect(denyPermissionCheck(null, 'persistent-storage', 'app://egov-desk')).toBe(true);
    expect(denyPermissionCheck(null, 'persistent-storage', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(denyPermissionCheck(null, 'media', 'app://egov-desk', { requestingUrl: 'app://egov-desk/index.html' })).toBe(false);
    expect(denyPermissionCheck(null, 'notifications', 'app://egov-desk')).toBe(false);
  });
});

describe('installSecurityGuards', () => {
  it('guards every web contents created later and installs the permission handlers', () => {
    const app = new EventEmitter();
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    installSecurityGuards(app, session);

    expect(session.setPermissionRequestHandler).toHaveBeenCalledExactlyOnceWith(denyPermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledExactlyOnceWith(denyPermissionCheck);

    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);

    for (const eventName of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent('https://evil.example/');
      contents.emit(eventName, event);
      expect(event.preventDefault, eventName).toHaveBeenCalledOnce();
    }
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toStrictEqual({ action: 'deny' });
  });
});
