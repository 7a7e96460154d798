// Types for serve-web.mjs, for the TypeScript that imports it (the e2e tests serve copies of a build).

/** Maps a request path to a file under root, or undefined when the path tries to leave it. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined;

/** The Cache-Control header for a file, by its `/`-separated path relative to the served folder. */
export function cacheControlFor(relativePath: string): string;

/** Serves a built renderer folder on the loopback interface; port 0 picks a free one. */
export function serveWeb(options: { root: string; host?: string; port?: number }): Promise<{ url: string; close: () => Promise<void> }>;
