import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/router';
import { preloadLikelyScreens, preloadScreen } from './app/screens';
import { storage } from './db';
import { LANGUAGE_SETTING, initI18n, pickLanguage } from './i18n';
import './styles.css';

// The CSP forbids eval: tell zod not to probe for `new Function`.
z.config({ jitless: true });

async function start(): Promise<void> {
  // A failing read (private mode, quota) must not stop the app from opening: fall back to defaults.
  const saved = await storage().settings.get(LANGUAGE_SETTING).catch(() => undefined);
  // The opening screen's code loads alongside the language, so it renders without a loading state.
  await Promise.all([initI18n(pickLanguage(saved, navigator.languages)), preloadScreen(parseRoute(window.location.hash))]);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  preloadLikelyScreens();
}

start().catch((error: unknown) => {
  const container = document.getElementById('root');
  if (container) {
    container.textContent = `EGov Desk could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
});
