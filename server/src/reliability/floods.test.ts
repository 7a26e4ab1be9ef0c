/**
 * Floods and oversized payloads: one misbehaving client must not take the others down.
 * - A monitor sending a message over 1 MB is disconnected; another monitor carries on.
 * - A burst of 2,000 batches from one monitor does not stop another's being acknowledged.
 * - Sign-in attempts beyond the limit get 429 while the rest of the API keeps answering.
 *
 * Times are recorded and printed, never asserted: CI machines vary too much for that.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ERROR_CODES, type RegisteredDevice, type Session } from '@infusion/shared';
import { MAX_SOCKET_MESSAGE_BYTES, buildServer } from '../app.js';
import { TEST_PASSWORD, TEST_SETUP_CODE, startHarness, type DeviceClient, type Harness } from '../testing/harness.js';
import { deviceReadings, openReadonly } from './db-invariants.js';

const FLOOD_BATCHES = 2_000;
const READINGS_PER_FLOOD_BATCH = 5;
/** Sign-in attempts per address per minute when nothing is configured (buildServer, SIGN_IN_PER_MINUTE). */
const DEFAULT_SIGN_IN_LIMIT = 10;

let h: Harness;
const chairs: { device: RegisteredDevice; session: Session }[] = [];

beforeAll(async () => {
  h = await startHarness();
  for (const name of ['Oversized', 'Flood', 'Steady']) {
    const device = await h.registerDevice(`${name} monitor`);
    const session = await h.bind((await h.createSession({ location: `${name} chair` })).id, device.id);
    chairs.push({ device, session });
  }
});

afterAll(async () => {
  await h?.close();
});

const chair = (i: number): { device: RegisteredDevice; session: Session } => {
  const c = chairs[i];
  if (!c) throw new Error(`no chair ${i}`);
  return c;
};

let steadySeq = 0;
const steadyBatch = (): unknown => ({
  protocolVersion: 1,
  readings: [{ seq: ++steadySeq, vital: 'hr', value: 72, measuredAt: Date.now() }],
});

/** Sends one batch and says how long its acknowledgement took, and what it was. */
async function timedBatch(socket: DeviceClient, batch: unknown): Promise<{ ms: number; ack: unknown }> {
  const began = performance.now();
  const ack: unknown = await socket.timeout(60_000).emitWithAck('readings:batch', batch);
  return { ms: performance.now() - began, ack };
}

const accepted = (ack: unknown): boolean =>
  typeof ack === 'object' &&
  ack !== null &&
  (ack as { ok?: unknown }).ok === true &&
  (ack as { data: { results: { status: string }[] } }).data.results.every((r) => r.status === 'accepted');

describe('floods and oversized payloads', () => {
  it('a message over 1 MB closes its sender only; another monitor carries on', { timeout: 30_000 }, async () => {
    const steady = await h.device(chair(2).device.token);
    const big = await h.device(chair(0).device.token);

    // Just under the limit is still a message: it is answered (the reading is refused) and the
    // connection stays.
    const nearLimit = await big.timeout(10_000).emitWithAck('readings:batch', {
      protocolVersion: 1,
      readings: [{ seq: 1, vital: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES - 200_000), value: 1, measuredAt: Date.now() }],
    });
    expect(nearLimit).toMatchObject({ ok: true, data: { results: [{ status: 'rejected', reason: 'malformed' }] } });
    expect(big.connected).toBe(true);

    // Over the limit: the server closes that connection.
    const gone = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    const steadyDuring = Array.from({ length: 10 }, () => timedBatch(steady, steadyBatch()));
    const began = performance.now();
    big.emit(
      'readings:batch',
      {
        protocolVersion: 1,
        readings: [{ seq: 2, vital: 'hr', value: 72, measuredAt: Date.now(), pad: 'x'.repeat(1_100_000) }],
      },
      () => undefined,
    );
    const reason = await gone;
    const disconnectMs = performance.now() - began;
    const steadyAfter = await timedBatch(steady, steadyBatch());

    const during = await Promise.all(steadyDuring);
    for (const { ack } of [...during, steadyAfter]) expect(accepted(ack), JSON.stringify(ack)).toBe(true);
    expect(steady.connected).toBe(true);
    // The monitor can come back, and nothing of the oversized message was stored.
    const again = await h.device(chair(0).device.token);
    const ok = await again.timeout(10_000).emitWithAck('readings:batch', {
      protocolVersion: 1,
      readings: [{ seq: 3, vital: 'hr', value: 70, measuredAt: Date.now() }],
    });
    expect(accepted(ok)).toBe(true);
    const db = openReadonly(h.databaseFile);
    try {
      expect([...deviceReadings(db, chair(0).device.id).keys()]).toEqual([3]);
    } finally {
      db.close();
    }
    console.log(
      `oversized: a ${(1.1).toFixed(1)} MB message closed its monitor's connection ("${reason}") after ` +
        `${Math.round(disconnectMs)} ms; the other monitor's ${during.length + 1} batches were all acknowledged ` +
        `(slowest ${Math.round(Math.max(...during.map((d) => d.ms), steadyAfter.ms))} ms)`,
    );
  });

  it(`a burst of ${FLOOD_BATCHES} batches from one monitor does not stop another's`, { timeout: 60_000 }, async () => {
    const flood = await h.device(chair(1).device.token);
    const steady = await h.device(chair(2).device.token);
    let seq = 0;
    const began = performance.now();
    const floodAcks: Promise<unknown>[] = [];
    for (let b = 0; b < FLOOD_BATCHES; b++) {
      const readings = Array.from({ length: READINGS_PER_FLOOD_BATCH }, () => ({
        seq: ++seq,
        vital: 'spo2',
        value: 97,
        measuredAt: Date.now(),
      }));
      floodAcks.push(flood.timeout(60_000).emitWithAck('readings:batch', { protocolVersion: 1, readings }));
    }
    // While the burst is being taken in, the other monitor sends its usual batches.
    const steadyAcks: { ms: number; ack: unknown }[] = [];
    for (let i = 0; i < 5; i++) {
      steadyAcks.push(await timedBatch(steady, steadyBatch()));
    }
    const floodResults = await Promise.all(floodAcks);
    const floodMs = performance.now() - began;

    for (const { ack } of steadyAcks) expect(accepted(ack), JSON.stringify(ack)).toBe(true);
    const floodAccepted = floodResults.filter(accepted).length;
    expect(floodAccepted).toBe(FLOOD_BATCHES);
    expect(flood.connected && steady.connected).toBe(true);
    const db = openReadonly(h.databaseFile);
    try {
      expect(deviceReadings(db, chair(1).device.id).size).toBe(FLOOD_BATCHES * READINGS_PER_FLOOD_BATCH);
    } finally {
      db.close();
    }
    console.log(
      `flood: ${FLOOD_BATCHES} batches (${seq} readings) from one monitor, all acknowledged and stored, in ` +
        `${Math.round(floodMs)} ms; the other monitor's first batch was acknowledged after ` +
        `${Math.round(steadyAcks[0]?.ms ?? 0)} ms (its 5 batches: ${steadyAcks.map((s) => Math.round(s.ms)).join('/')} ms)`,
    );
  });

  it('sign-in attempts beyond the default limit get 429; the rest of the API keeps answering', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-ratelimit-'));
    // The default limit: nothing configured, as a deployment without SIGN_IN_PER_MINUTE runs.
    const server = await buildServer({
      port: 0,
      host: '127.0.0.1',
      databaseFile: path.join(dir, 'rate.db'),
      logLevel: 'silent',
      clientDir: null,
      setupCode: TEST_SETUP_CODE,
    });
    try {
      const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const post = (pathname: string, body: unknown, cookie?: string): Promise<Response> =>
        fetch(`${url}${pathname}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify(body),
        });
      const setup = await post('/api/setup', {
        setupCode: TEST_SETUP_CODE,
        username: 'admin',
        displayName: 'Ada Admin',
        password: TEST_PASSWORD,
      });
      expect(setup.status).toBe(201);
      const cookie = (setup.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';

      const statuses: number[] = [];
      for (let i = 0; i < DEFAULT_SIGN_IN_LIMIT; i++) {
        statuses.push((await post('/api/auth/login', { username: 'admin', password: `wrong password ${i}` })).status);
      }
      expect(statuses).toEqual(Array(DEFAULT_SIGN_IN_LIMIT).fill(401));

      // A burst beyond the limit, the right password among them: every one refused with 429.
      const burst = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          post('/api/auth/login', { username: 'admin', password: i % 3 === 0 ? TEST_PASSWORD : 'guess' }),
        ),
      );
      const bodies = await Promise.all(
        burst.map(async (r) => ({ status: r.status, body: (await r.json()) as unknown })),
      );
      expect(bodies.map((b) => b.status)).toEqual(Array(30).fill(429));
      for (const { body } of bodies) {
        expect(ApiError.parse(body).code).toBe(ERROR_CODES.rateLimited);
      }
      expect(burst[0]?.headers.get('retry-after')).toBeTruthy();

      // The rest of the API is not affected: health, who-am-I, and an existing sign-in work.
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect((await fetch(`${url}/api/sessions`, { headers: { cookie } })).status).toBe(200);
      console.log(
        `sign-in flood: ${DEFAULT_SIGN_IN_LIMIT} attempts answered 401, then 30 of 30 answered 429 ` +
          `(retry-after ${burst[0]?.headers.get('retry-after')} s); health and signed-in calls still 200`,
      );
    } finally {
      await server.app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
