import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEVICE_NAMESPACE,
  DeviceReading,
  ReadingBatch,
  type Ack,
  type BatchResult,
  type DeviceToServerEvents,
  type ReadingResult,
  type ServerToDeviceEvents,
} from '@infusion/shared';
import { SimulatedMonitor } from './monitor.js';
import { SIMULATED_VITALS } from './physiology.js';

const TOKEN = 'test-device-token-0123456789';

/** How the stand-in server answers a batch. */
type Mode =
  | 'ack'
  /** Stores the readings but never answers, like a server whose acks are lost. */
  | 'store-silently'
  | { delayMs: number }
  | { reject: string };

/**
 * A stand-in for the server's device namespace, speaking the wire contract: it checks the
 * token, dedupes by seq and answers each reading.
 */
class FakeDeviceServer {
  readonly http: HttpServer = createServer();
  readonly io = new Server<DeviceToServerEvents, ServerToDeviceEvents>(this.http);
  readonly nsp: Namespace<DeviceToServerEvents, ServerToDeviceEvents> = this.io.of(DEVICE_NAMESPACE);
  /** Every seq received, in arrival order, resends included. */
  readonly received: number[] = [];
  readonly stored = new Map<number, DeviceReading>();
  readonly batches: DeviceReading[][] = [];
  mode: Mode = 'ack';
  connections = 0;

  constructor() {
    this.nsp.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : null;
      next(token === TOKEN ? undefined : new Error('unknown device token'));
    });
    this.nsp.on('connection', (socket) => {
      this.connections++;
      socket.emit('device:bound', { sessionId: 'session-1' });
      socket.on('readings:batch', (raw, ack) => this.onBatch(raw, ack));
    });
  }

  private onBatch(raw: unknown, ack: (result: Ack<BatchResult>) => void): void {
    const batch = ReadingBatch.parse(raw);
    const readings = batch.readings.map((r) => DeviceReading.parse(r));
    this.batches.push(readings);
    const mode = this.mode;
    const results: ReadingResult[] = readings.map((r) => {
      this.received.push(r.seq);
      if (typeof mode === 'object' && 'reject' in mode) {
        return { seq: r.seq, status: 'rejected', reason: mode.reject, message: 'no session' };
      }
      if (this.stored.has(r.seq)) return { seq: r.seq, status: 'duplicate' };
      this.stored.set(r.seq, r);
      return { seq: r.seq, status: 'accepted' };
    });
    const answer = (): void => ack({ ok: true, data: { sessionId: 'session-1', results } });
    if (mode === 'store-silently') return;
    if (typeof mode === 'object' && 'delayMs' in mode) setTimeout(answer, mode.delayMs);
    else answer();
  }

  /** Cuts every device connection at the transport, as a network drop would. */
  dropConnections(): void {
    for (const socket of this.nsp.sockets.values()) socket.conn.close();
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SimulatedMonitor', () => {
  let server: FakeDeviceServer;
  let url: string;
  const monitors: SimulatedMonitor[] = [];

  function monitor(options: Partial<ConstructorParameters<typeof SimulatedMonitor>[0]> = {}): SimulatedMonitor {
    const m = new SimulatedMonitor({
      serverUrl: url,
      token: TOKEN,
      model: { seed: 5, motionArtefacts: false },
      rateHz: 20,
      reconnectDelayMs: 50,
      ...options,
    });
    monitors.push(m);
    return m.start();
  }

  beforeEach(async () => {
    server = new FakeDeviceServer();
    url = await server.listen();
  });

  afterEach(async () => {
    await Promise.all(monitors.splice(0).map((m) => m.stop()));
    await server.close();
  });

  it('streams one reading per vital per tick in batches with increasing seq', async () => {
    const m = monitor({ startSeq: 1000 });
    await m.onceConnected();
    await until(() => server.received.length >= 60);
    const stats = await m.stop({ drainTimeoutMs: 2000 });

    expect(server.received).toEqual(Array.from({ length: server.received.length }, (_, i) => 1000 + i));
    expect(server.received.length).toBe(stats.generated);
    // Each tick is one reading of every vital, in the same order, with one timestamp.
    for (let i = 0; i + SIMULATED_VITALS.length <= server.received.length; i += SIMULATED_VITALS.length) {
      const tick = [...server.stored.values()].slice(i, i + SIMULATED_VITALS.length);
      expect(tick.map((r) => r.vital)).toEqual([...SIMULATED_VITALS]);
      expect(new Set(tick.map((r) => r.measuredAt)).size).toBe(1);
    }
    expect(server.batches.length).toBeGreaterThan(1);
    expect(stats).toMatchObject({ sessionId: 'session-1', outbox: 0, resent: 0, duplicate: 0, dropped: 0 });
    expect(stats.accepted).toBe(stats.generated);
    expect(stats.acked).toBe(stats.generated);
  });

  it('keeps sampling while a batch awaits its ack, without sending a reading twice', async () => {
    server.mode = { delayMs: 400 };
    const m = monitor();
    await m.onceConnected();
    await until(() => server.batches.length >= 4);
    // Several batches went out before the first answer came back.
    expect(m.stats().accepted).toBe(0);
    expect(m.stats().inFlight).toBeGreaterThan(0);
    const stats = await m.stop({ drainTimeoutMs: 3000 });
    expect(new Set(server.received).size).toBe(server.received.length);
    expect(stats.outbox).toBe(0);
    expect(stats.accepted).toBe(stats.generated);
  });

  it('resends what was unacknowledged across a disconnect, losing no seq', async () => {
    const m = monitor({ startSeq: 1 });
    await m.onceConnected();
    await until(() => server.stored.size >= 30);

    // Acks get lost, then the connection drops: the monitor cannot know what was stored.
    server.mode = 'store-silently';
    await sleep(200);
    expect(m.stats().outbox).toBeGreaterThan(0);
    server.dropConnections();
    await until(() => !m.stats().connected);
    server.mode = 'ack';
    await sleep(150); // ticks while disconnected pile up in the outbox
    await until(() => m.stats().connected);
    await until(() => server.connections >= 2);
    const stats = await m.stop({ drainTimeoutMs: 3000 });

    expect(stats.outbox).toBe(0);
    expect(stats.resent).toBeGreaterThan(0);
    expect(stats.duplicate).toBeGreaterThan(0);
    const seqs = [...server.stored.keys()].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: stats.generated }, (_, i) => i + 1));
    // Each reading answered for exactly once: first-time stores plus those stored before the drop.
    expect(stats.accepted + stats.duplicate).toBe(stats.generated);
    expect(stats.acked).toBe(stats.generated);
  });

  it('resends a batch whose ack times out on a live connection', async () => {
    server.mode = 'store-silently';
    const m = monitor({ ackTimeoutMs: 150 });
    await m.onceConnected();
    await until(() => server.received.length > 0);
    await sleep(100);
    server.mode = 'ack';
    const stats = await m.stop({ drainTimeoutMs: 3000 });
    expect(stats.batchesUnanswered).toBeGreaterThan(0);
    expect(stats.resent).toBeGreaterThan(0);
    expect(stats.outbox).toBe(0);
    expect([...server.stored.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: stats.generated }, (_, i) => i + 1),
    );
  });

  it('forgets rejected readings and reports why', async () => {
    server.mode = { reject: 'device_not_bound' };
    const m = monitor();
    await m.onceConnected();
    await until(() => m.stats().rejected >= 12);
    const stats = await m.stop({ drainTimeoutMs: 2000 });
    expect(stats.outbox).toBe(0);
    expect(stats.resent).toBe(0);
    expect(stats.lastRejection).toMatchObject({ reason: 'device_not_bound' });
  });

  it('bounds the outbox while it cannot send, counting what it drops', async () => {
    const m = monitor({ token: 'wrong-token-0123456789', maxOutbox: 30, retryRefusedAfterMs: null });
    await until(() => m.stats().generated >= 60);
    const stats = m.stats();
    expect(stats.connected).toBe(false);
    expect(stats.lastError).toMatch(/unknown device token/);
    expect(stats.outbox).toBe(30);
    expect(stats.dropped).toBe(stats.generated - 30);
    expect(stats.sent).toBe(0);
  });

  it('applies an event triggered at runtime from the current model time', async () => {
    const m = monitor({ startElapsedSec: 600 });
    await m.onceConnected();
    const event = m.trigger({ type: 'sensor-off', durationSec: 60 });
    expect(event.atSec).toBeGreaterThanOrEqual(600);
    expect(event.atSec).toBeLessThan(605);
    const before = server.received.length;
    await until(() => server.received.length >= before + 30);
    await m.stop({ drainTimeoutMs: 2000 });
    const fresh = [...server.stored.values()].filter((r) => r.seq > before + 10);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.some((r) => r.vital === 'spo2')).toBe(false);
    expect(fresh.some((r) => r.vital === 'hr')).toBe(true);
  });
});
