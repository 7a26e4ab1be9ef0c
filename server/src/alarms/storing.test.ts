import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE,
  activeAlarms,
  initialAlarmState,
  stepAlarmReadings,
  stepAlarms,
  type AlarmEngineState,
  type AlarmReadingInput,
  type VitalCode,
} from '@infusion/shared';
import { ALARM_CLOCKS_STORED_EVERY_MS, mustStoreAlarmState } from './storing.js';

const T0 = 1_700_000_000_000;

const start = (): AlarmEngineState => initialAlarmState('s1', 'infusing', { hr: 70, sbp: 120 }, T0);
const reading = (at: number, vital: VitalCode, value: number): AlarmReadingInput => ({
  type: 'reading',
  at,
  vital,
  value,
  measuredAt: at,
  source: 'device',
});
const feed = (state: AlarmEngineState, ...inputs: AlarmReadingInput[]): AlarmEngineState =>
  stepAlarmReadings(DEFAULT_PROFILE, state, inputs).state;

describe('when an alarm state must be stored', () => {
  it('stores a state never stored before', () => {
    expect(mustStoreAlarmState(undefined, start())).toBe(true);
  });

  it('leaves a change of clocks alone for up to 5 s, then stores it', () => {
    const stored = feed(start(), reading(T0 + 1_000, 'hr', 72));
    const later = feed(stored, reading(T0 + 2_000, 'hr', 73));
    expect(later.lastDeviceReadingAt.hr).toBe(T0 + 2_000);
    expect(mustStoreAlarmState(stored, later)).toBe(false);
    const fiveLater = feed(stored, reading(T0 + 1_000 + ALARM_CLOCKS_STORED_EVERY_MS, 'hr', 73));
    expect(mustStoreAlarmState(stored, fiveLater)).toBe(true);
  });

  it('stores at once a vital seen for the first time (its no-data watch starts there)', () => {
    const stored = feed(start(), reading(T0 + 1_000, 'hr', 72));
    expect(mustStoreAlarmState(stored, feed(stored, reading(T0 + 1_500, 'spo2', 97)))).toBe(true);
  });

  it('stores at once a reading that starts a delay or raises an alarm', () => {
    const stored = feed(start(), reading(T0 + 1_000, 'spo2', 97));
    // SpO2 89: under the medium limit, which has a delay: a pending condition, no alarm yet.
    const pending = feed(stored, reading(T0 + 1_100, 'spo2', 89));
    expect(Object.keys(pending.pending)).not.toHaveLength(0);
    expect(mustStoreAlarmState(stored, pending)).toBe(true);
    // SpO2 75: under the crisis limit: raised at once.
    const raised = feed(stored, reading(T0 + 1_100, 'spo2', 75));
    expect(activeAlarms(raised)).not.toHaveLength(0);
    expect(mustStoreAlarmState(stored, raised)).toBe(true);
  });

  it('stores at once an acknowledgement, a monitor going away and a session change', () => {
    const raised = feed(start(), reading(T0 + 1_000, 'spo2', 75));
    const alarm = activeAlarms(raised)[0];
    if (!alarm) throw new Error('expected an alarm');
    const acked = stepAlarms(DEFAULT_PROFILE, raised, {
      type: 'acknowledge',
      at: T0 + 1_200,
      alarmId: alarm.id,
      by: 'Nora',
    }).state;
    expect(mustStoreAlarmState(raised, acked)).toBe(true);
    const gone = stepAlarms(DEFAULT_PROFILE, raised, {
      type: 'device-connection',
      at: T0 + 1_200,
      connected: false,
    }).state;
    expect(mustStoreAlarmState(raised, gone)).toBe(true);
    const recovering = stepAlarms(DEFAULT_PROFILE, raised, {
      type: 'session-changed',
      at: T0 + 1_200,
      sessionState: 'recovery',
      baseline: raised.baseline,
    }).state;
    expect(mustStoreAlarmState(raised, recovering)).toBe(true);
  });

  /**
   * The safety argument, checked over random sessions: what is stored differs from the live
   * state only in clocks that are behind, by under 5 s of engine time; and a server restored
   * from it raises, at any later moment, every alarm the live server would (no-data and
   * overdue checks possibly sooner).
   */
  it('keeps the stored state equal to the live one but for clocks, and never later to alarm after a restore', () => {
    const vitalReading = fc.record({
      dt: fc.integer({ min: 0, max: 3_000 }),
      vital: fc.constantFrom<VitalCode>('hr', 'spo2', 'sbp', 'rr'),
      value: fc.oneof(fc.integer({ min: 40, max: 200 }), fc.constantFrom(97, 89, 75, 120, 70)),
    });
    fc.assert(
      fc.property(
        fc.array(vitalReading, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 120_000 }),
        (readings, later) => {
          let live = start();
          let stored = live;
          let at = T0;
          for (const r of readings) {
            at += r.dt;
            const next = feed(live, reading(at, r.vital, r.value));
            if (mustStoreAlarmState(stored, next)) stored = next;
            live = next;
            const { now, lastDeviceReadingAt, lastCheckAt, ...durable } = live;
            expect(stored).toMatchObject(durable);
            expect(now - stored.now).toBeLessThan(ALARM_CLOCKS_STORED_EVERY_MS);
            expect(Object.keys(stored.lastDeviceReadingAt).sort()).toEqual(Object.keys(lastDeviceReadingAt).sort());
            for (const [vital, t] of Object.entries(stored.lastDeviceReadingAt)) {
              expect(t).toBeLessThanOrEqual(lastDeviceReadingAt[vital as VitalCode] ?? -1);
            }
            for (const [vital, t] of Object.entries(stored.lastCheckAt)) {
              expect(t).toBeLessThanOrEqual(lastCheckAt[vital as VitalCode] ?? -1);
            }
          }
          const tick = { type: 'tick', at: at + later } as const;
          const fromLive = activeAlarms(stepAlarms(DEFAULT_PROFILE, live, tick).state).map((a) => a.condition);
          const fromStored = activeAlarms(stepAlarms(DEFAULT_PROFILE, stored, tick).state).map((a) => a.condition);
          expect(fromStored).toEqual(expect.arrayContaining(fromLive));
        },
      ),
      { numRuns: 300 },
    );
  });
});
