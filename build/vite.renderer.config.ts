import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appVersion, root } from './node-bundle.ts';

/** The renderer: one static build that runs in Electron (app://) and as an offline web app. */
export default defineConfig({
  root: `${root}renderer`,
  base: './',
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  build: {
    outDir: `${root}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // The libraries every screen needs, home included, in one chunk rather than several small
        // ones (fewer requests, better compression). exceljs stays out: it loads only with a workbook.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|dexie|dexie-react-hooks|zod)[\\/]/ }],
        },
      },
      // shared/ is pure library code (no module does anything on import but declare): let the bundler
      // drop what a screen imports through a barrel and never uses. Without this, the `shared/review`
      // barrel keeps the workbook writers in the first screen's JS (issue 10).
      treeshake: { moduleSideEffects: [{ test: /[\\/]shared[\\/]/, sideEffects: false, external: false }] },
    },
  },
  // Module workers (the merge's verification pool): ES format lets a worker load exceljs only when a
  // workbook turns up, as the page does, instead of carrying it in every worker.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
