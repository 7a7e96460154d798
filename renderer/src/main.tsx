// First: before any module below builds a zod schema (see shared/zod-setup.ts).
import '../../shared/zod-setup';
import { StrictMode, useEffect } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/router';
import { showStartFailure } from './app/start-failure';
import { preloadLikelyScreens, preloadScreen } from './app/screens';
import { discardPrefetchedResponse, prefetchResponse } from './features/answering/response-load';
import { listenFromStart } from './app/data-broadcast';
import { storage } from './db';
import { requestPersistenceOnce } from './features/backup/storage-persistence';
import { LANGUAGE_SETTING, initI18n, pickLanguage, prefetchLanguage } from './i18n';

/**
 * How long the first render waits for the opening response's read. Long enough for a usual
 * IndexedDB read (the questions then show at once, with no loading state); past it, the header and
 * "Loading…" show and the answer screen takes the read still under way, instead of a blank window.
 */
const PREFETCH_WAIT_MS = 200;

const delay = (ms: number) => new Promise<void>((resolve) => { setTimeout(resolve, ms); });

/** Runs `onCommitted` once the first render is on screen (children's effects run before it). */
function AfterFirstRender({ onCommitted, children }: { readonly onCommitted: () => void; readonly children: ReactNode }) {
  useEffect(onCommitted, [onCommitted]);
  return children;
}

/** The start-up read is for the first screen only: an unclaimed copy would go stale. */
function dropUnclaimedRead(): void {
  discardPrefetchedResponse();
}

async function start(): Promise<void> {
  // Before any data is read: a restore in another tab during start-up must still reload this one
  // (App's own listener starts only after the first render), and it voids the start-up read.
  listenFromStart(discardPrefetchedResponse);
  // The opening screen's code, and the response it shows, load alongside the language, so it
  // usually renders without a loading state; a slow read is not waited for past PREFETCH_WAIT_MS.
  const route = parseRoute(window.location.hash);
  const read = route.name === 'response' ? Promise.race([prefetchResponse(route.responseId), delay(PREFETCH_WAIT_MS)]) : undefined;
  // Leaving the opening address before the answer screen took the read makes it someone else's.
  window.addEventListener('hashchange', dropUnclaimedRead, { once: true });
  const opening = Promise.all([preloadScreen(route), read]);
  // The browser's language is the likely one: its strings are fetched while the saved choice is read.
  prefetchLanguage(pickLanguage(undefined, navigator.languages));
  // A failing read (private mode, quota) must not stop the app from opening: fall back to defaults.
  const saved = await storage().settings.get(LANGUAGE_SETTING).catch(() => undefined);
  await Promise.all([initI18n(pickLanguage(saved, navigator.languages)), opening]);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <AfterFirstRender onCommitted={dropUnclaimedRead}>
        <App />
      </AfterFirstRender>
    </StrictMode>,
  );
  preloadLikelyScreens();
  // After the first render, never before it: ask the browser to keep IndexedDB (never throws).
  void requestPersistenceOnce();
}

start().catch(showStartFailure);
