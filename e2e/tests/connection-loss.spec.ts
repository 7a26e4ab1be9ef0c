import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PASSWORD } from '../support.js';

// This test needs a server it can kill, so it starts its own (same build, own port and file).
const PORT = Number(process.env.E2E_PORT ?? 3210) + 80;
const URL = `http://127.0.0.1:${PORT}`;
const SETUP_CODE = 'connection-loss-setup-code';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-e2e-kill-'));

function startServer(): ChildProcess {
  const child = spawn(process.execPath, ['../server/dist/main.js'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_FILE: path.join(dir, 'kill.db'),
      DEMO_SIMULATOR: 'true',
      DEMO_SESSIONS: '1',
      SETUP_CODE,
      LOG_LEVEL: 'warn',
      ...(process.env.E2E_CLIENT_DIR ? { CLIENT_DIR: process.env.E2E_CLIENT_DIR } : {}),
    },
    stdio: 'ignore',
  });
  return child;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${URL}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

let server: ChildProcess | null = null;
test.afterAll(() => {
  server?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('when the server goes away the screen says so at once, greys every value, and fills in after it returns', async ({
  browser,
}) => {
  server = startServer();
  await waitForHealth();
  const setup = await fetch(`${URL}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ setupCode: SETUP_CODE, username: 'admin', displayName: 'Ada Admin', password: PASSWORD }),
  });
  expect(setup.status).toBe(201);
  const cookie = (setup.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const [name, value] = cookie.split('=') as [string, string];
  const context = await browser.newContext({ baseURL: URL });
  await context.addCookies([{ name, value, url: URL, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();

  await page.goto('/');
  await page.getByTestId('session-row').first().click();
  await expect(page.getByTestId('connection-status')).toHaveText(/live/i);
  await expect(page.getByTestId('vital-value-hr')).toHaveText(/^\d{2,3}$/);
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);

  server.kill('SIGKILL');
  await expect(page.getByTestId('connection-lost')).toBeVisible({ timeout: 8_000 });
  await expect(page.getByTestId('connection-status')).not.toHaveText(/^live$/i);
  // Every vital tile says its number is not live.
  await expect(page.getByTestId('vital-hr').getByTestId('stale')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('vital-spo2').getByTestId('stale')).toBeVisible();
  await page.screenshot({ path: 'screenshots/connection-lost-1280.png' });

  // Back again: live, and the readings the monitor buffered while the server was down are filled in.
  server = startServer();
  await waitForHealth();
  await expect(page.getByTestId('connection-status')).toHaveText(/live/i, { timeout: 20_000 });
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);
  await expect(page.getByText(/Reconnected – filled in \d+ reading/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('vital-hr').getByTestId('stale')).toHaveCount(0, { timeout: 15_000 });
  await context.close();
});
