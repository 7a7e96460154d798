import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import type { UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';

/**
 * Only what the main process loads at run time is a production dependency. Vite inlines every
 * library into dist/electron/main.cjs and preload.cjs (and the renderer build), leaving only
 * Electron and Node's built-ins to `require`, so package.json has no production dependencies and
 * the packaged app no node_modules. A library added to "dependencies" would be packed for nothing;
 * one made external in a bundle config would be missing from the package. The built bundles' actual
 * `require` calls are checked after the build by tests/package/asar-contents.test.ts.
 */

const root = join(import.meta.dirname, '../../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};
/**
 * The real bundle configs, loaded by path: they import `./node-bundle.ts` with its extension (run by
 * Vite, not tsc), which tests/tsconfig.json does not allow in a static import.
 */
async function viteConfig(file: string): Promise<UserConfig> {
  const loaded = (await import(join(root, 'build', file))) as { default: UserConfig };
  return loaded.default;
}
const electronConfig = await viteConfig('vite.electron.config.ts');
const preloadConfig = await viteConfig('vite.preload.config.ts');
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

function externals(config: UserConfig): string[] {
  const external = config.build?.rolldownOptions?.external;
  expect(Array.isArray(external), 'externals are a plain list').toBe(true);
  return (external as unknown[]).map(String);
}

describe('runtime dependencies', () => {
  it('the main and preload bundles leave only Electron and Node built-ins external', () => {
    for (const [name, config] of [
      ['main', electronConfig],
      ['preload', preloadConfig],
    ] as const) {
      const nonBuiltin = externals(config).filter((module) => !builtins.has(module));
      expect(nonBuiltin, `${name} bundle externals`).toEqual(['electron']);
    }
    // The main bundle inlines node_modules too (SSR `noExternal`), not just the app's own code.
    expect(electronConfig.ssr?.noExternal).toBe(true);
  });

  it('package.json therefore has no production dependencies', () => {
    expect(packageJson.dependencies ?? {}).toEqual({});
  });

  it('keeps every build-time library pinned exactly, electron among the dev dependencies', () => {
    expect(packageJson.devDependencies.electron).toBeDefined();
    for (const [name, version] of Object.entries(packageJson.devDependencies)) {
      expect(version, `${name} is not pinned to an exact version`).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
