import { defineConfig } from 'vite';
import { nodeBundleConfig } from './node-bundle.ts';

const base = nodeBundleConfig({ entry: 'electron/cli/index.ts', outDir: 'dist', fileName: 'cli.cjs', banner: '#!/usr/bin/env node' });
const output = base.build?.rolldownOptions?.output;

/**
 * The command-line tool: dist/cli.cjs, run by plain Node (no Electron). exceljs is loaded with a
 * dynamic import (shared/workbook/xlsx.ts) so the renderer can split it off; here code splitting is
 * off, so the CLI stays one self-contained file instead of requiring dist/assets/excel-*.cjs.
 */
export default defineConfig({
  ...base,
  build: {
    ...base.build,
    rolldownOptions: {
      ...base.build?.rolldownOptions,
      output: { ...(Array.isArray(output) ? {} : output), codeSplitting: false },
    },
  },
});
