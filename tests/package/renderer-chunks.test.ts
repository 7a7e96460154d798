import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The BUILT renderer's start-up shape (issue 10), which unit tests of the build plugins cannot see:
 * the page's entry imports no large chunk (it must run at once and start every fetch), the answer
 * screen's chunk runs after the app's (main.tsx first sets up zod and the rest), no chunk imports
 * another in a cycle, and the built-in definitions are chunks of their own, outside the app's code.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const assets = path.join(root, 'dist', 'renderer', 'assets');

/** Chunk file → the chunk files it imports statically (`import … from "./x.js"`, `import "./x.js"`). */
let graph: Map<string, string[]>;
let entry = '';
const chunk = (prefix: string): string => {
  const found = [...graph.keys()].filter((file) => file.startsWith(`${prefix}-`));
  if (found.length !== 1) throw new Error(`expected one ${prefix}-*.js chunk, found ${String(found.length)}`);
  return found[0] ?? '';
};
const size = (file: string): number => readFileSync(path.join(assets, file)).byteLength;

beforeAll(() => {
  if (!existsSync(assets)) throw new Error(`${assets} does not exist: run "npm run build" first`);
  graph = new Map();
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(path.join(assets, file), 'utf8');
    const imports = [...code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)].map((match) => match[1] ?? '');
    graph.set(file, [...new Set(imports)]);
  }
  const html = readFileSync(path.join(root, 'dist', 'renderer', 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script type="module"[^>]*src="\.\/assets\/([^"]+)"/g)].map((match) => match[1] ?? '');
  expect(scripts).toHaveLength(1);
  entry = scripts[0] ?? '';
});

describe('the built renderer’s chunks', () => {
  it('has an entry that needs a few KB in all, none of the app’s, the answer screen’s or the libraries’ code', () => {
    const needed = new Set<string>();
    const walk = (file: string): void => {
      if (needed.has(file)) return;
      needed.add(file);
      for (const next of graph.get(file) ?? []) walk(next);
    };
    walk(entry);
    for (const big of [chunk('app'), chunk('answering'), chunk('vendor')]) expect(needed).not.toContain(big);
    expect([...needed].reduce((sum, file) => sum + size(file), 0)).toBeLessThan(16 * 1024);
  });

  it('runs the answer screen’s chunk after the app’s, and the app’s after the libraries', () => {
    expect(graph.get(chunk('answering'))).toContain(chunk('app'));
    expect(graph.get(chunk('app'))).toContain(chunk('vendor'));
  });

  it('has no cycle of static imports between chunks', () => {
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: readonly string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') throw new Error(`import cycle: ${[...trail, file].join(' → ')}`);
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
  });

  it('keeps the built-in definitions in chunks of their own, none imported statically', () => {
    const definitions = [...graph.keys()].filter((file) => /\\?"sections\\?":\[/.test(readFileSync(path.join(assets, file), 'utf8')));
    expect(definitions.length).toBeGreaterThanOrEqual(5);
    for (const file of definitions) expect(file).toMatch(/^questionnaire-/);
    for (const imports of graph.values()) for (const file of definitions) expect(imports).not.toContain(file);
  });
});
