import path from 'node:path';

export interface BuildPaths {
  /** The renderer build served over app://. */
  readonly rendererDir: string;
  /** The bundled, sandbox-compatible preload script. */
  readonly preloadPath: string;
}

/**
 * Locates the other build outputs from the directory of the running main bundle. The build writes
 * `dist/electron/main.cjs`, `dist/electron/preload.cjs` and `dist/renderer/`, and packaging keeps
 * that shape inside app.asar, so paths relative to the main bundle hold in development and release.
 */
export function resolveBuildPaths(mainDir: string): BuildPaths {
  return {
    rendererDir: path.resolve(mainDir, '..', 'renderer'),
    preloadPath: path.join(mainDir, 'preload.cjs'),
  };
}
