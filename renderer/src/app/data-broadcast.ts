import { useEffect } from 'react';
import { abandonAllAutosaves } from '../features/answering/autosave';
import { addNotice } from './notices';

/**
 * Tells the app's other tabs and windows that the data on this device was replaced under them (a
 * restore from a backup), so none keeps working from what it read before: an answer screen holds
 * the answers in memory, and its next autosave would write an old version's field on top of the
 * restored response. Every tab listens (App.tsx) and reloads, after saying why.
 *
 * BroadcastChannel reaches every other page of the same origin, in this browser profile (the
 * desktop app's windows share one). A page also hears its own messages through a second channel
 * object, so each message carries the sending page's id and a page ignores its own.
 */

export const DATA_CHANNEL = 'egov-desk-data';

export interface DataMessage {
  /**
   * `restoring`: a restore is about to write (sent before its transaction opens, so other pages stop
   * writing before it starts rather than after it ends: IndexedDB would queue their writes and run
   * them right after the restore commits, on top of the restored data). `restored`: it committed.
   * Other pages treat both alike: they stop changing anything and reload.
   */
  readonly type: 'restoring' | 'restored';
  /** The page that restored: it already shows the result and does not reload. */
  readonly from: string;
}

/** The part of BroadcastChannel used here; a parameter so tests can give their own. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Opens a channel; undefined where the browser has no BroadcastChannel. */
export type ChannelFactory = (name: string) => ChannelLike | undefined;

const browserChannel: ChannelFactory = (name) => (typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(name));

/** This page's id, fixed for its lifetime. */
export const PAGE_ID: string = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : String(Math.random());

/** Sends "restored" (or, before the restore writes, "restoring") to every other page of the app. */
export function announceRestore(factory: ChannelFactory = browserChannel, from: string = PAGE_ID, type: DataMessage['type'] = 'restored'): void {
  const channel = factory(DATA_CHANNEL);
  if (!channel) return;
  channel.postMessage({ type, from } satisfies DataMessage);
  channel.close();
}

/** How long the restoring page waits after "restoring", so other pages have stopped writing. */
export const RESTORING_NOTICE_MS = 150;

/** Tells other pages a restore is about to write, and gives them a moment to stop. */
export async function announceRestoring(factory: ChannelFactory = browserChannel, from: string = PAGE_ID, waitMs: number = RESTORING_NOTICE_MS): Promise<void> {
  announceRestore(factory, from, 'restoring');
  await new Promise<void>((resolve) => { setTimeout(resolve, waitMs); });
}

function isRestored(data: unknown): data is DataMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return (message.type === 'restored' || message.type === 'restoring') && typeof message.from === 'string';
}

/**
 * Calls `onRestored` when another page restored a backup (not this page, and nothing but a
 * well-formed message). Returns the function that stops listening.
 */
export function listenForRestore(onRestored: () => void, factory: ChannelFactory = browserChannel, self: string = PAGE_ID): () => void {
  const channel = factory(DATA_CHANNEL);
  if (!channel) return () => undefined;
  let open = true;
  channel.addEventListener('message', (event) => {
    if (open && isRestored(event.data) && event.data.from !== self) onRestored();
  });
  return () => {
    open = false;
    channel.close();
  };
}

/**
 * Start-up listening (main.tsx), before the app reads any data: App mounts, and its hook below starts
 * listening, only after the opening screen's response was read, so a restore announced in between
 * would otherwise go unheard and the screen would show (and autosave over) what the restore replaced.
 * The flag stays set for the page's life: the hook reloads as soon as it starts.
 */
let earlyStop: (() => void) | undefined;
let heardEarly = false;

export function listenFromStart(onHeard: () => void = () => undefined, factory: ChannelFactory = browserChannel, self: string = PAGE_ID): void {
  if (earlyStop) return;
  earlyStop = listenForRestore(() => {
    heardEarly = true;
    onHeard();
  }, factory, self);
}

/** Whether a restore elsewhere was heard since listenFromStart; the early listener stops (the hook takes over). */
export function restoreHeardFromStart(): boolean {
  earlyStop?.();
  earlyStop = undefined;
  return heardEarly;
}

/** Long enough to read (and for a screen reader to announce) the notice before the page reloads. */
export const RELOAD_DELAY_MS = 1500;

export interface ReloadOptions {
  readonly factory?: ChannelFactory;
  readonly reload?: () => void;
  readonly delayMs?: number;
  /** Shows the notice; default: the app's notices at the top of every screen. */
  readonly notify?: () => void;
  /** A restore already heard before this listener started (default: restoreHeardFromStart). */
  readonly heardBefore?: () => boolean;
  /**
   * Stops this page from changing anything until it reloads (default: drops its unwritten answers
   * with abandonAllAutosaves and makes the main content inert, so no evidence link, acknowledgement
   * or note typed in the meantime is written over the restored data).
   */
  readonly abandonWrites?: () => void;
}

/**
 * Starts listening; on a restore elsewhere, shows the notice and reloads the page after a short
 * delay. Returns the function that stops (and cancels a pending reload). The hook below wraps it.
 */
export function reloadOnRestoreElsewhere(options: ReloadOptions = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onRestored = () => {
    if (timer !== undefined) return;
    // Before the notice and the reload: a change typed here before the restore must not be written
    // on top of the restored data while the page waits to reload.
    (options.abandonWrites ?? stopChangesUntilReload)();
    (options.notify ?? (() => { addNotice({ kind: 'info', key: 'backup.restoredElsewhere' }); }))();
    timer = setTimeout(options.reload ?? (() => { window.location.reload(); }), options.delayMs ?? RELOAD_DELAY_MS);
  };
  const stop = listenForRestore(onRestored, options.factory);
  if ((options.heardBefore ?? restoreHeardFromStart)()) onRestored();
  return () => {
    stop();
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * Drops unwritten answers and takes the main content out of use; the notices stay readable. Also
 * used when another tab upgraded the stored data after this one saved everything (UpdatePrompt).
 */
export function stopChangesUntilReload(): void {
  abandonAllAutosaves();
  if (typeof document !== 'undefined') document.getElementById('main')?.setAttribute('inert', '');
}

/** App-level: every tab reloads when another one restored a backup. */
export function useReloadOnRestoreElsewhere(): void {
  useEffect(() => reloadOnRestoreElsewhere(), []);
}
