import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH, E2E_PORT, E2E_SETUP_CODE, E2E_URL } from '../env.js';

const dataDir = path.join(os.tmpdir(), `infusion-client-bench-${process.pid}`);

/**
 * `npm run bench:client -w e2e`: the client performance benchmark (client-bench.ts). Not a
 * test: it measures and reports, and fails only when it cannot run. Uses Playwright's runner
 * for its browser and its TypeScript; the server under test is the built one, on its own
 * SQLite file, with the built client (or E2E_CLIENT_DIR's).
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'client-bench.ts',
  outputDir: '../test-results/bench',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 15 * 60_000,
  reporter: [['list']],
  globalSetup: '../global-setup.ts',
  use: {
    baseURL: E2E_URL,
    trace: 'off',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `rm -rf ${dataDir} && node ../../server/dist/main.js`,
    url: `${E2E_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATABASE_FILE: path.join(dataDir, 'bench.db'),
      DEMO_SIMULATOR: 'false',
      SETUP_CODE: E2E_SETUP_CODE,
      SIGN_IN_PER_MINUTE: '1000',
      LOG_LEVEL: 'warn',
      ...(process.env.E2E_CLIENT_DIR ? { CLIENT_DIR: process.env.E2E_CLIENT_DIR } : {}),
    },
  },
});
