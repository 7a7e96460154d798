import { execFileSync } from 'node:child_process';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appVersion, root } from './node-bundle.ts';
import { compactQuestionnaireJson } from './vite-plugin-compact-json.ts';
import { devStyleCsp } from './vite-plugin-dev-csp.ts';
import { offlineWebApp } from './vite-plugin-offline.ts';
import { bundledQuestionnaires } from './vite-plugin-questionnaires.ts';
import { startupChunks } from './vite-plugin-startup-chunks.ts';

/**
 * The build date (ISO day): of SOURCE_DATE_EPOCH when set (reproducible builds), else of the last
 * git commit, so rebuilding unchanged source on another day gives byte-identical files and the
 * offline web app has nothing new to offer; today only when git cannot say (a source tarball).
 */
function buildDate(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  try {
    const day = execFileSync('git', ['log', '-1', '--format=%cs'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  } catch {
    // No git, or not a checkout: today is the best there is.
  }
  return new Date().toISOString().slice(0, 10);
}

/**
 * The app's own code in a few chunks (issue 10): what the app needs before any screen (main.tsx and
 * everything it imports), then the answer screen's, each in one file. Other screens keep the
 * bundler's own splitting for what is theirs alone; one that shares code with the answer screen
 * imports its chunk too (the home screen prefetches it when idle anyway).
 */
const screenChunks = startupChunks(`${root}renderer/src/boot.ts`, [
  { name: 'app', root: `${root}renderer/src/main.tsx` },
  { name: 'answering', root: `${root}renderer/src/features/answering/AnswerScreen.tsx` },
]);

/** Modules of shared/ that do nothing when imported but declare: all of them but zod-setup.ts. */
const SHARED_WITHOUT_EFFECTS = /[\\/]shared[\\/](?!zod-setup\.ts$)/;

/** The renderer: one static build that runs in Electron (app://) and as an offline web app. */
export default defineConfig({
  root: `${root}renderer`,
  base: './',
  plugins: [
    react(),
    screenChunks.plugin,
    bundledQuestionnaires(`${root}questionnaires`),
    compactQuestionnaireJson(),
    devStyleCsp(),
    // The offline web app: service worker, web app manifest, icons, bundled licences (build only).
    offlineWebApp({ serviceWorkerEntry: `${root}renderer/src/service-worker/sw.ts`, iconFolder: `${root}build/icons/png` }),
  ],
  define: { __APP_VERSION__: JSON.stringify(appVersion), __BUILD_DATE__: JSON.stringify(buildDate()) },
  build: {
    outDir: `${root}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Modules run in exactly the order the source's imports give, whichever chunk holds them: with
        // the startup chunks (includeDependenciesRecursively off) the bundler would otherwise order a
        // chunk by its own walk of the graph, and shared/zod-setup.ts, imported first by main.tsx, ran
        // after modules that build zod schemas (a CSP violation, issue 10). No measurable cost at start.
        strictExecutionOrder: true,
        // The libraries every screen needs, home included, in one chunk rather than several small
        // ones (fewer requests, better compression). exceljs stays out: it loads only with a workbook.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|dexie|dexie-react-hooks|zod)[\\/]/ },
            ...screenChunks.groups,
          ],
        },
      },
      // shared/ is pure library code (no module does anything on import but declare): let the bundler
      // drop what a screen imports through a barrel and never uses. Without this, the `shared/review`
      // barrel keeps the workbook writers in the first screen's JS (issue 10). The one exception is
      // shared/zod-setup.ts, imported for its effect alone (zod's jitless mode, before any schema).
      treeshake: { moduleSideEffects: [{ test: SHARED_WITHOUT_EFFECTS, sideEffects: false, external: false }] },
    },
  },
  // Module workers (the merge's verification pool): ES format lets a worker load exceljs only when a
  // workbook turns up, as the page does, instead of carrying it in every worker.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
