import type { HandlerDetails, Session, WindowOpenHandlerResponse } from 'electron';
import { openExternalSafely } from './external-links';
import { isAppUrl } from './protocol';
import { logger } from './logger';

/** The part of Electron's event objects the guards use; narrow so tests can pass plain objects. */
export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

/**
 * The window only ever shows the app itself. A link, a form or a script that tries to load another
 * page (web, `file:` or anything else) is stopped; in-app navigations stay allowed.
 */
export function denyNavigationAway(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) {
    logger.warn('Blocked navigation away from the app.', event.url);
    event.preventDefault();
  }
}

/** Our protocol handler never redirects, so any redirect is unexpected and is stopped. */
export function denyRedirect(event: NavigationEvent): void {
  logger.warn('Blocked a redirect.', event.url);
  event.preventDefault();
}

/** `webviewTag` is off already; this also stops a webview if that setting is ever lost. */
export function denyWebviewAttach(event: PreventableEvent): void {
  event.preventDefault();
}

/**
 * No new windows, ever. A web link (`target="_blank"`, `window.open`) goes to the system browser
 * instead, through the same http(s)-only check as the IPC call.
 */
export function handleWindowOpen(details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse {
  if (/^https?:/i.test(details.url)) {
    openExternalSafely(details.url).catch((error: unknown) => {
      logger.warn('Refused to open a link from window.open.', error);
    });
  }
  return { action: 'deny' };
}

/**
 * The one permission the app asks for: persistent storage (`navigator.storage.persist()`), so
 * Chromium never evicts the IndexedDB that holds every answer when the disk runs low. Named as in
 * Electron's typings (`'persistent-storage'`).
 */
export const ALLOWED_PERMISSION = 'persistent-storage';

/** The permission details the guards read: Electron passes the requesting frame's URL. */
export interface PermissionDetails {
  readonly requestingUrl?: string;
}

/** True only for persistent storage asked by a page of the app's own origin. */
function isAllowed(permission: string, url: string | undefined): boolean {
  return permission === ALLOWED_PERMISSION && url !== undefined && isAppUrl(url);
}

/**
 * Every permission request is refused (no camera, microphone, location, notifications…) except
 * persistent storage for the app's own origin. Anything else is logged, since the app never asks.
 */
export function denyPermissionRequest(_webContents: unknown, permission: string, callback: (granted: boolean) => void, details?: PermissionDetails): void {
  const allowed = isAllowed(permission, details?.requestingUrl);
  if (!allowed) logger.warn('Refused a permission request.', permission);
  callback(allowed);
}

/**
 * Permission checks (`navigator.storage.persisted()`, `navigator.permissions.query`) get the same
 * answer as requests: true only for persistent storage of the app's own origin.
 */
export function denyPermissionCheck(_webContents?: unknown, permission = '', requestingOrigin = '', details?: PermissionDetails): boolean {
  return isAllowed(permission, details?.requestingUrl ?? requestingOrigin);
}

/** The parts of Electron's `WebContents` and `App` the guards use; Electron's own objects fit them. */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
}
export interface GuardableApp {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardableContents) => void): unknown;
}
export type GuardableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export function guardWebContents(contents: GuardableContents): void {
  contents.on('will-navigate', denyNavigationAway);
  contents.on('will-redirect', denyRedirect);
  contents.on('will-attach-webview', denyWebviewAttach);
  contents.setWindowOpenHandler(handleWindowOpen);
}

/**
 * App-wide hardening, installed once when the app is ready and before any window exists: every
 * web contents (windows, and anything that slips through later) gets the same guards.
 */
export function installSecurityGuards(app: GuardableApp, session: GuardableSession): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents);
  });
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
}
