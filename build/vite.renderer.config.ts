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
  },
  // Module workers (the merge's verification pool): ES format lets a worker load exceljs only when a
  // workbook turns up, as the page does, instead of carrying it in every worker.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
