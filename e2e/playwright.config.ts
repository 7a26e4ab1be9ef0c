import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH, E2E_PORT, E2E_SETUP_CODE, E2E_URL } from './env.js';
const dataDir = path.join(os.tmpdir(), `infusion-e2e-${process.pid}`);

/**
 * End-to-end tests: the built app served by the real server (real port, real SQLite file in a
 * temp dir), driven by real simulated monitors, in Debian's Chromium (Playwright cannot
 * download its own browser here).
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  use: {
    baseURL: E2E_URL,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `rm -rf ${dataDir} && node ../server/dist/main.js`,
    url: `${E2E_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATABASE_FILE: path.join(dataDir, 'e2e.db'),
      DEMO_SIMULATOR: 'false',
      SETUP_CODE: E2E_SETUP_CODE,
      SIGN_IN_PER_MINUTE: '1000',
      LOG_LEVEL: 'warn',
      // Lets parallel work run the tests against its own client build.
      ...(process.env.E2E_CLIENT_DIR ? { CLIENT_DIR: process.env.E2E_CLIENT_DIR } : {}),
    },
  },
});
