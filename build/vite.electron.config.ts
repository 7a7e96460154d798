import { defineConfig } from 'vite';
import { nodeBundleConfig } from './node-bundle.ts';

/** The Electron main process: dist/electron/main.cjs (package.json `main`); Electron stays external. */
export default defineConfig(
  nodeBundleConfig({ entry: 'electron/main/index.ts', outDir: 'dist/electron', fileName: 'main.cjs', external: ['electron'], sourcemap: true }),
);
