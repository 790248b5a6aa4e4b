import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium against the real server (fresh data directory, demo seed).
const PORT = Number(process.env.E2E_PORT ?? 8123);
const baseURL = `http://127.0.0.1:${PORT}`;
// The server's data directory, chosen here so the tests can read the messages it keeps (outbox/):
// the workers inherit it from the runner, which evaluates this file first.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'cqs-e2e-'));

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // scripts/test.mjs asks for "list,json" (the JSON report lands in PLAYWRIGHT_JSON_OUTPUT_NAME).
  reporter: (process.env.PLAYWRIGHT_REPORTERS ?? 'list').split(',').map((name) => [name.trim()] as [string]),
  outputDir: 'test-results',
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node test/e2e/server.mjs',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    // the first start seeds the demo and its history: minutes on a busy shared machine
    timeout: 300_000,
    env: { PORT: String(PORT), E2E_DATA_DIR: process.env.E2E_DATA_DIR },
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
