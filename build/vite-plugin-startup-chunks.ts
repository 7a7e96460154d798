import type { Plugin } from 'vite';

/**
 * One chunk per screen's own code instead of dozens of small shared ones (issue 10).
 *
 * Left to itself, the bundler splits the app's code by which dynamic imports share it, which gave
 * the answer screen about 40 files of a few KB each. Served over HTTP/1.1 (a browser opens six
 * connections to one host), those arrive in waves, and counting requests rather than bytes set the
 * pace of the first screen. This plugin names, for each root module, every module it imports
 * statically (directly or through others), and `groups` turns each such set into one chunk: the
 * first root's set is one chunk, the second's (minus what the first took) another, and so on.
 *
 * Libraries (node_modules) are left to the vendor group, so each root's chunk holds the app's own
 * code only. A module reached only through `import()` stays out: it loads when it is used. So does
 * the page's entry and what it imports: the entry must stay one small file that imports no chunk,
 * or it would wait for them before it could start any fetch (renderer/src/boot.ts).
 */

/** The module graph as the bundler parsed it: each module's static imports. */
type StaticImports = Map<string, readonly string[]>;

/** A code-splitting group as rolldown takes it (the part this plugin fills in). */
export interface StartupGroup {
  readonly name: string;
  readonly priority: number;
  readonly test: (id: string) => boolean;
  /** Off: the bundler would otherwise pull each captured module's imports in too, libraries and the entry's modules included. */
  readonly includeDependenciesRecursively: false;
}

/** Libraries, and the bundler's own helper modules (`\0vite/preload-helper`…); a plugin's virtual module of app data is app code. */
const isLibrary = (id: string): boolean => /[\\/]node_modules[\\/]/.test(id) || (id.startsWith('\0') && !id.startsWith('\0virtual:'));

/**
 * One spelling per module: `/` as the separator. The roots come from `fileURLToPath` (backslashes on
 * Windows), the bundler's ids may use either; compared as they are, no root would ever be found.
 */
const sameSeparators = (id: string): string => id.replace(/\\/g, '/');

/** Every module `root` imports statically, itself included, libraries left out. */
export function staticClosure(imports: StaticImports, root: string): Set<string> {
  const found = new Set<string>();
  const pending = [root];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (found.has(id) || isLibrary(id)) continue;
    found.add(id);
    pending.push(...(imports.get(id) ?? []));
  }
  return found;
}

/**
 * `entry`: the absolute path of the page's entry module. `roots`: chunk name and the absolute path of
 * its root module, in priority order (a module two roots import goes to the first). Put the plugin
 * in `plugins` and the groups in `codeSplitting.groups`.
 */
export function startupChunks(
  entry: string,
  roots: readonly { readonly name: string; readonly root: string }[],
): { plugin: Plugin; groups: StartupGroup[] } {
  const imports: StaticImports = new Map();
  let closures: Map<string, Set<string>> | undefined;
  const closureOf = (name: string): Set<string> => {
    // Groups are tested once the whole graph is parsed; compute every closure on the first test.
    if (!closures) {
      const entryModules = staticClosure(imports, sameSeparators(entry));
      closures = new Map(roots.map((r) => [r.name, new Set([...staticClosure(imports, sameSeparators(r.root))].filter((id) => !entryModules.has(id)))]));
    }
    const closure = closures.get(name);
    if (!closure) throw new Error(`no startup chunk named ${name}`);
    if (closure.size <= 1) throw new Error(`startup chunk ${name}: ${roots.find((r) => r.name === name)?.root ?? ''} was not part of the build`);
    return closure;
  };
  const plugin: Plugin = {
    name: 'egov-desk-startup-chunks',
    apply: 'build',
    buildStart() {
      imports.clear();
      closures = undefined;
    },
    moduleParsed(info) {
      imports.set(sameSeparators(info.id), info.importedIds.map(sameSeparators));
    },
  };
  const groups = roots.map((r, index) => ({ name: r.name, priority: roots.length - index, test: (id: string) => closureOf(r.name).has(sameSeparators(id)), includeDependenciesRecursively: false as const }));
  return { plugin, groups };
}
