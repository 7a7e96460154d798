import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const configFile = fileURLToPath(new URL('../../../build/vite.preload.config.ts', import.meta.url));

/**
 * Builds the real preload with its real config and runs it the way a sandboxed renderer would:
 * only `require('electron')` works, and there is no `process`, `Buffer` or `__dirname`.
 */
describe('the preload bundle', () => {
  let outDir: string;
  let code: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'egov-preload-'));
    await build({ configFile, logLevel: 'silent', build: { outDir, sourcemap: false } });
    code = await readFile(path.join(outDir, 'preload.cjs'), 'utf8');
  }, 60_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('is one CommonJS file that requires nothing but electron', () => {
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required).toStrictEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('runs without Node globals and exposes the API once', () => {
    const exposed: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (...args: unknown[]) => exposed.push(args) },
      ipcRenderer: { invoke: () => Promise.resolve({ ok: true, value: { opened: true } }) },
    };
    const moduleObject = { exports: {} };
    const sandboxRequire = (id: string): unknown => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    vm.runInNewContext(code, { require: sandboxRequire, module: moduleObject, exports: moduleObject.exports });

    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0] ?? [];
    expect(key).toBe('egovDesk');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api ?? {}).sort()).toStrictEqual([
      'checkLinks',
      'generateSigningKey',
      'getAppInfo',
      'listSigningKeys',
      'openExternal',
      'openFiles',
      'pickSubmissions',
      'saveFile',
      'signWithKey',
      'takeOpenedFiles',
    ]);
  });
});
