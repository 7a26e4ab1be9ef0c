import { randomUUID } from 'node:crypto';
import type { Session, User } from '@infusion/shared';
import type { BuiltServer } from '../app.js';
import { SESSION_COOKIE, startSignIn } from '../auth/auth.js';
import { hashDeviceToken, newDeviceToken } from '../devices/tokens.js';
import { SimulatedMonitor, hash32, provisionSessions, type SimulatedEvent } from '../simulator/index.js';

const DEMO_USER = 'demo-simulator';
const DEMO_DEVICE_PREFIX = 'Simulated monitor';

/** Something to see on the demo ward: one chair desaturates, one has a hypertensive surge. */
const DEMO_EVENTS: SimulatedEvent[][] = [
  [{ type: 'desaturation', atSec: 120, durationSec: 60 }],
  [{ type: 'hypertensive-surge', atSec: 300, durationSec: 120 }],
  [],
];

/**
 * The demo account the simulator provisions through. Its password hash matches no password,
 * so nobody can sign in as it: it acts only from inside this process.
 */
function demoUser(server: BuiltServer): User {
  const found = server.store.findUserByUsername(DEMO_USER);
  if (found) return found.user;
  return server.store.createUser({
    username: DEMO_USER,
    displayName: 'Demo simulator',
    role: 'admin',
    passwordHash: `disabled$${randomUUID()}`,
  });
}

/**
 * Runs simulated monitors against this server: picks up the demo chairs of an earlier run
 * (their monitors get fresh tokens) and provisions the rest through the HTTP API.
 */
export async function startDemo(
  server: BuiltServer,
  serverUrl: string,
  sessions: number,
): Promise<{ stop(): Promise<void>; monitors: SimulatedMonitor[] }> {
  const now = Date.now();
  const cookie = `${SESSION_COOKIE}=${startSignIn(server.store, demoUser(server), now)}`;
  const monitors: SimulatedMonitor[] = [];
  // Sequence numbers from the clock: a restarted demo monitor never reuses one.
  const startSeq = now * 10;

  const existing = server.ward
    .monitoredSessions()
    .filter((s): s is Session & { deviceId: string } =>
      Boolean(s.deviceId && server.store.getDevice(s.deviceId)?.label.startsWith(DEMO_DEVICE_PREFIX)),
    )
    .slice(0, sessions);
  for (const session of existing) {
    const token = newDeviceToken();
    server.store.setDeviceTokenHash(session.deviceId, hashDeviceToken(token));
    monitors.push(
      new SimulatedMonitor({
        serverUrl,
        token,
        startSeq,
        startElapsedSec: (now - (session.infusionStartedAt ?? now)) / 1000,
        model: { seed: hash32(session.id.length, ...[...session.id].map((c) => c.charCodeAt(0))) },
      }),
    );
  }

  const fresh = await provisionSessions(serverUrl, sessions - existing.length, now % 100_000, fetch, {
    headers: { cookie },
    location: (i) => `Chair ${existing.length + i + 1}`,
  });
  fresh.forEach((p, i) => {
    monitors.push(
      new SimulatedMonitor({
        serverUrl,
        token: p.device.token,
        startSeq,
        model: { ...p.model, events: DEMO_EVENTS[i % DEMO_EVENTS.length] ?? [] },
      }),
    );
  });
  for (const m of monitors) m.start();
  return {
    monitors,
    async stop() {
      await Promise.all(monitors.map((m) => m.stop()));
    },
  };
}
