import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** Lints text as if it were the given file, with the project's own configuration. */
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'build/eslint.config.js') });
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

// The process boundary is enforced by lint; this proves the rules fire (existing files are used as
// paths so the type-aware parser knows them; only the text is replaced).
describe('process boundary lint', () => {
  it('refuses Node, Dexie, Electron, React and DOM globals in shared/', async () => {
    const messages = await lintAs(
      'shared/parse.ts',
      "import { readFileSync } from 'node:fs';\nimport Dexie from 'dexie';\nimport { app } from 'electron';\nimport { useState } from 'react';\nexport const used = [readFileSync, Dexie, app, useState, window];\n",
    );
    const boundary = messages.filter((m) => m.startsWith('no-restricted-'));
    expect(boundary.join('\n')).toMatch(/node:fs/);
    expect(boundary.join('\n')).toMatch(/dexie/);
    expect(boundary.join('\n')).toMatch(/electron/);
    expect(boundary.join('\n')).toMatch(/react/);
    expect(boundary.join('\n')).toMatch(/window/);
  }, 60_000);

  it('refuses Dexie outside renderer/src/db and Electron or Node anywhere in the renderer', async () => {
    const messages = await lintAs(
      'renderer/src/app/router.ts',
      "import Dexie from 'dexie';\nimport { ipcRenderer } from 'electron';\nimport { readFile } from 'node:fs/promises';\nexport const used = [Dexie, ipcRenderer, readFile];\n",
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(3);
  }, 60_000);

  it('refuses Electron in the code plain Node runs (the CLI and the link checker), but not in the main process', async () => {
    const code = "import { net } from 'electron';\nexport const used = net;\n";
    for (const file of ['electron/main/links/check-links.ts', 'electron/cli/run.ts']) {
      const messages = await lintAs(file, code);
      expect(messages.filter((m) => m.startsWith('no-restricted-imports')).join('\n')).toMatch(/plain Node/);
    }
    const mainMessages = await lintAs('electron/main/ipc/handlers/check-links.ts', code);
    expect(mainMessages.filter((m) => m.startsWith('no-restricted-imports'))).toStrictEqual([]);
  }, 60_000);
});
