import type { AppInfo, FileFilter, IpcRequest, IpcResponse, OpenedFile, RefusedFile, SigningKey } from '../../../shared/ipc/contract';

import type { LinkCheckResult } from '../../../shared/schemas/evidence';
import type { AppUpdates } from './updates';

export type { AppInfo, FileFilter, OpenedFile, RefusedFile, SigningKey };
export type { AppUpdates, UpdateStatus } from './updates';

/** Files the OS asked the app to open ("open with"), and those that could not be read. */
export interface OpenedWithFiles {
  readonly files: OpenedFile[];
  readonly refused: RefusedFile[];
}

/**
 * What a link check produced: results for every URL asked about; `offline` when there is no
 * network (nothing was checked); `unavailable` when this platform cannot check links (the web
 * build: the browser blocks requests to other sites, so the check needs the desktop app).
 */
export type LinkCheckOutcome =
  | { readonly kind: 'checked'; readonly results: readonly LinkCheckResult[] }
  | { readonly kind: 'offline' }
  | { readonly kind: 'unavailable' };

/**
 * Everything the renderer needs from the platform. Two implementations: the Electron preload API
 * (desktop) and the browser (web). The rest of the UI sees only this interface.
 */
export interface Platform {
  readonly kind: 'desktop' | 'web';
  getAppInfo(): Promise<AppInfo>;
  /** New versions: the service worker's (web) or "a new installer" (desktop). */
  readonly updates: AppUpdates;
  /** Opens an http(s) link outside the app; refuses anything else with ExternalUrlRefusedError. */
  openExternal(url: string): Promise<void>;
  /** Lets the person pick files; an empty list when they cancel. */
  openFiles(options: IpcRequest<'openFiles'>): Promise<OpenedFile[]>;
  /** Saves bytes under a name the person confirms (desktop) or as a download (web). */
  saveFile(options: IpcRequest<'saveFile'>): Promise<IpcResponse<'saveFile'>>;
  /**
   * Signing keys whose private part never leaves the device unprotected: the OS key store
   * (desktop, Electron safeStorage) or a non-extractable WebCrypto key in IndexedDB (web).
   */
  generateSigningKey(label: string): Promise<SigningKey>;
  listSigningKeys(): Promise<SigningKey[]>;
  signWithKey(keyId: string, data: Uint8Array): Promise<Uint8Array>;
  /** Checks up to MAX_LINKS_PER_CHECK evidence URLs (desktop: from the main process). */
  checkLinks(urls: readonly string[]): Promise<LinkCheckOutcome>;
  /**
   * Takes the files the OS handed to the app since the last call ("open with", a file association);
   * each is returned once. Always empty on the web, where files arrive only by dialog or drop.
   */
  takeOpenedFiles(): Promise<OpenedWithFiles>;
  /**
   * The coordinator's intake: many submission files, or a folder (every *.json and *.xlsx in it and
   * its subfolders). A file that cannot be taken (too large, past the intake limits, unreadable) is
   * in `refused` with its reason instead of failing the whole pick. Cancel: both lists empty.
   */
  pickSubmissions(options: IpcRequest<'pickSubmissions'>): Promise<OpenedWithFiles>;
}
