import { parseRoute } from './app/routes';
import { screenModuleFor } from './app/screen-modules';
import { showStartFailure } from './app/start-failure';
import { CATALOGUES, pickLanguage } from './i18n/languages';
import './styles.css';

/*
 * The page's entry: it imports no library, so it runs as soon as this small file arrives, and starts
 * every fetch the opening screen needs at once: the app (main.tsx and its libraries), the opening
 * screen's code and the likely language's strings. Before it, the app's own code had to load and
 * run before it asked for the screen, which then had to arrive before the strings were asked for:
 * three waits in a row instead of one (issue 10).
 *
 * The two prefetches only warm the module map: main.tsx still imports both itself, and a failed
 * prefetch is left to that import, which shows the screen's own loading error.
 */

// zod's jitless mode before any zod code runs. The opening screen's module may run before main.tsx
// (whichever arrives first), and zod decides whether to try `new Function` when it builds its first
// object schema: under the CSP that try is a reported violation (see shared/zod-setup.ts). zod keeps
// its settings in `globalThis.__zod_globalConfig` and adopts the object it finds there (a unit test
// holds that), so setting it here needs no import of zod, which would make this file wait for it.
const zodSettings = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(zodSettings.__zod_globalConfig ??= {}).jitless = true;

const app = import('./main');
screenModuleFor(parseRoute(window.location.hash))?.().catch(() => undefined);
CATALOGUES[pickLanguage(undefined, navigator.languages)]().catch(() => undefined);

// The app's code could not load (a file missing after a partial update, say).
app.catch(showStartFailure);
