import { defineConfig } from 'vite';
import { root } from './node-bundle.ts';

/**
 * The preload: ONE self-contained CommonJS file, dist/electron/preload.cjs. A sandboxed preload can
 * neither load ES modules nor `require` local files or npm packages, so everything (zod and the
 * shared contract included) is inlined and only `electron` stays external. Built for the browser
 * side on purpose: the sandbox offers no Node built-ins, so any that crept in would fail the build.
 */
export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: `${root}dist/electron`,
    // main.cjs is written to the same folder by the previous build step.
    emptyOutDir: false,
    target: 'chrome120',
    sourcemap: true,
    minify: false,
    lib: {
      entry: `${root}electron/preload/index.ts`,
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
      output: { codeSplitting: false },
    },
  },
});
