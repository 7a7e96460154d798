import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/router';
import { preloadLikelyScreens, preloadScreen } from './app/screens';
import { warmCatalog } from './app/catalog';
import { prefetchResponse } from './features/answering/response-load';
import { storage } from './db';
import { requestPersistenceOnce } from './features/backup/storage-persistence';
import { LANGUAGE_SETTING, initI18n, pickLanguage } from './i18n';
import './styles.css';

// The CSP forbids eval: tell zod not to probe for `new Function`.
z.config({ jitless: true });

async function start(): Promise<void> {
  // Every first screen needs the questionnaire catalog: its checks run while the rest loads.
  warmCatalog();
  // The opening screen's code, and the response it shows, load alongside the language, so it
  // renders without a loading state.
  const route = parseRoute(window.location.hash);
  const opening = Promise.all([preloadScreen(route), route.name === 'response' ? prefetchResponse(route.responseId) : undefined]);
  // A failing read (private mode, quota) must not stop the app from opening: fall back to defaults.
  const saved = await storage().settings.get(LANGUAGE_SETTING).catch(() => undefined);
  await Promise.all([initI18n(pickLanguage(saved, navigator.languages)), opening]);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  preloadLikelyScreens();
  // After the first render, never before it: ask the browser to keep IndexedDB (never throws).
  void requestPersistenceOnce();
}

start().catch((error: unknown) => {
  const container = document.getElementById('root');
  if (container) {
    container.textContent = `EGov Desk could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
});
