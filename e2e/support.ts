import { expect, type Browser, type BrowserContext } from '@playwright/test';
import {
  provisionSessions,
  SimulatedMonitor,
  type ProvisionedSession,
  type SimulatedEvent,
} from '@infusion/server/simulator';
import { E2E_SETUP_CODE, E2E_URL } from './env.js';

export const PASSWORD = 'correct horse battery staple';

/** Signs in through the API and returns the session cookie header value. */
export async function signInCookie(username: string): Promise<string> {
  const res = await fetch(`${E2E_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status, `sign-in of ${username}`).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('infusion_sid='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

/** Makes the admin (first start) and one account per role; idempotent. */
export async function ensureAccounts(): Promise<void> {
  const me = (await (await fetch(`${E2E_URL}/api/auth/me`)).json()) as { setupNeeded: boolean };
  if (me.setupNeeded) {
    const res = await fetch(`${E2E_URL}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        setupCode: E2E_SETUP_CODE,
        username: 'admin',
        displayName: 'Ada Admin',
        password: PASSWORD,
      }),
    });
    expect(res.status).toBe(201);
  }
  const admin = await signInCookie('admin');
  const users = [
    { username: 'nora', displayName: 'Nora Nurse', role: 'nurse' },
    { username: 'nick', displayName: 'Nick Nurse', role: 'nurse' },
    { username: 'carla', displayName: 'Carla Charge', role: 'charge' },
  ];
  for (const u of users) {
    const res = await fetch(`${E2E_URL}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ ...u, password: PASSWORD }),
    });
    expect([201, 409]).toContain(res.status);
  }
}

/** A browser context signed in as `username`. */
export async function signedInContext(
  browser: Browser,
  username: string,
  viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: E2E_URL, viewport });
  const [name, value] = (await signInCookie(username)).split('=') as [string, string];
  await context.addCookies([{ name, value, url: E2E_URL, httpOnly: true, sameSite: 'Strict' }]);
  return context;
}

/** Chairs with simulated monitors streaming to the server under test. */
export interface Chairs {
  provisioned: ProvisionedSession[];
  monitors: SimulatedMonitor[];
  stop(): Promise<void>;
}

export async function startChairs(
  n: number,
  seed: number,
  options: { events?: SimulatedEvent[][]; rateHz?: number; startElapsedSec?: number } = {},
): Promise<Chairs> {
  const admin = await signInCookie('admin');
  const provisioned = await provisionSessions(E2E_URL, n, seed, fetch, {
    headers: { cookie: admin },
    location: (i) => `E2E ${seed}-${i + 1}`,
  });
  const monitors = provisioned.map((p, i) =>
    new SimulatedMonitor({
      serverUrl: E2E_URL,
      token: p.device.token,
      rateHz: options.rateHz ?? 1,
      startElapsedSec: options.startElapsedSec ?? 0,
      model: { ...p.model, events: options.events?.[i] ?? [] },
    }).start(),
  );
  return {
    provisioned,
    monitors,
    async stop() {
      await Promise.all(monitors.map((m) => m.stop()));
    },
  };
}
