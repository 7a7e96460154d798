import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Packaging tests (`npm run test:package`, and the "Packaging" step of `npm test`, after the build):
 * they pack the built app with electron-builder against a stub Electron and look inside, and check
 * the built renderer's chunks. Kept apart from the unit tests because they need dist/ and take
 * seconds, not milliseconds.
 */
export default defineConfig({
  root,
  test: {
    include: ['tests/package/**/*.test.ts'],
    environment: 'node',
    // One electron-builder run is shared by the file's tests (beforeAll); on a busy 2-core machine it
    // takes 10–30 s.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
