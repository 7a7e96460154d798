import { defineConfig } from 'vite';
import { nodeBundleConfig } from './node-bundle.ts';

/** The command-line tool: dist/cli.cjs, run by plain Node (no Electron). */
export default defineConfig(
  nodeBundleConfig({ entry: 'electron/cli/index.ts', outDir: 'dist', fileName: 'cli.cjs', banner: '#!/usr/bin/env node' }),
);
