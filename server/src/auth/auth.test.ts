import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, ROLES, type Role } from '@infusion/shared';
import { startHarness, TEST_PASSWORD, type Harness } from '../testing/harness.js';

let h: Harness;
let nurse: { cookie: string };
beforeAll(async () => {
  h = await startHarness();
  nurse = await h.signIn('nurse');
});
afterAll(async () => {
  await h.close();
});

const concrete = (url: string): string => url.replace(/:[a-zA-Z]+/g, 'no-such-id');

describe('every route and socket refuses callers who may not use it', () => {
  it('lists the API routes it checks', () => {
    const api = h.server.routes.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(8);
    // The only routes open without signing in: health, sign-in/out, who-am-I and first-start setup.
    expect(api.filter((r) => r.public).map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['GET /api/health', 'POST /api/auth/login', 'POST /api/setup']),
    );
    expect(api.filter((r) => r.public)).toHaveLength(5);
  });

  it('refuses every non-public route without a sign-in (401)', async () => {
    const closed = h.server.routes.filter((r) => r.url.startsWith('/api/') && !r.public);
    for (const route of closed) {
      const res = await h.request(route.method, concrete(route.url), route.method === 'GET' ? undefined : {}, null);
      expect({ route: `${route.method} ${route.url}`, status: res.status }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
    }
  });

  it('refuses a signed-in user without the role (403), for every route and role', async () => {
    const cookies: Record<Role, string> = {
      nurse: nurse.cookie,
      charge: (await h.signIn('charge')).cookie,
      admin: h.adminCookie,
    };
    let checked = 0;
    for (const route of h.server.routes.filter((r) => r.url.startsWith('/api/') && !r.public)) {
      const needed = (route.role ?? 'nurse') as Role;
      for (const role of ROLES) {
        if (hasRole(role, needed)) continue;
        const res = await h.request(
          route.method,
          concrete(route.url),
          route.method === 'GET' ? undefined : {},
          cookies[role],
        );
        expect({ route: `${route.method} ${route.url}`, role, status: res.status }).toEqual({
          route: `${route.method} ${route.url}`,
          role,
          status: 403,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('refuses a dashboard socket without a sign-in, and a monitor socket without a token', async () => {
    await expect(h.dashboard(null)).rejects.toMatchObject({ message: 'sign in first' });
    await expect(h.dashboard('infusion_sid=forged-token')).rejects.toMatchObject({ message: 'sign in first' });
    await expect(h.device('')).rejects.toMatchObject({ message: 'device token missing or malformed' });
  });

  it('disconnects a dashboard when its nurse signs out', async () => {
    const { cookie } = await h.signIn('nurse');
    const socket = await h.dashboard(cookie);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await h.request('POST', '/api/auth/logout', {}, cookie)).status).toBe(200);
    await gone;
    expect((await h.request('GET', '/api/sessions', undefined, cookie)).status).toBe(401);
  });
});

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Strict cookie and never a password hash', async () => {
    await h.request('POST', '/api/users', {
      username: 'nina',
      displayName: 'Nina Nurse',
      role: 'nurse',
      password: TEST_PASSWORD,
    });
    const res = await h.request('POST', '/api/auth/login', { username: 'nina', password: TEST_PASSWORD }, null);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt/);
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    const wrong = await h.request('POST', '/api/auth/login', { username: 'admin', password: 'wrong password!' }, null);
    const unknown = await h.request(
      'POST',
      '/api/auth/login',
      { username: 'nobody', password: 'wrong password!' },
      null,
    );
    expect(wrong).toMatchObject({ status: 401, body: { message: 'wrong username or password' } });
    expect(unknown).toMatchObject({ status: 401, body: { message: 'wrong username or password' } });
  });

  it('refuses setup once an admin exists, and cross-origin writes', async () => {
    const again = await h.request(
      'POST',
      '/api/setup',
      { setupCode: 'whatever-code-here', username: 'eve', displayName: 'Eve', password: TEST_PASSWORD },
      null,
    );
    expect(again.status).toBe(409);
    const res = await fetch(`${h.url}/api/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: h.adminCookie, origin: 'https://evil.example' },
      body: JSON.stringify({ label: 'x' }),
    });
    expect(res.status).toBe(403);
  });

  it('sends security headers and a content security policy', async () => {
    const res = await h.request('GET', '/api/health');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
