import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  unpackReadingsMessage,
  type Ack,
  type AlarmEvent,
  type BatchResult,
  type ReadingsMessage,
  type SessionSnapshot,
} from '@infusion/shared';
import { nextEvent, startHarness, type DeviceClient, type Harness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

function send(device: DeviceClient, batch: unknown): Promise<Ack<BatchResult>> {
  return device.timeout(5000).emitWithAck('readings:batch', batch);
}

async function monitoredSession() {
  const device = await h.registerDevice();
  const session = await h.createSession();
  await h.bind(session.id, device.id);
  const socket = await h.device(device.token);
  return { device, session, socket };
}

describe('device namespace', () => {
  it('refuses a wrong token at the handshake with a specific reason', async () => {
    await expect(h.device('x'.repeat(40))).rejects.toMatchObject({ message: 'unknown device token' });
    await expect(h.device('short')).rejects.toMatchObject({ message: 'device token missing or malformed' });
  });

  it('stores a batch, answers per reading, and broadcasts only what was stored', async () => {
    const { device, session, socket } = await monitoredSession();
    const dashboard = await h.dashboard();
    const snapshot: Ack<SessionSnapshot> = await dashboard.emitWithAck('session:watch', { sessionId: session.id });
    expect(snapshot.ok).toBe(true);
    const broadcast = nextEvent<ReadingsMessage[]>(dashboard, 'readings');
    const now = Date.now();
    const ack = await send(socket, {
      protocolVersion: 1,
      readings: [
        { seq: 1, vital: 'hr', value: 72, measuredAt: now },
        { seq: 2, vital: 'glucose', value: 5, measuredAt: now },
        { seq: 3, vital: 'spo2', value: 130, measuredAt: now },
        { seq: 4, vital: 'spo2', value: 97 },
        { seq: 5, vital: 'rr', value: 14, measuredAt: now + 3_600_000 },
        'not a reading',
        { seq: 6, vital: 'sbp', value: 118, measuredAt: now },
      ],
    });
    expect(ack).toEqual({
      ok: true,
      data: {
        sessionId: session.id,
        results: [
          { seq: 1, status: 'accepted' },
          expect.objectContaining({ seq: 2, status: 'rejected', reason: 'unknown_vital' }),
          expect.objectContaining({
            seq: 3,
            status: 'rejected',
            reason: 'out_of_plausible_range',
            message: 'SpO2 130 is outside the plausible range 40–100 %',
          }),
          expect.objectContaining({ seq: 4, status: 'rejected', reason: 'malformed' }),
          expect.objectContaining({ seq: 5, status: 'rejected', reason: 'timestamp_in_future' }),
          expect.objectContaining({ seq: null, status: 'rejected', reason: 'malformed' }),
          { seq: 6, status: 'accepted' },
        ],
      },
    });
    const [message, ...more] = await broadcast;
    expect(more).toEqual([]);
    expect(message).toMatchObject({ sessionId: session.id, source: 'device', deviceId: device.id, enteredBy: null });
    const readings = message ? unpackReadingsMessage(message) : [];
    expect(readings.map((r) => [r.vital, r.value, r.seq])).toEqual([
      ['hr', 72, 1],
      ['sbp', 118, 6],
    ]);
    const stored = await h.request('GET', `/api/sessions/${session.id}/readings`);
    expect((stored.body as unknown[]).length).toBe(2);
  });

  it('acknowledges a resent reading again without storing it twice', async () => {
    const { session, socket } = await monitoredSession();
    const batch = { protocolVersion: 1, readings: [{ seq: 10, vital: 'hr', value: 80, measuredAt: Date.now() }] };
    expect(await send(socket, batch)).toMatchObject({ ok: true, data: { results: [{ status: 'accepted' }] } });
    expect(await send(socket, batch)).toMatchObject({ ok: true, data: { results: [{ status: 'duplicate' }] } });
    const changed = { ...batch, readings: [{ ...batch.readings[0], value: 81 }] };
    expect(await send(socket, changed)).toMatchObject({
      ok: true,
      data: { results: [{ status: 'rejected', reason: 'seq_conflict' }] },
    });
    const stored = await h.request('GET', `/api/sessions/${session.id}/readings`);
    expect(stored.body).toHaveLength(1);
  });

  it('refuses malformed and oversized batches whole, and keeps serving the device', async () => {
    const { socket } = await monitoredSession();
    expect(await send(socket, { readings: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(socket, { protocolVersion: 2, readings: [] })).toMatchObject({
      ok: false,
      error: { code: 'unsupported_protocol' },
    });
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ seq: i, vital: 'hr', value: 70, measuredAt: Date.now() }));
    expect(await send(socket, { protocolVersion: 1, readings: tooMany })).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    const ok = await send(socket, {
      protocolVersion: 1,
      readings: [{ seq: 1, vital: 'hr', value: 70, measuredAt: Date.now() }],
    });
    expect(ok).toMatchObject({ ok: true, data: { results: [{ status: 'accepted' }] } });
  });

  it('cuts off a client sending a message over the size limit without affecting others', async () => {
    const a = await monitoredSession();
    const b = await monitoredSession();
    const closed = new Promise<string>((resolve) => a.socket.once('disconnect', resolve));
    a.socket.emit('readings:batch', { protocolVersion: 1, readings: [], padding: 'x'.repeat(1_200_000) }, () => {});
    expect(await closed).toBeTruthy();
    const ok = await send(b.socket, {
      protocolVersion: 1,
      readings: [{ seq: 1, vital: 'hr', value: 70, measuredAt: Date.now() }],
    });
    expect(ok).toMatchObject({ ok: true });
  });

  it('rejects readings from a monitor that is not bound to a session', async () => {
    const device = await h.registerDevice();
    const socket = await h.device(device.token);
    const ack = await send(socket, {
      protocolVersion: 1,
      readings: [{ seq: 1, vital: 'hr', value: 70, measuredAt: Date.now() }],
    });
    expect(ack).toMatchObject({ ok: true, data: { sessionId: null, results: [{ reason: 'device_not_bound' }] } });
  });

  it('raises an immediate alarm on every dashboard watching, naming the value and the limit', async () => {
    const { session, socket } = await monitoredSession();
    const dashboard = await h.dashboard();
    await dashboard.emitWithAck('session:watch', { sessionId: session.id });
    const raised = nextEvent<AlarmEvent>(dashboard, 'alarm:event', (e) => e.type === 'raised');
    await send(socket, {
      protocolVersion: 1,
      readings: [{ seq: 1, vital: 'spo2', value: 75, measuredAt: Date.now() }],
    });
    const event = await raised;
    expect(event.alarm).toMatchObject({ priority: 'high', message: 'SpO2 75 < 80', vital: 'spo2', state: 'active' });
    const events = await h.request('GET', `/api/sessions/${session.id}/alarm-events`);
    expect(events.body).toEqual([expect.objectContaining({ type: 'raised' })]);
  });

  it('sends a ward screen the readings of a commit group together, each batch once, even of a session it watches', async () => {
    const a = await monitoredSession();
    const b = await monitoredSession();
    const wall = await h.dashboard();
    expect((await wall.emitWithAck('ward:watch', {})).ok).toBe(true);
    expect((await wall.emitWithAck('session:watch', { sessionId: a.session.id })).ok).toBe(true);
    const single: ReadingsMessage[] = [];
    const grouped: ReadingsMessage[][] = [];
    wall.on('readings', (m: ReadingsMessage[]) => single.push(...m));
    wall.on('ward:readings', (m: ReadingsMessage[]) => grouped.push(m));
    const now = Date.now();
    const acks = await Promise.all([
      send(a.socket, { protocolVersion: 1, readings: [{ seq: 1, vital: 'hr', value: 71, measuredAt: now }] }),
      send(b.socket, { protocolVersion: 1, readings: [{ seq: 1, vital: 'hr', value: 72, measuredAt: now }] }),
    ]);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    // One more round trip, so anything sent with those acknowledgements has arrived.
    await wall.emitWithAck('ward:watch', {});
    expect(single).toEqual([]);
    const delivered = grouped.flat();
    expect(delivered.map((m) => [m.sessionId, unpackReadingsMessage(m).map((r) => r.value)]).sort()).toEqual(
      [
        [a.session.id, [71]],
        [b.session.id, [72]],
      ].sort(),
    );
  });

  it('sends a screen the readings of the sessions it watches as lists, and no other session', async () => {
    const a = await monitoredSession();
    const b = await monitoredSession();
    const c = await monitoredSession();
    const screen = await h.dashboard();
    for (const watched of [a, b]) {
      expect((await screen.emitWithAck('session:watch', { sessionId: watched.session.id })).ok).toBe(true);
    }
    const received: ReadingsMessage[][] = [];
    screen.on('readings', (m: ReadingsMessage[]) => received.push(m));
    const now = Date.now();
    const acks = await Promise.all(
      [a, b, c].map((chair, i) =>
        send(chair.socket, { protocolVersion: 1, readings: [{ seq: 1, vital: 'hr', value: 70 + i, measuredAt: now }] }),
      ),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await screen.emitWithAck('session:watch', { sessionId: a.session.id });
    const delivered = received.flat();
    expect(delivered.map((m) => [m.sessionId, unpackReadingsMessage(m).map((r) => r.value)]).sort()).toEqual(
      [
        [a.session.id, [70]],
        [b.session.id, [71]],
      ].sort(),
    );
  });

  it("gives a screen that watches the ward's alarms only its alarms, not every session's readings", async () => {
    const { session, socket } = await monitoredSession();
    const banner = await h.dashboard();
    const wall = await h.dashboard();
    const alarmsOnly: Ack<{ readings: unknown[] }> = await banner.emitWithAck('ward:watch', { readings: false });
    expect(alarmsOnly).toMatchObject({ ok: true, data: { readings: [] } });
    expect((await wall.emitWithAck('ward:watch', {})).ok).toBe(true);
    const bannerReadings: ReadingsMessage[] = [];
    banner.on('readings', (m: ReadingsMessage[]) => bannerReadings.push(...m));
    const wallReadings = nextEvent<ReadingsMessage[]>(wall, 'ward:readings').then((messages) => messages[0]);
    const bannerAlarm = nextEvent<AlarmEvent>(banner, 'alarm:event', (e) => e.type === 'raised');
    await send(socket, {
      protocolVersion: 1,
      readings: [{ seq: 1, vital: 'spo2', value: 75, measuredAt: Date.now() }],
    });
    expect((await wallReadings)?.sessionId).toBe(session.id);
    expect((await bannerAlarm).alarm).toMatchObject({ sessionId: session.id, vital: 'spo2' });
    expect(bannerReadings).toEqual([]);
  });
});

describe('HTTP API', () => {
  it('rejects a bad session with the field named, and creates nothing', async () => {
    const res = await h.request('POST', '/api/sessions', {
      patient: { mrn: '', displayName: 'A' },
      location: 'Chair 1',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'invalid_payload',
      issues: [expect.objectContaining({ path: 'patient.mrn' })],
    });
    expect((await h.request('GET', '/api/sessions')).body).toEqual([]);
  });

  it('answers unknown routes, bad JSON and oversized bodies with JSON errors', async () => {
    expect(await h.request('GET', '/api/nope')).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await h.request('POST', '/api/devices', '{bad json')).toMatchObject({ status: 400 });
    const big = await h.request('POST', '/api/devices', { label: 'x'.repeat(100_000) });
    expect(big).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });
});
