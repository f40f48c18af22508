/**
 * Browser tests (test/e2e/*.spec.ts) on the web build, served by `vite preview`, in Chromium;
 * plus the Electron test, which skips where no Electron binary is installed.
 * Chromium: $CHROMIUM_PATH, else Playwright's own, else /usr/bin/chromium (scripts/find-chromium.cjs).
 */
import { defineConfig, devices } from '@playwright/test';

const { findChromium, CHROMIUM_ARGS } = require('./scripts/find-chromium.cjs') as {
  findChromium: () => { path: string } | null;
  CHROMIUM_ARGS: string[];
};

/** E2E_PORT lets two checkouts run their browser tests side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testIgnore: 'electron.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: { executablePath: findChromium()?.path, args: CHROMIUM_ARGS },
      },
    },
    { name: 'electron', testMatch: 'electron.spec.ts' },
  ],
  webServer: {
    command: `npm run build:web && npx vite preview --config vite.web.config.mts --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
