/**
 * Replaced at build time by the renderer's Vite config (build/vite.renderer.config.ts) with the day
 * of the build, ISO 8601 (`2026-11-29`), from SOURCE_DATE_EPOCH when set. Shown on the About screen.
 */
declare const __BUILD_DATE__: string;
