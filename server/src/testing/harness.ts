import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import {
  DASHBOARD_NAMESPACE,
  DEVICE_NAMESPACE,
  type CreateSessionInput,
  type DashboardToServerEvents,
  type DeviceToServerEvents,
  type RegisteredDevice,
  type Role,
  type User,
  type ServerToDashboardEvents,
  type ServerToDeviceEvents,
  type Session,
} from '@infusion/shared';
import { buildServer, type BuiltServer } from '../app.js';

export type DeviceClient = Socket<ServerToDeviceEvents, DeviceToServerEvents>;
export type DashboardClient = Socket<ServerToDashboardEvents, DashboardToServerEvents>;

/** A real server on a real port with a real SQLite file in a temp dir, for integration tests. */
export interface Harness {
  server: BuiltServer;
  url: string;
  dir: string;
  databaseFile: string;
  /** Calls the API as the signed-in admin (or as `cookie`, or signed out with null). */
  request(
    method: string,
    url: string,
    body?: unknown,
    cookie?: string | null,
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  /** Creates a user with a role and signs them in; returns their cookie. */
  signIn(role: Role, displayName?: string): Promise<{ cookie: string; user: User }>;
  adminCookie: string;
  registerDevice(label?: string): Promise<RegisteredDevice>;
  createSession(input?: Partial<CreateSessionInput>): Promise<Session>;
  bind(sessionId: string, deviceId: string): Promise<Session>;
  device(token: string): Promise<DeviceClient>;
  dashboard(cookie?: string | null): Promise<DashboardClient>;
  close(): Promise<void>;
}

let counter = 0;

export const TEST_SETUP_CODE = 'test-setup-code-0123456789';
export const TEST_PASSWORD = 'correct horse battery staple';

export async function startHarness(
  options: { tickMs?: number; dir?: string; monitorReconnectGraceMs?: number } = {},
): Promise<Harness> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-test-'));
  const databaseFile = path.join(dir, 'test.db');
  const server = await buildServer({
    port: 0,
    host: '127.0.0.1',
    databaseFile,
    logLevel: 'silent',
    clientDir: null,
    setupCode: TEST_SETUP_CODE,
    signInPerMinute: 1000,
    ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
    ...(options.monitorReconnectGraceMs === undefined
      ? {}
      : { monitorReconnectGraceMs: options.monitorReconnectGraceMs }),
  });
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const sockets: Socket[] = [];

  let adminCookie = '';
  const request: Harness['request'] = async (method, url, body, cookie) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const asCookie = cookie === undefined ? adminCookie : cookie;
    if (asCookie) headers.cookie = asCookie;
    const res = await fetch(`${address}${url}`, {
      method,
      headers,
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      // Not JSON (a CSV export, say): hand back the text.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const cookieOf = (headers: Headers): string => {
    const set = headers.getSetCookie().find((c) => c.startsWith('infusion_sid='));
    if (!set) throw new Error('no session cookie set');
    return set.split(';')[0] ?? '';
  };
  const existing = await request('GET', '/api/auth/me', undefined, null);
  if ((existing.body as { setupNeeded: boolean }).setupNeeded) {
    const setup = await request(
      'POST',
      '/api/setup',
      { setupCode: TEST_SETUP_CODE, username: 'admin', displayName: 'Ada Admin', password: TEST_PASSWORD },
      null,
    );
    adminCookie = cookieOf(setup.headers);
  } else {
    const login = await request('POST', '/api/auth/login', { username: 'admin', password: TEST_PASSWORD }, null);
    adminCookie = cookieOf(login.headers);
  }

  const expectOk = async <T>(method: string, url: string, body: unknown): Promise<T> => {
    const res = await request(method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };

  const open = <S extends Socket>(socket: S): Promise<S> =>
    new Promise((resolve, reject) => {
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

  return {
    server,
    url: address,
    dir,
    databaseFile,
    request,
    adminCookie,
    async signIn(role, displayName = `${role} ${++counter}`) {
      const username = `${role}${++counter}`;
      await expectOk('POST', '/api/users', { username, displayName, role, password: TEST_PASSWORD });
      const login = await request('POST', '/api/auth/login', { username, password: TEST_PASSWORD }, null);
      if (login.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);
      return { cookie: cookieOf(login.headers), user: (login.body as { user: User }).user };
    },
    registerDevice: (label = `Monitor ${++counter}`) => expectOk('POST', '/api/devices', { label }),
    createSession: (input = {}) =>
      expectOk('POST', '/api/sessions', {
        patient: { mrn: `MRN-${++counter}`, displayName: `Test Patient ${counter}`, weightKg: 70 },
        location: `Chair ${counter}`,
        state: 'infusing',
        baseline: { sbp: 120, dbp: 75, hr: 70 },
        ...input,
      }),
    bind: (sessionId, deviceId) => expectOk('POST', `/api/sessions/${sessionId}/device`, { deviceId }),
    device: (token) =>
      open(
        connect(`${address}${DEVICE_NAMESPACE}`, {
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        }) as DeviceClient,
      ),
    dashboard: (cookie) => {
      const asCookie = cookie === undefined ? adminCookie : cookie;
      return open(
        connect(`${address}${DASHBOARD_NAMESPACE}`, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: asCookie ? { cookie: asCookie } : {},
        }) as DashboardClient,
      );
    },
    async close() {
      // The server goes first, as in a restart: a client hanging up before it would be a
      // monitor leaving while the server runs, and raise a disconnection alarm that is stored.
      await server.app.close();
      for (const s of sockets) s.disconnect();
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first event of `name` that satisfies `match`, or rejects after `ms`. */
export function nextEvent<T>(
  socket: Socket,
  name: string,
  match: (payload: T) => boolean = () => true,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, handler);
      reject(new Error(`no matching "${name}" within ${ms} ms`));
    }, ms);
    const handler = (payload: T): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(name, handler);
      resolve(payload);
    };
    socket.on(name, handler);
  });
}
