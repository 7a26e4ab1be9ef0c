import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmEvent, Reading, Session } from '@infusion/shared';
import { ingestDeviceBatch } from '../readings/ingest.js';
import { Ward, type WardBroadcaster } from '../sessions/ward.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { createPatientModel, type SimulatedEvent } from '../simulator/index.js';
import { hashDeviceToken } from '../devices/tokens.js';

/**
 * Scripted scenarios through the real pipeline (validation, SQLite store, alarm engine) on a
 * simulated clock, so minutes of a session run in a moment and the alarm sequence in the
 * store is exact.
 */
let dir: string;
let store: Store;
let ward: Ward;
const broadcast: { readings: Reading[]; events: AlarmEvent[] } = { readings: [], events: [] };
const recorder: WardBroadcaster = {
  readings: (_id, readings) => broadcast.readings.push(...readings),
  alarmEvents: (_id, events) => broadcast.events.push(...events),
  sessionUpdated: () => {},
  clinicalEvent: () => {},
  profileChanged: () => {},
};
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-scenario-'));
  store = openSqliteStore(path.join(dir, 'scenario.db'));
  ward = new Ward(store, recorder, T0);
  broadcast.readings = [];
  broadcast.events = [];
});
afterEach(async () => {
  await ward.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function runScenario(seed: number, events: SimulatedEvent[], seconds: number): Promise<Session> {
  const model = createPatientModel({ seed, events, motionArtefacts: false, infusionStartSec: 0 });
  const device = store.createDevice('Scenario monitor', hashDeviceToken(`scenario-${seed}`));
  const patient = store.upsertPatient({ mrn: `S-${seed}`, displayName: 'Scenario Patient', weightKg: 70 });
  let session = store.createSession({
    patientId: patient.id,
    location: 'Chair 1',
    state: 'infusing',
    protocolId: 'default',
    deviceId: device.id,
    plannedDurationMin: 40,
    createdAt: T0,
    infusionStartedAt: T0,
    endedAt: null,
    baseline: { ...model.baseline },
    recoveryStartedAt: null,
    doseMgPerKg: 0.5,
    rateMgPerKgPerHour: 0.75,
    course: null,
    checklist: { consent: true, fasting: true, transportHome: true, baselineVitals: true },
  });
  await ward.sessionChanged(session, T0);
  await ward.deviceConnection(device.id, true, T0);
  let seq = 1;
  for (let t = 0; t <= seconds; t++) {
    const now = T0 + t * 1000;
    const sample = model.sample(t);
    const readings = Object.entries(sample).map(([vital, value]) => ({ seq: seq++, vital, value, measuredAt: now }));
    const ack = await ingestDeviceBatch(ward, recorder, device.id, { protocolVersion: 1, readings }, now);
    expect(ack.ok).toBe(true);
    await ward.tick(now);
  }
  session = store.getSession(session.id) ?? session;
  return session;
}

const summary = (events: AlarmEvent[]) =>
  events
    .filter((e) => !e.alarm.condition.startsWith('check.'))
    .map((e) => `${Math.round((e.at - T0) / 1000)}s ${e.type} ${e.alarm.priority} ${e.alarm.message}`);

describe('scripted scenarios give exactly the expected alarm sequence in the store', () => {
  it('a desaturation: delayed high alarm, escalation, latched after recovery until acknowledged', async () => {
    const session = await runScenario(11, [{ type: 'desaturation', atSec: 60, durationSec: 60 }], 240);
    const stored = store.alarmEventsForSession(session.id);
    const lines = summary(stored);
    expect(lines.filter((l) => l.includes('SpO2'))[0]).toMatch(/^[78][0-9]s raised (medium|high) SpO2 \d+ < (92|90)$/);
    // The first event is no earlier than the 15 s SpO2 delay after the value crossed 92 %.
    const types = stored.filter((e) => e.alarm.condition === 'spo2.limit').map((e) => e.type);
    // The value recovers before anyone acknowledges: the alarm latches, and still escalates.
    expect(types).toEqual(['raised', 'priority-raised', 'condition-ended', 'escalated']);
    const latched = ward.alarmsFor(session.id).find((a) => a.condition === 'spo2.limit');
    expect(latched).toMatchObject({ state: 'latched', priority: 'high', acknowledgedAt: null });
    expect(broadcast.events.map((e) => e.type)).toEqual(stored.map((e) => e.type));
    expect(lines).toMatchSnapshot();
  });

  it('a hypertensive surge: SBP and DBP limits and the rise over baseline', async () => {
    const session = await runScenario(23, [{ type: 'hypertensive-surge', atSec: 30, durationSec: 90 }], 240);
    const stored = store.alarmEventsForSession(session.id);
    const conditions = new Set(stored.filter((e) => e.type === 'raised').map((e) => e.alarm.condition));
    expect(conditions).toEqual(new Set(['sbp.limit', 'dbp.limit', 'sbp.baseline']));
    expect(stored.find((e) => e.alarm.condition === 'sbp.limit' && e.type !== 'raised')).toBeDefined();
    expect(summary(stored)).toMatchSnapshot();
  });

  it('a quiet session raises nothing physiological', async () => {
    const session = await runScenario(5, [], 180);
    const raised = store.alarmEventsForSession(session.id).filter((e) => e.type === 'raised');
    expect(raised.filter((e) => e.alarm.kind === 'physiological')).toEqual([]);
  });

  it('a sensor coming off raises the technical no-data alarm, cleared when data returns', async () => {
    const session = await runScenario(7, [{ type: 'sensor-off', atSec: 30, durationSec: 40 }], 120);
    const events = store.alarmEventsForSession(session.id).filter((e) => e.alarm.condition === 'spo2.no-data');
    expect(events.map((e) => [e.type, e.alarm.kind, e.alarm.message])).toEqual([
      ['raised', 'technical', 'SpO2: no data for 15 s'],
      ['cleared', 'technical', 'SpO2: no data for 15 s'],
    ]);
    expect(Math.round(((events[0]?.at ?? 0) - T0) / 1000)).toBe(44); // last reading at 29 s + the 15 s no-data limit
  });

  it('refuses a batch that arrives while an ended session is being settled, and stores none of it', async () => {
    const session = await runScenario(12, [], 5);
    const stored = store.readingsForSession(session.id, {}).length;
    const ended = store.updateSession(session.id, { state: 'ended-early', endedAt: T0 + 6_000 });
    const settling = ward.sessionChanged(ended, T0 + 6_000);
    const ack = await ingestDeviceBatch(
      ward,
      recorder,
      session.deviceId ?? '',
      { protocolVersion: 1, readings: [{ seq: 10_000, vital: 'hr', value: 70, measuredAt: T0 + 6_000 }] },
      T0 + 6_000,
    );
    await settling;
    expect(ack).toMatchObject({
      ok: true,
      data: { results: [{ status: 'rejected', reason: 'session_not_monitoring' }] },
    });
    expect(store.readingsForSession(session.id, {}).length).toBe(stored);
  });

  it('restores active and latched alarms after a restart from the same file', async () => {
    const session = await runScenario(11, [{ type: 'desaturation', atSec: 60, durationSec: 60 }], 240);
    const before = ward.alarmsFor(session.id);
    await ward.close();
    store.close();
    store = openSqliteStore(path.join(dir, 'scenario.db'));
    ward = new Ward(store, recorder, T0 + 241_000);
    expect(ward.alarmsFor(session.id)).toEqual(before);
  });
});
