/**
 * Replaced at build time by each Vite config's `define` (build/vite.*.config.ts) with the version
 * in package.json, so the renderer, the main process and the CLI report the version they were
 * built from. One declaration for every runtime that uses it.
 */
declare const __APP_VERSION__: string;
