import { describe, expect, it } from 'vitest';
import { staticClosure, startupChunks } from '../../../build/vite-plugin-startup-chunks';

// A small app: the entry (boot) imports routes; main imports routes, a shared helper and React; the
// answer screen imports the helper and its own view, and loads a workbook writer only on demand.
const graph: Record<string, { imports: string[]; dynamic?: string[] }> = {
  '/app/boot.ts': { imports: ['/app/routes.ts'], dynamic: ['/app/main.tsx', '/app/Answer.tsx'] },
  '/app/routes.ts': { imports: [] },
  '/app/main.tsx': { imports: ['/app/routes.ts', '/app/helper.ts', '/node_modules/react/index.js', '\0virtual:bundled-data'] },
  '\0virtual:bundled-data': { imports: [] },
  '/app/helper.ts': { imports: ['/app/deep.ts'] },
  '/app/deep.ts': { imports: ['/app/helper.ts'] },
  '/app/Answer.tsx': { imports: ['/app/helper.ts', '/app/AnswerView.tsx', '\0vite/preload-helper'], dynamic: ['/app/workbook.ts'] },
  '/app/AnswerView.tsx': { imports: ['/node_modules/react/index.js'] },
  '/app/workbook.ts': { imports: [] },
};
const imports = new Map(Object.entries(graph).map(([id, m]) => [id, m.imports]));

/** Feeds the graph to the plugin as the bundler would, and returns each group's captured modules. */
function captured(): Record<string, string[]> {
  const { plugin, groups } = startupChunks('/app/boot.ts', [
    { name: 'app', root: '/app/main.tsx' },
    { name: 'answering', root: '/app/Answer.tsx' },
  ]);
  const call = (hook: unknown, ...args: unknown[]): void => {
    if (typeof hook === 'function') (hook as (...a: unknown[]) => void).call({}, ...args);
  };
  call(plugin.buildStart, {});
  for (const [id, m] of Object.entries(graph)) {
    call(plugin.moduleParsed, { id, importedIds: m.imports, dynamicallyImportedIds: m.dynamic ?? [] });
  }
  // The bundler gives a module to the group of highest priority whose test accepts it.
  const byPriority = [...groups].sort((a, b) => b.priority - a.priority);
  const result: Record<string, string[]> = {};
  for (const id of Object.keys(graph)) {
    const group = byPriority.find((g) => g.test(id));
    if (group) (result[group.name] ??= []).push(id);
  }
  return result;
}

describe('startup chunks (issue 10)', () => {
  it('follows static imports only, through cycles, and leaves libraries and the bundler’s helpers out', () => {
    expect([...staticClosure(imports, '/app/Answer.tsx')].sort()).toEqual(['/app/Answer.tsx', '/app/AnswerView.tsx', '/app/deep.ts', '/app/helper.ts']);
  });

  it('puts each root’s own code in one group, a plugin’s virtual data module included, the first root winning what both import', () => {
    expect(captured()).toEqual({
      app: ['/app/main.tsx', '\0virtual:bundled-data', '/app/helper.ts', '/app/deep.ts'],
      answering: ['/app/Answer.tsx', '/app/AnswerView.tsx'],
    });
  });

  it('leaves the entry’s own imports in the entry, so it starts its fetches without waiting for a chunk', () => {
    const groups = captured();
    expect(Object.values(groups).flat()).not.toContain('/app/routes.ts');
    expect(Object.values(groups).flat()).not.toContain('/app/workbook.ts');
  });

  it('never lets the bundler pull a captured module’s imports (libraries, the entry’s) into the group', () => {
    for (const group of startupChunks('/app/boot.ts', [{ name: 'app', root: '/app/main.tsx' }]).groups) {
      expect(group.includeDependenciesRecursively).toBe(false);
    }
  });

  it('fails the build when a root was not part of it, instead of silently making no chunk', () => {
    const { groups } = startupChunks('/app/boot.ts', [{ name: 'app', root: '/app/missing.tsx' }]);
    expect(() => groups[0]?.test('/app/main.tsx')).toThrow(/missing\.tsx was not part of the build/);
  });

  it('finds roots written with Windows separators among ids written with either', () => {
    const { plugin, groups } = startupChunks('C:\\app\\boot.ts', [{ name: 'app', root: 'C:\\app\\main.tsx' }]);
    const parsed = plugin.moduleParsed as unknown as (info: { id: string; importedIds: string[] }) => void;
    parsed({ id: 'C:/app/boot.ts', importedIds: [] });
    parsed({ id: 'C:/app/main.tsx', importedIds: ['C:\\app\\helper.ts'] });
    parsed({ id: 'C:\\app\\helper.ts', importedIds: [] });
    expect(groups[0]?.test('C:/app/helper.ts')).toBe(true);
    expect(groups[0]?.test('C:\\app\\main.tsx')).toBe(true);
    expect(groups[0]?.test('C:/app/boot.ts')).toBe(false);
  });
});
