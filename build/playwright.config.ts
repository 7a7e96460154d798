import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 5199);
export const baseURL = `http://127.0.0.1:${String(port)}/`;
// The built renderer to serve: E2E_DIST lets a second checkout or build run its own e2e beside this one.
const dist = process.env.E2E_DIST ?? 'dist/renderer';

/**
 * Browser end-to-end tests against the built renderer served as the offline web app, in Debian's
 * Chromium (no browser download). WebCrypto and IndexedDB need a secure context: 127.0.0.1 is one.
 */
export default defineConfig({
  testDir: `${root}tests/e2e`,
  testMatch: '**/*.e2e.ts',
  outputDir: `${root}test-results/e2e`,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: `${root}test-results/e2e.json` }]],
  use: {
    baseURL,
    browserName: 'chromium',
    // Fixed locale and zone: date fields take their segments in this locale's order (mm/dd/yyyy).
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node build/scripts/serve-web.mjs ${dist}`,
    cwd: root,
    url: baseURL,
    env: { PORT: String(port) },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
