import type { UserConfig } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const appVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

interface NodeBundle {
  readonly entry: string;
  readonly outDir: string;
  readonly fileName: string;
  /** Modules the runtime provides besides Node's built-ins (e.g. `electron`). */
  readonly external?: readonly string[];
  readonly banner?: string;
  readonly sourcemap?: boolean;
}

/**
 * One self-contained CommonJS file for Node (the Electron main process, the CLI). Built as an SSR
 * bundle so modules resolve with Node conditions; dependencies such as zod are inlined
 * (`noExternal`) so the result needs no node_modules. Only what the runtime provides stays external.
 * `emptyOutDir: false`, because dist/ also holds the renderer and the other bundles.
 */
export function nodeBundleConfig({ entry, outDir, fileName, external = [], banner, sourcemap = false }: NodeBundle): UserConfig {
  return {
    root,
    publicDir: false,
    logLevel: 'warn',
    define: { __APP_VERSION__: JSON.stringify(appVersion) },
    ssr: { target: 'node', noExternal: true },
    build: {
      ssr: `${root}${entry}`,
      outDir: `${root}${outDir}`,
      emptyOutDir: false,
      target: 'node20',
      sourcemap,
      minify: false,
      rolldownOptions: {
        external: [...external, ...nodeBuiltins],
        output: banner === undefined ? { format: 'cjs', entryFileNames: fileName } : { format: 'cjs', entryFileNames: fileName, banner },
      },
    },
  };
}
