import { describe, expect, it } from 'vitest';
import type { ReadingSource } from '../readings/schemas.js';
import type { Baseline, SessionState } from '../sessions/schemas.js';
import { DEFAULT_PROFILE, ThresholdProfile } from '../thresholds/profile.js';
import type { VitalCode } from '../vitals/catalogue.js';
import {
  activeAlarms,
  initialAlarmState,
  isAudible,
  stepAlarms,
  type AlarmEngineState,
  type AlarmInput,
  type AlarmStepResult,
} from './engine.js';
import type { Alarm, AlarmEvent, AlarmEventType } from './schemas.js';

const T0 = 1_700_000_000_000;
/** Epoch ms `sec` seconds into the test. */
const t = (sec: number): number => T0 + Math.round(sec * 1000);
const MIN = 60;

/**
 * The default limits and timings without the manual-check reminders, so tests of the limits
 * are not interrupted by a "check overdue" every 10 minutes; those have their own tests.
 */
const LIMITS_ONLY = ThresholdProfile.parse({ ...DEFAULT_PROFILE, manualChecks: [] });

/** Freezes a value and everything in it, so any write by the engine throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Drives one session's engine. Every state handed to `stepAlarms` is deep-frozen first, so a
 * test fails if the engine ever writes to its input.
 */
class Session {
  state: AlarmEngineState;
  readonly log: AlarmEvent[] = [];

  constructor(
    sessionState: SessionState = 'infusing',
    baseline: Baseline = {},
    readonly profile: ThresholdProfile = LIMITS_ONLY,
  ) {
    this.state = initialAlarmState('s1', sessionState, baseline, t(0));
  }

  step(input: AlarmInput): AlarmStepResult {
    const before = deepFreeze(this.state);
    const snapshot = JSON.stringify(before);
    const result = stepAlarms(this.profile, before, input);
    expect(JSON.stringify(before)).toBe(snapshot);
    for (const e of result.events) expect(e.at).toBe(input.at);
    this.state = result.state;
    this.log.push(...result.events);
    return result;
  }

  reading(sec: number, vital: VitalCode, value: number, source: ReadingSource = 'device'): AlarmEvent[] {
    return this.step({ type: 'reading', at: t(sec), vital, value, measuredAt: t(sec), source }).events;
  }

  tick(sec: number): AlarmEvent[] {
    return this.step({ type: 'tick', at: t(sec) }).events;
  }

  /** A reading and a tick every second from `from` to `to` inclusive; the events of them all. */
  hold(from: number, to: number, vital: VitalCode, value: number, source: ReadingSource = 'device'): AlarmEvent[] {
    const events: AlarmEvent[] = [];
    for (let sec = from; sec <= to; sec++) {
      events.push(...this.reading(sec, vital, value, source), ...this.tick(sec));
    }
    return events;
  }

  /** A tick every second from `from` to `to` inclusive. */
  ticks(from: number, to: number): AlarmEvent[] {
    const events: AlarmEvent[] = [];
    for (let sec = from; sec <= to; sec++) events.push(...this.tick(sec));
    return events;
  }

  ack(sec: number, alarmId: string, by = 'nurse.a'): AlarmStepResult {
    return this.step({ type: 'acknowledge', at: t(sec), alarmId, by });
  }

  pause(sec: number, alarmId?: string, by = 'nurse.a'): AlarmStepResult {
    return this.step({ type: 'pause-audio', at: t(sec), alarmId, by });
  }

  session(sec: number, sessionState: SessionState, baseline: Baseline = this.state.baseline): AlarmEvent[] {
    return this.step({ type: 'session-changed', at: t(sec), sessionState, baseline }).events;
  }

  device(sec: number, connected: boolean): AlarmEvent[] {
    return this.step({ type: 'device-connection', at: t(sec), connected }).events;
  }

  alarm(condition: string): Alarm | undefined {
    return this.state.alarms[condition]?.alarm;
  }

  /** The alarm on `condition`, which the test expects to exist. */
  must(condition: string): Alarm {
    const alarm = this.alarm(condition);
    if (!alarm) throw new Error(`no alarm on ${condition}; alarms: ${Object.keys(this.state.alarms).join(', ')}`);
    return alarm;
  }
}

const types = (events: AlarmEvent[]): AlarmEventType[] => events.map((e) => e.type);
const summary = (events: AlarmEvent[]) =>
  events.map((e) => ({ type: e.type, condition: e.alarm.condition, priority: e.alarm.priority }));

describe('initialAlarmState', () => {
  it('starts with nothing alarming or pending', () => {
    expect(initialAlarmState('abc', 'pre-check', { sbp: 120 }, t(0))).toEqual({
      sessionId: 'abc',
      sessionState: 'pre-check',
      sessionStateSince: t(0),
      baseline: { sbp: 120 },
      alarms: {},
      pending: {},
      lastDeviceReadingAt: {},
      lastCheckAt: {},
      deviceConnected: null,
      alarmCount: 0,
      now: t(0),
    });
  });
});

describe('alarm delay', () => {
  it('SpO2 88 for 14 s does not alarm; at 15 s it alarms, high', () => {
    const s = new Session();
    expect(s.hold(0, 14, 'spo2', 88)).toEqual([]);
    const events = s.hold(15, 15, 'spo2', 88);
    expect(summary(events)).toEqual([{ type: 'raised', condition: 'spo2.limit', priority: 'high' }]);
    expect(s.must('spo2.limit')).toMatchObject({
      kind: 'physiological',
      vital: 'spo2',
      priority: 'high',
      message: 'SpO2 88 < 90',
      value: 88,
      state: 'active',
      raisedAt: t(15),
      acknowledgedAt: null,
    });
  });

  it('a single low SpO2 reading followed only by ticks alarms when the delay runs out', () => {
    const s = new Session();
    expect(s.reading(0, 'spo2', 88, 'manual')).toEqual([]);
    expect(s.ticks(1, 14)).toEqual([]);
    expect(types(s.tick(15))).toEqual(['raised']);
  });

  it('a value back inside the limits restarts the delay', () => {
    const s = new Session();
    s.hold(0, 10, 'spo2', 88);
    s.reading(10.5, 'spo2', 95);
    expect(s.hold(11, 25, 'spo2', 88)).toEqual([]);
    expect(types(s.hold(26, 26, 'spo2', 88))).toEqual(['raised']);
  });

  it.each([
    { vital: 'sbp', value: 170, delay: 5, message: 'SBP 170 > 160' },
    { vital: 'sbp', value: 85, delay: 5, message: 'SBP 85 < 90' },
    { vital: 'dbp', value: 105, delay: 5, message: 'DBP 105 > 100' },
    { vital: 'hr', value: 130, delay: 5, message: 'HR 130 > 120' },
    { vital: 'hr', value: 45, delay: 5, message: 'HR 45 < 50' },
    { vital: 'spo2', value: 91, delay: 15, message: 'SpO2 91 < 92' },
    { vital: 'rr', value: 9, delay: 10, message: 'RR 9 < 10' },
    { vital: 'rr', value: 35, delay: 10, message: 'RR 35 > 30' },
  ] as const)('$vital $value alarms medium after $delay s, not before', ({ vital, value, delay, message }) => {
    const s = new Session();
    expect(s.hold(0, delay - 1, vital, value)).toEqual([]);
    expect(summary(s.hold(delay, delay, vital, value))).toEqual([
      { type: 'raised', condition: `${vital}.limit`, priority: 'medium' },
    ]);
    expect(s.must(`${vital}.limit`).message).toBe(message);
  });

  it.each([
    { vital: 'sbp', value: 190, delay: 5, message: 'SBP 190 ≥ 180' },
    { vital: 'sbp', value: 75, delay: 5, message: 'SBP 75 < 80' },
    { vital: 'dbp', value: 115, delay: 5, message: 'DBP 115 ≥ 110' },
    { vital: 'hr', value: 150, delay: 5, message: 'HR 150 > 140' },
    { vital: 'hr', value: 35, delay: 5, message: 'HR 35 < 40' },
    { vital: 'rr', value: 6, delay: 10, message: 'RR 6 < 8' },
  ] as const)('$vital $value alarms high after $delay s, not before', ({ vital, value, delay, message }) => {
    const s = new Session();
    expect(s.hold(0, delay - 1, vital, value)).toEqual([]);
    expect(summary(s.hold(delay, delay, vital, value))).toEqual([
      { type: 'raised', condition: `${vital}.limit`, priority: 'high' },
    ]);
    expect(s.must(`${vital}.limit`).message).toBe(message);
  });

  it('MOAA/S has no delay: a charted 3 alarms at once (medium), a 1 at once (high)', () => {
    const s = new Session();
    expect(summary(s.reading(0, 'moaas', 3, 'manual'))).toEqual([
      { type: 'raised', condition: 'moaas.limit', priority: 'medium' },
    ]);
    expect(s.must('moaas.limit').message).toBe('MOAA/S 3 ≤ 3');
    expect(summary(s.reading(60, 'moaas', 1, 'manual'))).toEqual([
      { type: 'priority-raised', condition: 'moaas.limit', priority: 'high' },
    ]);
    expect(s.must('moaas.limit').message).toBe('MOAA/S 1 ≤ 1');
  });

  it.each([
    { vital: 'hr', value: 150, normal: 80 },
    { vital: 'hr', value: 30, normal: 80 },
    { vital: 'sbp', value: 195, normal: 130 },
    { vital: 'sbp', value: 70, normal: 130 },
    { vital: 'dbp', value: 115, normal: 80 },
    { vital: 'spo2', value: 85, normal: 97 },
    { vital: 'rr', value: 4, normal: 14 },
    { vital: 'rr', value: 45, normal: 14 },
  ] as const)('a 2-s motion artefact ($vital $value) never alarms', ({ vital, value, normal }) => {
    const s = new Session();
    s.hold(0, 9, vital, normal);
    s.hold(10, 11, vital, value);
    s.hold(12, 120, vital, normal);
    expect(s.log).toEqual([]);
    expect(s.state.alarms).toEqual({});
    expect(s.state.pending).toEqual({});
  });

  it.each([
    { vital: 'sbp', value: 200, message: 'SBP 200 ≥ 200' },
    { vital: 'sbp', value: 230, message: 'SBP 230 ≥ 200' },
    { vital: 'dbp', value: 120, message: 'DBP 120 ≥ 120' },
    { vital: 'spo2', value: 79, message: 'SpO2 79 < 80' },
  ] as const)('immediate limit: $vital $value alarms high at once', ({ vital, value, message }) => {
    const s = new Session();
    expect(summary(s.reading(0, vital, value))).toEqual([
      { type: 'raised', condition: `${vital}.limit`, priority: 'high' },
    ]);
    expect(s.must(`${vital}.limit`)).toMatchObject({ message, raisedAt: t(0), state: 'active' });
  });

  it('a new profile judges a building condition afresh', () => {
    const s = new Session();
    s.hold(0, 10, 'spo2', 88);
    s.step({ type: 'profile-changed', at: t(10.5) });
    expect(s.state.pending).toEqual({});
    expect(s.hold(11, 25, 'spo2', 88)).toEqual([]);
    expect(types(s.hold(26, 26, 'spo2', 88))).toEqual(['raised']);
  });
});

describe('priority raise', () => {
  it('medium → high once the high limit has held its own delay: "priority-raised"', () => {
    const s = new Session();
    s.hold(0, 14, 'spo2', 91);
    expect(summary(s.hold(15, 15, 'spo2', 91))).toEqual([
      { type: 'raised', condition: 'spo2.limit', priority: 'medium' },
    ]);
    const id = s.must('spo2.limit').id;
    expect(s.hold(20, 34, 'spo2', 88)).toEqual([]);
    expect(s.must('spo2.limit').priority).toBe('medium');
    expect(s.must('spo2.limit').value).toBe(88);
    expect(summary(s.hold(35, 35, 'spo2', 88))).toEqual([
      { type: 'priority-raised', condition: 'spo2.limit', priority: 'high' },
    ]);
    expect(s.must('spo2.limit')).toMatchObject({ id, priority: 'high', message: 'SpO2 88 < 90', raisedAt: t(15) });
  });

  it('a raised priority needs a fresh acknowledgement and sounds again', () => {
    const s = new Session();
    s.hold(0, 15, 'spo2', 91);
    const id = s.must('spo2.limit').id;
    s.ack(16, id);
    expect(s.must('spo2.limit').acknowledgedAt).toBe(t(16));
    s.hold(20, 35, 'spo2', 88);
    expect(s.must('spo2.limit')).toMatchObject({
      priority: 'high',
      acknowledgedAt: null,
      acknowledgedBy: null,
      audioPausedUntil: null,
    });
    expect(s.ack(36, id).refusal).toBeUndefined();
  });

  it('an immediate limit raises the priority at once', () => {
    const s = new Session();
    s.hold(0, 15, 'spo2', 91);
    expect(summary(s.reading(16, 'spo2', 75))).toEqual([
      { type: 'priority-raised', condition: 'spo2.limit', priority: 'high' },
    ]);
    expect(s.must('spo2.limit').message).toBe('SpO2 75 < 80');
  });

  it('a dip back to the medium band restarts the high delay', () => {
    const s = new Session();
    s.hold(0, 15, 'spo2', 91);
    s.hold(16, 25, 'spo2', 88);
    s.hold(26, 26, 'spo2', 91);
    expect(s.hold(27, 41, 'spo2', 88)).toEqual([]);
    expect(types(s.hold(42, 42, 'spo2', 88))).toEqual(['priority-raised']);
  });

  // Regression: when the medium alarm was raised while the high condition was still building,
  // the high condition's start was forgotten and the priority raise came a whole delay late.
  it('a high condition that began before the medium alarm was raised keeps its start', () => {
    const s = new Session();
    s.hold(0, 9, 'spo2', 91);
    s.hold(10, 14, 'spo2', 88);
    expect(summary(s.hold(15, 15, 'spo2', 88))).toEqual([
      { type: 'raised', condition: 'spo2.limit', priority: 'medium' },
    ]);
    // The high limit was crossed but has not held long enough: the message names the medium limit.
    expect(s.must('spo2.limit').message).toBe('SpO2 88 < 92');
    expect(s.hold(16, 24, 'spo2', 88)).toEqual([]);
    expect(summary(s.hold(25, 25, 'spo2', 88))).toEqual([
      { type: 'priority-raised', condition: 'spo2.limit', priority: 'high' },
    ]);
  });

  it('the same, driven by ticks alone', () => {
    const s = new Session();
    s.reading(0, 'spo2', 91, 'manual');
    expect(s.ticks(1, 9)).toEqual([]);
    s.reading(10, 'spo2', 88, 'manual');
    expect(s.ticks(10, 14)).toEqual([]);
    expect(types(s.tick(15))).toEqual(['raised']);
    expect(s.ticks(16, 24)).toEqual([]);
    expect(types(s.tick(25))).toEqual(['priority-raised']);
  });
});

describe('clearing with hysteresis', () => {
  it('a medium SBP alarm clears without acknowledgement once SBP is 5 back inside the limit', () => {
    const s = new Session();
    s.hold(0, 5, 'sbp', 170);
    const alarm = s.must('sbp.limit');
    expect(s.reading(6, 'sbp', 160)).toEqual([]);
    expect(s.reading(7, 'sbp', 156)).toEqual([]);
    expect(s.must('sbp.limit').state).toBe('active');
    const events = s.reading(8, 'sbp', 155);
    expect(summary(events)).toEqual([{ type: 'cleared', condition: 'sbp.limit', priority: 'medium' }]);
    expect(events[0]?.alarm.id).toBe(alarm.id);
    expect(events[0]?.by).toBeNull();
    expect(s.alarm('sbp.limit')).toBeUndefined();
  });

  it('in the hysteresis band the alarm stays on', () => {
    const s = new Session();
    s.hold(0, 15, 'spo2', 91);
    expect(s.hold(16, 60, 'spo2', 92)).toEqual([]);
    expect(s.must('spo2.limit').state).toBe('active');
    expect(s.state.pending).toEqual({});
    expect(types(s.reading(61, 'spo2', 93))).toEqual(['cleared']);
  });

  it.each([
    { vital: 'hr', alarmAt: 130, stays: 118, clears: 117 },
    { vital: 'hr', alarmAt: 45, stays: 52, clears: 53 },
    { vital: 'dbp', alarmAt: 105, stays: 98, clears: 97 },
    { vital: 'sbp', alarmAt: 85, stays: 94, clears: 95 },
    { vital: 'rr', alarmAt: 9, stays: 10, clears: 11 },
    { vital: 'rr', alarmAt: 33, stays: 30, clears: 29 },
  ] as const)(
    '$vital medium alarm at $alarmAt: still on at $stays, cleared at $clears',
    ({ vital, alarmAt, stays, clears }) => {
      const s = new Session();
      s.hold(0, 10, vital, alarmAt);
      expect(s.must(`${vital}.limit`).priority).toBe('medium');
      expect(s.reading(11, vital, stays)).toEqual([]);
      expect(types(s.reading(12, vital, clears))).toEqual(['cleared']);
    },
  );

  it('MOAA/S has no hysteresis: a 4 clears a "≤ 3" alarm', () => {
    const s = new Session();
    s.reading(0, 'moaas', 3, 'manual');
    expect(types(s.reading(60, 'moaas', 4, 'manual'))).toEqual(['cleared']);
  });

  it('a high alarm is measured against the least urgent limit of its side', () => {
    const s = new Session();
    s.hold(0, 5, 'sbp', 190);
    s.ack(6, s.must('sbp.limit').id);
    expect(s.reading(7, 'sbp', 170)).toEqual([]);
    expect(s.reading(8, 'sbp', 156)).toEqual([]);
    expect(types(s.reading(9, 'sbp', 155))).toEqual(['cleared']);
  });
});

describe('latching of high-priority alarms', () => {
  function highSpo2(): Session {
    const s = new Session();
    s.hold(0, 15, 'spo2', 88);
    expect(s.must('spo2.limit').priority).toBe('high');
    return s;
  }

  it('the value recovers → "condition-ended", latched, and it stays until acknowledged', () => {
    const s = highSpo2();
    const id = s.must('spo2.limit').id;
    const ended = s.reading(16, 'spo2', 96);
    expect(summary(ended)).toEqual([{ type: 'condition-ended', condition: 'spo2.limit', priority: 'high' }]);
    expect(s.must('spo2.limit').state).toBe('latched');
    expect(s.hold(17, 600, 'spo2', 97).filter((e) => e.type !== 'escalated' && e.type !== 'audio-resumed')).toEqual([]);
    expect(s.must('spo2.limit')).toMatchObject({ id, state: 'latched' });
    const acked = s.ack(601, id, 'nurse.b');
    expect(acked.refusal).toBeUndefined();
    expect(acked.events.map((e) => [e.type, e.by])).toEqual([
      ['acknowledged', 'nurse.b'],
      ['cleared', 'nurse.b'],
    ]);
    expect(acked.events[0]?.alarm).toMatchObject({ acknowledgedAt: t(601), acknowledgedBy: 'nurse.b' });
    expect(s.alarm('spo2.limit')).toBeUndefined();
  });

  it('only one "condition-ended" however long it stays latched', () => {
    const s = highSpo2();
    s.hold(16, 30, 'spo2', 96);
    expect(s.log.filter((e) => e.type === 'condition-ended')).toHaveLength(1);
  });

  it('a latched alarm is live again when the condition returns (same alarm, no new "raised")', () => {
    const s = highSpo2();
    const id = s.must('spo2.limit').id;
    s.reading(16, 'spo2', 96);
    expect(s.reading(20, 'spo2', 91)).toEqual([]);
    expect(s.must('spo2.limit')).toMatchObject({ id, state: 'active', value: 91, priority: 'high' });
  });

  it('an acknowledged high alarm clears on recovery without latching', () => {
    const s = highSpo2();
    s.ack(16, s.must('spo2.limit').id);
    expect(s.must('spo2.limit').state).toBe('active');
    expect(types(s.reading(17, 'spo2', 95))).toEqual(['cleared']);
  });

  it('an immediate alarm latches too', () => {
    const s = new Session();
    s.reading(0, 'sbp', 210);
    expect(types(s.reading(60, 'sbp', 130))).toEqual(['condition-ended']);
    expect(s.must('sbp.limit').state).toBe('latched');
  });

  it('medium alarms never latch', () => {
    const s = new Session();
    s.hold(0, 5, 'hr', 130);
    expect(types(s.reading(6, 'hr', 80))).toEqual(['cleared']);
  });

  // Regression: a swing straight from one side to the other (bradycardia to tachycardia) cleared
  // the unacknowledged high alarm of the first side without anyone acknowledging it.
  it('a swing to the other side latches an unacknowledged high alarm instead of clearing it', () => {
    const s = new Session();
    s.hold(0, 5, 'hr', 35);
    const brady = s.must('hr.limit');
    expect(brady.priority).toBe('high');
    expect(summary(s.reading(6, 'hr', 130))).toEqual([
      { type: 'condition-ended', condition: 'hr.limit', priority: 'high' },
    ]);
    expect(s.hold(7, 40, 'hr', 130).filter((e) => e.type === 'cleared' || e.type === 'raised')).toEqual([]);
    expect(s.must('hr.limit')).toMatchObject({ id: brady.id, state: 'latched', message: 'HR 35 < 40' });
    // Acknowledged, it clears; the tachycardia, held long past its delay, alarms on the next tick.
    expect(types(s.ack(41, brady.id).events)).toEqual(['acknowledged', 'cleared']);
    expect(summary(s.tick(42))).toEqual([{ type: 'raised', condition: 'hr.limit', priority: 'medium' }]);
    expect(s.must('hr.limit').message).toBe('HR 130 > 120');
  });

  it('a swing to an immediate limit on the other side also keeps the unacknowledged alarm', () => {
    const s = new Session();
    s.hold(0, 5, 'sbp', 75);
    const low = s.must('sbp.limit');
    expect(types(s.reading(6, 'sbp', 210))).toEqual(['condition-ended']);
    expect(s.must('sbp.limit')).toMatchObject({ id: low.id, state: 'latched', message: 'SBP 75 < 80' });
    expect(types(s.ack(7, low.id).events)).toEqual(['acknowledged', 'cleared']);
    expect(summary(s.reading(8, 'sbp', 210))).toEqual([{ type: 'raised', condition: 'sbp.limit', priority: 'high' }]);
    expect(s.must('sbp.limit').message).toBe('SBP 210 ≥ 200');
  });

  it('a swing clears an acknowledged or medium alarm, and the new side waits its own delay', () => {
    const s = new Session();
    s.hold(0, 5, 'hr', 45);
    expect(s.must('hr.limit').priority).toBe('medium');
    expect(types(s.reading(6, 'hr', 130))).toEqual(['cleared']);
    expect(s.hold(7, 10, 'hr', 130)).toEqual([]);
    expect(summary(s.hold(11, 11, 'hr', 130))).toEqual([{ type: 'raised', condition: 'hr.limit', priority: 'medium' }]);

    const u = new Session();
    u.hold(0, 5, 'hr', 35);
    u.ack(6, u.must('hr.limit').id);
    expect(types(u.reading(7, 'hr', 130))).toEqual(['cleared']);
  });

  it('an immediate limit on the other side of a medium alarm replaces it at once', () => {
    const s = new Session();
    s.hold(0, 5, 'sbp', 85);
    expect(summary(s.reading(6, 'sbp', 205))).toEqual([
      { type: 'cleared', condition: 'sbp.limit', priority: 'medium' },
      { type: 'raised', condition: 'sbp.limit', priority: 'high' },
    ]);
    expect(s.must('sbp.limit').message).toBe('SBP 205 ≥ 200');
  });
});

describe('acknowledgement', () => {
  it('records who and when, and stops the audio', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75);
    const id = s.must('spo2.limit').id;
    s.pause(1, id);
    const result = s.ack(5, id, 'nurse.c');
    expect(result.refusal).toBeUndefined();
    expect(summary(result.events)).toEqual([{ type: 'acknowledged', condition: 'spo2.limit', priority: 'high' }]);
    expect(result.events[0]?.by).toBe('nurse.c');
    expect(s.must('spo2.limit')).toMatchObject({
      acknowledgedAt: t(5),
      acknowledgedBy: 'nurse.c',
      audioPausedUntil: null,
      audioPausedBy: null,
      state: 'active',
    });
    expect(isAudible(s.must('spo2.limit'), t(6))).toBe(false);
  });

  it('a second acknowledgement is refused "already-acknowledged" and changes nothing', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75);
    const id = s.must('spo2.limit').id;
    s.ack(5, id, 'nurse.c');
    const before = s.state;
    const again = s.ack(6, id, 'nurse.d');
    expect(again).toEqual({ state: before, events: [], refusal: 'already-acknowledged' });
    expect(again.state).toBe(before);
    expect(s.must('spo2.limit').acknowledgedBy).toBe('nurse.c');
  });

  it('an unknown id is refused "unknown-alarm"', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75);
    const before = s.state;
    expect(s.ack(1, 's1:spo2.limit:99')).toEqual({ state: before, events: [], refusal: 'unknown-alarm' });
  });

  it('a cleared alarm can no longer be acknowledged', () => {
    const s = new Session();
    s.hold(0, 5, 'hr', 130);
    const id = s.must('hr.limit').id;
    s.reading(6, 'hr', 80);
    expect(s.ack(7, id).refusal).toBe('unknown-alarm');
  });

  it('a medium alarm can be acknowledged, and still clears on recovery', () => {
    const s = new Session();
    s.hold(0, 5, 'hr', 130);
    s.ack(6, s.must('hr.limit').id);
    expect(s.hold(7, 100, 'hr', 130)).toEqual([]);
    expect(types(s.reading(101, 'hr', 80))).toEqual(['cleared']);
  });
});

describe('audio pause', () => {
  it('silences for audioPauseSec, then "audio-resumed" on a tick if still active and unacknowledged', () => {
    const s = new Session();
    s.reading(0, 'sbp', 205);
    const id = s.must('sbp.limit').id;
    expect(isAudible(s.must('sbp.limit'), t(1))).toBe(true);
    const paused = s.pause(10, id, 'nurse.e');
    expect(paused.events.map((e) => [e.type, e.by])).toEqual([['audio-paused', 'nurse.e']]);
    expect(s.must('sbp.limit')).toMatchObject({ audioPausedUntil: t(130), audioPausedBy: 'nurse.e' });
    expect(isAudible(s.must('sbp.limit'), t(129))).toBe(false);
    expect(isAudible(s.must('sbp.limit'), t(130))).toBe(true);
  });

  it('resumes exactly once, at audioPauseSec', () => {
    const s = new Session(undefined, undefined, ThresholdProfile.parse({ ...LIMITS_ONLY, escalateAfterSec: 600 }));
    s.reading(0, 'sbp', 205);
    const id = s.must('sbp.limit').id;
    s.pause(10, id);
    expect(s.hold(11, 129, 'sbp', 205)).toEqual([]);
    const resumed = s.hold(130, 130, 'sbp', 205);
    expect(summary(resumed)).toEqual([{ type: 'audio-resumed', condition: 'sbp.limit', priority: 'high' }]);
    expect(s.must('sbp.limit')).toMatchObject({ audioPausedUntil: null, audioPausedBy: null });
    expect(s.hold(131, 200, 'sbp', 205)).toEqual([]);
  });

  it('a latched, unacknowledged alarm resumes too', () => {
    const s = new Session(undefined, undefined, ThresholdProfile.parse({ ...LIMITS_ONLY, escalateAfterSec: 600 }));
    s.reading(0, 'sbp', 205, 'manual');
    s.pause(1, s.must('sbp.limit').id);
    s.reading(2, 'sbp', 130, 'manual');
    expect(s.must('sbp.limit').state).toBe('latched');
    expect(types(s.ticks(3, 121))).toEqual(['audio-resumed']);
  });

  it('no resume for an alarm acknowledged or cleared in the meantime', () => {
    const s = new Session();
    for (let sec = 0; sec <= 10; sec++) {
      s.reading(sec, 'hr', 130, 'manual');
      s.reading(sec, 'rr', 35, 'manual');
      s.tick(sec);
    }
    expect(Object.keys(s.state.alarms).sort()).toEqual(['hr.limit', 'rr.limit']);
    s.pause(11);
    s.ack(12, s.must('hr.limit').id);
    s.reading(13, 'rr', 20, 'manual');
    expect(s.alarm('rr.limit')).toBeUndefined();
    expect(s.ticks(14, 300)).toEqual([]);
  });

  it('without an id it pauses every unacknowledged alarm of the session', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75);
    s.reading(0, 'sbp', 210);
    s.reading(0, 'moaas', 3, 'manual');
    s.ack(1, s.must('moaas.limit').id);
    const paused = s.pause(2);
    expect(paused.refusal).toBeUndefined();
    expect(paused.events.map((e) => e.alarm.condition).sort()).toEqual(['sbp.limit', 'spo2.limit']);
  });

  it('with no alarms at all, a session-wide pause does nothing and is not refused', () => {
    const s = new Session();
    expect(s.pause(1)).toEqual({ state: expect.anything(), events: [] });
  });

  it('refuses an unknown id, and an acknowledged alarm', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75);
    expect(s.pause(1, 'nope').refusal).toBe('unknown-alarm');
    s.ack(2, s.must('spo2.limit').id);
    expect(s.pause(3, s.must('spo2.limit').id).refusal).toBe('already-acknowledged');
  });
});

describe('escalation', () => {
  it('an unacknowledged high alarm escalates after escalateAfterSec, once only', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75, 'manual');
    expect(s.ticks(1, 59)).toEqual([]);
    const escalated = s.tick(60);
    expect(summary(escalated)).toEqual([{ type: 'escalated', condition: 'spo2.limit', priority: 'high' }]);
    expect(s.must('spo2.limit').escalatedAt).toBe(t(60));
    expect(s.ticks(61, 300).filter((e) => e.type === 'escalated')).toEqual([]);
  });

  it('a latched alarm still escalates while no one acknowledges it', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75, 'manual');
    s.reading(1, 'spo2', 97, 'manual');
    expect(types(s.ticks(2, 60))).toEqual(['escalated']);
  });

  it('not when acknowledged in time', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75, 'manual');
    s.ack(59, s.must('spo2.limit').id);
    expect(s.ticks(60, 400)).toEqual([]);
  });

  it('a medium alarm never escalates', () => {
    const s = new Session();
    s.hold(0, 5, 'hr', 130);
    expect(s.hold(6, 400, 'hr', 130)).toEqual([]);
  });

  it('audio pause does not stop escalation', () => {
    const s = new Session();
    s.reading(0, 'spo2', 75, 'manual');
    s.pause(1);
    expect(types(s.ticks(2, 60))).toEqual(['escalated']);
  });

  // Regression: the escalation clock ran from when the alarm was first raised as medium, so a
  // medium alarm that turned high escalated to the whole ward on the very next tick.
  it('counts from when the alarm became high, not from when it was raised as medium', () => {
    const s = new Session();
    s.hold(0, 5, 'hr', 130);
    s.ack(6, s.must('hr.limit').id);
    s.hold(200, 205, 'hr', 150);
    expect(s.must('hr.limit')).toMatchObject({ priority: 'high', raisedAt: t(5), acknowledgedAt: null });
    expect(s.hold(206, 264, 'hr', 150)).toEqual([]);
    expect(types(s.hold(265, 265, 'hr', 150))).toEqual(['escalated']);
  });
});

describe('technical alarms: no data', () => {
  it('"SpO2: no data for 15 s" after noDataSec without device readings; a reading clears it', () => {
    const s = new Session();
    s.reading(0, 'spo2', 97);
    expect(s.ticks(1, 14)).toEqual([]);
    const raised = s.tick(15);
    expect(summary(raised)).toEqual([{ type: 'raised', condition: 'spo2.no-data', priority: 'medium' }]);
    expect(s.must('spo2.no-data')).toMatchObject({
      kind: 'technical',
      vital: 'spo2',
      message: 'SpO2: no data for 15 s',
      value: null,
    });
    expect(s.ticks(16, 40)).toEqual([]);
    expect(summary(s.reading(41, 'spo2', 97))).toEqual([
      { type: 'cleared', condition: 'spo2.no-data', priority: 'medium' },
    ]);
  });

  it('counts per vital, only for vitals a device has sent', () => {
    const s = new Session();
    s.reading(0, 'spo2', 97);
    s.reading(0, 'hr', 70);
    s.hold(1, 15, 'hr', 70);
    expect(Object.keys(s.state.alarms)).toEqual(['spo2.no-data']);
    expect(s.alarm('rr.no-data')).toBeUndefined();
  });

  it('a manual reading neither starts nor clears the no-data clock', () => {
    const s = new Session();
    s.reading(0, 'sbp', 120, 'manual');
    expect(s.ticks(1, 60)).toEqual([]);
    s.reading(61, 'spo2', 97);
    s.ticks(62, 76);
    expect(s.reading(77, 'spo2', 97, 'manual')).toEqual([]);
    expect(s.alarm('spo2.no-data')).toBeDefined();
  });

  it('never latches, even after audio pause or escalation time', () => {
    const s = new Session();
    s.reading(0, 'spo2', 97);
    s.ticks(1, 200);
    expect(s.must('spo2.no-data').state).toBe('active');
    expect(types(s.reading(201, 'spo2', 97))).toEqual(['cleared']);
    expect(s.log.filter((e) => e.type === 'condition-ended' || e.type === 'escalated')).toEqual([]);
  });

  it('not outside monitored states', () => {
    const s = new Session();
    s.reading(0, 'spo2', 97);
    s.session(1, 'discharged');
    expect(s.ticks(2, 100)).toEqual([]);
  });
});

describe('technical alarms: device connection', () => {
  it('disconnected raises "Monitor disconnected"; reconnecting clears it', () => {
    const s = new Session();
    const raised = s.device(0, false);
    expect(summary(raised)).toEqual([{ type: 'raised', condition: 'device.disconnected', priority: 'medium' }]);
    expect(s.must('device.disconnected')).toMatchObject({
      kind: 'technical',
      vital: null,
      message: 'Monitor disconnected',
    });
    expect(s.device(1, false)).toEqual([]);
    expect(summary(s.device(30, true))).toEqual([
      { type: 'cleared', condition: 'device.disconnected', priority: 'medium' },
    ]);
  });

  it('replaces the per-vital no-data alarms, and gives them a fresh window on reconnect', () => {
    const s = new Session();
    s.reading(0, 'spo2', 97);
    s.ticks(1, 15);
    expect(s.alarm('spo2.no-data')).toBeDefined();
    expect(summary(s.device(16, false))).toEqual([
      { type: 'raised', condition: 'device.disconnected', priority: 'medium' },
      { type: 'cleared', condition: 'spo2.no-data', priority: 'medium' },
    ]);
    expect(s.ticks(17, 100)).toEqual([]);
    s.device(101, true);
    expect(s.ticks(102, 115)).toEqual([]);
    expect(types(s.tick(116))).toEqual(['raised']);
    expect(s.alarm('spo2.no-data')).toBeDefined();
  });

  it('a disconnect outside monitored states raises nothing', () => {
    const s = new Session('scheduled');
    expect(s.device(0, false)).toEqual([]);
  });

  // Regression: a monitor that dropped before the session was monitored never alarmed at all
  // (and its silence was not reported as no-data either, since it is known to be disconnected).
  it('a session that starts monitoring while its monitor is disconnected says so', () => {
    const s = new Session('scheduled');
    s.device(0, false);
    expect(summary(s.session(10, 'pre-check'))).toEqual([
      { type: 'raised', condition: 'device.disconnected', priority: 'medium' },
    ]);
    expect(types(s.device(20, true))).toEqual(['cleared']);
  });
});

describe('technical alarms: manual checks', () => {
  it('a BP check overdue after 10 min of infusing is a low-priority reminder', () => {
    const s = new Session('infusing', {}, DEFAULT_PROFILE);
    expect(s.ticks(1, 10 * MIN - 1)).toEqual([]);
    expect(summary(s.tick(10 * MIN))).toEqual([{ type: 'raised', condition: 'check.sbp', priority: 'low' }]);
    expect(s.must('check.sbp')).toMatchObject({
      kind: 'technical',
      vital: 'sbp',
      message: 'Blood pressure check overdue (every 10 min)',
      value: null,
    });
  });

  it('the sedation score is due every 15 min', () => {
    const s = new Session('infusing', {}, DEFAULT_PROFILE);
    s.ticks(1, 15 * MIN - 1);
    expect(s.alarm('check.moaas')).toBeUndefined();
    expect(summary(s.tick(15 * MIN)).filter((e) => e.condition === 'check.moaas')).toEqual([
      { type: 'raised', condition: 'check.moaas', priority: 'low' },
    ]);
    expect(s.must('check.moaas').message).toBe('MOAA/S check overdue (every 15 min)');
  });

  it.each([
    { source: 'device', vital: 'sbp', clears: true },
    { source: 'manual', vital: 'sbp', clears: true },
    { source: 'manual', vital: 'moaas', clears: true },
    { source: 'device', vital: 'moaas', clears: false },
  ] as const)('a $source $vital reading clears its check: $clears', ({ source, vital, clears }) => {
    const s = new Session('infusing', {}, DEFAULT_PROFILE);
    s.ticks(1, 15 * MIN);
    expect(s.alarm(`check.${vital}`)).toBeDefined();
    const events = s.reading(15 * MIN + 1, vital, vital === 'sbp' ? 125 : 5, source);
    expect(events.some((e) => e.type === 'cleared' && e.alarm.condition === `check.${vital}`)).toBe(clears);
  });

  it('a satisfying reading restarts the interval', () => {
    const s = new Session('infusing', {}, DEFAULT_PROFILE);
    s.ticks(1, 4 * MIN - 1);
    s.reading(4 * MIN, 'sbp', 120, 'manual');
    expect(s.ticks(4 * MIN, 10 * MIN - 1)).toEqual([]);
    expect(s.ticks(10 * MIN, 14 * MIN - 1).filter((e) => e.alarm.condition === 'check.sbp')).toEqual([]);
    expect(types(s.tick(14 * MIN).filter((e) => e.alarm.condition === 'check.sbp'))).toEqual(['raised']);
  });

  it('every 15 min in recovery; none in pre-check', () => {
    const r = new Session('recovery', {}, DEFAULT_PROFILE);
    expect(r.ticks(1, 15 * MIN - 1)).toEqual([]);
    expect(summary(r.tick(15 * MIN))).toEqual([
      { type: 'raised', condition: 'check.sbp', priority: 'low' },
      { type: 'raised', condition: 'check.moaas', priority: 'low' },
    ]);
    expect(r.must('check.sbp').message).toBe('Blood pressure check overdue (every 15 min)');

    const p = new Session('pre-check', {}, DEFAULT_PROFILE);
    expect(p.ticks(1, 60 * MIN)).toEqual([]);
  });

  it('a paused infusion keeps the infusing schedule', () => {
    const s = new Session('paused', {}, DEFAULT_PROFILE);
    expect(types(s.ticks(1, 10 * MIN))).toEqual(['raised']);
  });

  it('a new phase clears the last phase’s reminders and starts its own clock', () => {
    const s = new Session('infusing', {}, DEFAULT_PROFILE);
    s.ticks(1, 10 * MIN);
    expect(s.alarm('check.sbp')).toBeDefined();
    expect(summary(s.session(10 * MIN + 1, 'recovery'))).toEqual([
      { type: 'cleared', condition: 'check.sbp', priority: 'low' },
    ]);
    expect(s.ticks(10 * MIN + 2, 25 * MIN)).toEqual([]);
    expect(types(s.tick(25 * MIN + 1))).toEqual(['raised', 'raised']);
  });
});

describe('session state', () => {
  it('leaving monitored states clears everything: latched, active, technical and pending', () => {
    const s = new Session('infusing', { sbp: 100 });
    s.reading(0, 'spo2', 75);
    s.reading(1, 'spo2', 97); // latched
    s.hold(0, 5, 'hr', 130); // medium
    s.device(6, false); // technical
    s.reading(7, 'rr', 5); // pending
    expect(Object.keys(s.state.pending)).toEqual(['rr.limit']);
    const events = s.session(8, 'ended-early');
    expect(new Set(types(events))).toEqual(new Set(['cleared']));
    expect(events.map((e) => e.alarm.condition).sort()).toEqual(['device.disconnected', 'hr.limit', 'spo2.limit']);
    expect(s.state.alarms).toEqual({});
    expect(s.state.pending).toEqual({});
    expect(s.state.lastDeviceReadingAt).toEqual({});
    expect(s.ticks(9, 100)).toEqual([]);
  });

  it('readings are not alarmed on outside monitored states', () => {
    for (const state of ['scheduled', 'discharged', 'ended-early'] as const) {
      const s = new Session(state);
      expect(s.hold(0, 60, 'spo2', 60)).toEqual([]);
      expect(s.state.alarms).toEqual({});
    }
  });

  it.each(['pre-check', 'infusing', 'paused', 'recovery'] as const)('%s is monitored', (state) => {
    const s = new Session(state);
    expect(types(s.reading(0, 'spo2', 75))).toEqual(['raised']);
  });

  it('a change between monitored states keeps physiological alarms and takes the new baseline', () => {
    const s = new Session('pre-check');
    s.reading(0, 'spo2', 75);
    expect(s.session(1, 'infusing', { sbp: 110 })).toEqual([]);
    expect(s.alarm('spo2.limit')).toBeDefined();
    expect(s.state).toMatchObject({ sessionState: 'infusing', sessionStateSince: t(1), baseline: { sbp: 110 } });
  });
});

describe('baseline-rise alarm', () => {
  it('> 30 % over the session baseline: medium after the SBP delay', () => {
    const s = new Session('infusing', { sbp: 100 });
    expect(s.hold(0, 4, 'sbp', 131)).toEqual([]);
    expect(summary(s.hold(5, 5, 'sbp', 131))).toEqual([
      { type: 'raised', condition: 'sbp.baseline', priority: 'medium' },
    ]);
    expect(s.must('sbp.baseline')).toMatchObject({
      kind: 'physiological',
      vital: 'sbp',
      message: 'SBP 131 > baseline 100 +30%',
      value: 131,
    });
    expect(s.alarm('sbp.limit')).toBeUndefined();
  });

  it('> 40 %: high', () => {
    const s = new Session('infusing', { sbp: 100 });
    s.hold(0, 5, 'sbp', 145);
    expect(s.must('sbp.baseline')).toMatchObject({ priority: 'high', message: 'SBP 145 > baseline 100 +40%' });
  });

  it.each([
    { baseline: 100, value: 130, alarms: false },
    { baseline: 100, value: 131, alarms: true },
    { baseline: 120, value: 156, alarms: false },
    { baseline: 120, value: 157, alarms: true },
  ])('baseline $baseline, SBP $value held: alarms $alarms', ({ baseline, value, alarms }) => {
    const s = new Session('infusing', { sbp: baseline });
    s.hold(0, 30, 'sbp', value);
    expect(s.alarm('sbp.baseline') !== undefined).toBe(alarms);
  });

  it('clears once the rise is 5 points back inside the limit (≤ 25 %)', () => {
    const s = new Session('infusing', { sbp: 100 });
    s.hold(0, 5, 'sbp', 135);
    expect(s.reading(6, 'sbp', 130)).toEqual([]);
    expect(s.reading(7, 'sbp', 126)).toEqual([]);
    expect(summary(s.reading(8, 'sbp', 125))).toEqual([
      { type: 'cleared', condition: 'sbp.baseline', priority: 'medium' },
    ]);
  });

  it('a high baseline alarm latches like any other', () => {
    const s = new Session('infusing', { sbp: 100 });
    s.hold(0, 5, 'sbp', 150);
    expect(types(s.reading(6, 'sbp', 110))).toEqual(['condition-ended']);
    expect(types(s.ack(7, s.must('sbp.baseline').id).events)).toEqual(['acknowledged', 'cleared']);
  });

  it('no baseline, no baseline alarm; and the absolute limits still apply', () => {
    const s = new Session('infusing', {});
    s.hold(0, 10, 'sbp', 170);
    expect(Object.keys(s.state.alarms)).toEqual(['sbp.limit']);
  });

  it('both the absolute and the baseline alarm when both are crossed', () => {
    const s = new Session('infusing', { sbp: 110 });
    s.hold(0, 5, 'sbp', 185);
    expect(s.must('sbp.limit')).toMatchObject({ priority: 'high', message: 'SBP 185 ≥ 180' });
    expect(s.must('sbp.baseline')).toMatchObject({ priority: 'high', message: 'SBP 185 > baseline 110 +40%' });
  });
});

describe('immutability and persistence', () => {
  it('never changes the state it is given (deep-frozen), and works from a JSON copy', () => {
    const s = new Session('infusing', { sbp: 100 });
    s.hold(0, 20, 'spo2', 88);
    s.reading(21, 'spo2', 97);
    s.device(22, false);
    const frozen = deepFreeze(s.state);
    const fromJson = JSON.parse(JSON.stringify(frozen)) as AlarmEngineState;
    const input: AlarmInput = { type: 'acknowledge', at: t(23), alarmId: s.must('spo2.limit').id, by: 'n' };
    expect(stepAlarms(DEFAULT_PROFILE, fromJson, input)).toEqual(stepAlarms(DEFAULT_PROFILE, frozen, input));
  });

  it('events carry a copy of the alarm as it stood then', () => {
    const s = new Session();
    const [raised] = s.reading(0, 'spo2', 75);
    s.ack(1, s.must('spo2.limit').id);
    expect(raised?.alarm.acknowledgedAt).toBeNull();
  });
});

describe('activeAlarms and isAudible', () => {
  it('lists the most urgent first, newest first within a priority', () => {
    const s = new Session('infusing', {}, DEFAULT_PROFILE);
    s.ticks(1, 10 * MIN); // check.sbp, low
    s.hold(10 * MIN + 1, 10 * MIN + 6, 'hr', 130); // medium
    s.reading(10 * MIN + 7, 'spo2', 75); // high
    s.reading(10 * MIN + 8, 'dbp', 125); // high, newer
    expect(activeAlarms(s.state).map((a) => a.condition)).toEqual(['dbp.limit', 'spo2.limit', 'hr.limit', 'check.sbp']);
  });

  it.each([
    { acknowledgedAt: null, audioPausedUntil: null, at: 0, audible: true },
    { acknowledgedAt: 5, audioPausedUntil: null, at: 10, audible: false },
    { acknowledgedAt: null, audioPausedUntil: 100, at: 99, audible: false },
    { acknowledgedAt: null, audioPausedUntil: 100, at: 100, audible: true },
  ])('acknowledged $acknowledgedAt, paused until $audioPausedUntil, at $at → $audible', (c) => {
    const s = new Session();
    s.reading(0, 'spo2', 75);
    const alarm = { ...s.must('spo2.limit'), acknowledgedAt: c.acknowledgedAt, audioPausedUntil: c.audioPausedUntil };
    expect(isAudible(alarm, c.at)).toBe(c.audible);
  });
});

describe('manual checks across a pause', () => {
  it('keeps the infusion check clock running through pause and resume', () => {
    const t0 = 1_000_000;
    let state = initialAlarmState('s1', 'infusing', {}, t0);
    const feed = (input: AlarmInput) => {
      const r = stepAlarms(DEFAULT_PROFILE, state, input);
      state = r.state;
      return r.events;
    };
    feed({ type: 'session-changed', at: t0 + 5 * 60_000, sessionState: 'paused', baseline: {} });
    feed({ type: 'session-changed', at: t0 + 6 * 60_000, sessionState: 'infusing', baseline: {} });
    const events = feed({ type: 'tick', at: t0 + 10 * 60_000 });
    expect(events.map((e) => e.alarm.condition)).toContain('check.sbp');
  });
});

describe('worsening to a crisis after acknowledgement', () => {
  it('re-alerts an acknowledged high SpO2 alarm when SpO2 falls below the crisis limit', () => {
    const t0 = 2_000_000;
    let state = initialAlarmState('s1', 'infusing', {}, t0);
    const feed = (input: AlarmInput) => {
      const r = stepAlarms(DEFAULT_PROFILE, state, input);
      state = r.state;
      return r.events;
    };
    const spo2 = (value: number, sec: number) =>
      feed({
        type: 'reading',
        at: t0 + sec * 1000,
        vital: 'spo2',
        value,
        measuredAt: t0 + sec * 1000,
        source: 'device',
      });
    for (let sec = 0; sec <= 16; sec++) spo2(88, sec);
    const alarm = Object.values(state.alarms)[0]?.alarm;
    expect(alarm?.priority).toBe('high');
    feed({ type: 'acknowledge', at: t0 + 17_000, alarmId: alarm?.id ?? '', by: 'Nora' });
    expect(spo2(85, 18)).toEqual([]);
    const events = spo2(75, 19);
    expect(events.map((e) => [e.type, e.alarm.message, e.alarm.acknowledgedAt])).toEqual([
      ['priority-raised', 'SpO2 75 < 80', null],
    ]);
    // Acknowledged again at the crisis level, a further fall does not re-alert.
    feed({ type: 'acknowledge', at: t0 + 20_000, alarmId: alarm?.id ?? '', by: 'Nora' });
    expect(spo2(72, 21)).toEqual([]);
  });
});
