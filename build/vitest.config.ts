import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { bundledQuestionnaires } from './vite-plugin-questionnaires.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  // The built-in definitions' module, as the app's build makes it (questionnaires/index.ts imports it).
  plugins: [react(), bundledQuestionnaires(`${root}questionnaires`)],
  define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    // Dates in answers are calendar dates: pin the zone so results never depend on the machine.
    env: { TZ: 'UTC' },
    restoreMocks: true,
    // Real IndexedDB semantics in Node, before Dexie is imported anywhere: storage tests use real Dexie.
    setupFiles: ['fake-indexeddb/auto'],
  },
});
