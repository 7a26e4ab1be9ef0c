import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadingSource } from '../readings/schemas.js';
import { SESSION_STATES, isMonitored, type Baseline, type SessionState } from '../sessions/schemas.js';
import { evaluateBaselineRise, evaluateLimits, type Side } from '../thresholds/evaluate.js';
import { DEFAULT_PROFILE, ThresholdProfile, type Bound } from '../thresholds/profile.js';
import { VITALS, type VitalCode } from '../vitals/catalogue.js';
import {
  BASELINE_HYSTERESIS_PERCENT,
  initialAlarmState,
  stepAlarmReadings,
  stepAlarms,
  type AlarmEngineState,
  type AlarmInput,
  type AlarmStepResult,
} from './engine.js';
import type { Alarm } from './schemas.js';

/**
 * Property-based tests of the alarm engine: random sessions (readings near and far from the
 * limits, held for a while or not, ticks, acknowledgements of real and unknown alarms, audio
 * pauses, monitor drop-outs, session changes) checked step by step against the alarm model.
 */

const T0 = 1_700_000_000_000;

/** The defaults, and a profile with short timers so that every timer is reached in a short run. */
const PROFILES: ThresholdProfile[] = [
  DEFAULT_PROFILE,
  ThresholdProfile.parse({
    ...DEFAULT_PROFILE,
    id: 'fast',
    vitals: {
      ...DEFAULT_PROFILE.vitals,
      spo2: { ...DEFAULT_PROFILE.vitals.spo2, delaySec: 3 },
      hr: { ...DEFAULT_PROFILE.vitals.hr, delaySec: 0 },
      temp: { upper: { medium: { value: 38 }, high: { value: 39.5, inclusive: true } }, delaySec: 2, hysteresis: 0.3 },
    },
    baselineRise: { sbp: { medium: 30, high: 40 }, hr: { medium: 25 } },
    manualChecks: [
      { vital: 'sbp', source: 'any', infusingEveryMin: 1, recoveryEveryMin: 2 },
      { vital: 'moaas', source: 'manual', infusingEveryMin: 2, recoveryEveryMin: 1 },
    ],
    noDataSec: 5,
    escalateAfterSec: 10,
    audioPauseSec: 10,
  }),
];

const VITALS_READ: VitalCode[] = ['hr', 'sbp', 'dbp', 'spo2', 'rr', 'moaas', 'temp', 'map'];

/** Values worth trying per vital: each default limit, so values around them are tried often. */
const EDGES: Record<VitalCode, number[]> = {
  hr: [40, 50, 120, 140],
  sbp: [80, 90, 160, 180, 200],
  dbp: [100, 110, 120],
  map: [70],
  spo2: [80, 90, 92],
  rr: [8, 10, 30],
  etco2: [40],
  temp: [38, 39.5],
  moaas: [1, 3],
};

/** A plausible value for a vital: near one of its limits, or anywhere in its range. */
function arbValue(vital: VitalCode): fc.Arbitrary<number> {
  const { min, max } = VITALS[vital].plausible;
  const scale = 10 ** VITALS[vital].decimals;
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...EDGES[vital])
        .chain((e) => fc.integer({ min: -6, max: 6 }).map((d) => clamp(e + d))),
    },
    { weight: 1, arbitrary: fc.integer({ min: min * scale, max: max * scale }).map((n) => n / scale) },
  );
}

/** Typical values per band (normal, medium, high, immediate, on each side), for deteriorations and recoveries. */
const BANDS: Record<VitalCode, number[]> = {
  hr: [60, 80, 100, 125, 135, 45, 48, 145, 160, 35, 30],
  sbp: [120, 140, 150, 165, 175, 85, 88, 185, 195, 75, 70, 205, 220],
  dbp: [70, 85, 95, 102, 108, 112, 118, 122],
  map: [70, 90],
  spo2: [97, 95, 93, 91, 90, 89, 85, 81, 79, 70],
  rr: [12, 16, 22, 9, 8, 32, 40, 7, 5, 2],
  etco2: [35, 45],
  temp: [36.8, 37.5, 38.4, 39, 39.6, 40.5],
  moaas: [5, 4, 3, 2, 1, 0],
};

/** Deteriorations, one side of one vital: normal, then medium, then high (then immediate). */
const LADDERS: [VitalCode, number[]][] = [
  ['spo2', [97, 91, 88, 75]],
  ['sbp', [130, 170, 190, 210]],
  ['sbp', [120, 85, 75]],
  ['dbp', [80, 105, 115, 125]],
  ['hr', [80, 130, 150]],
  ['hr', [70, 45, 35]],
  ['rr', [14, 9, 6]],
  ['moaas', [5, 3, 1]],
  ['temp', [37, 38.4, 39.8]],
];

/** Seconds to hold a value: anything up to 20, often around the alarm delays (3, 5, 10, 15 s). */
const arbSeconds = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(2, 3, 4, 5, 6, 10, 11, 14, 15, 16, 17));

const arbVitalValue = fc.constantFrom(...VITALS_READ).chain((vital) => fc.tuple(fc.constant(vital), arbValue(vital)));

const arbBaseline: fc.Arbitrary<Baseline> = fc.record(
  { sbp: fc.integer({ min: 90, max: 150 }), hr: fc.integer({ min: 55, max: 100 }) },
  { requiredKeys: [] },
);

/** Session states, the monitored ones more often. */
const arbSessionState: fc.Arbitrary<SessionState> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<SessionState>('pre-check', 'infusing', 'paused', 'recovery') },
  { weight: 1, arbitrary: fc.constantFrom(...SESSION_STATES) },
);

/** Time to the next input, in ms: mostly a second or less, sometimes minutes. */
const arbGap = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 1000) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom(15_000, 60_000, 130_000, 601_000) },
);

/** A step of a random session, before it is made concrete against the engine's state. */
type Plan =
  | { kind: 'reading'; gap: number; vital: VitalCode; value: number; source: ReadingSource; lagMs: number }
  | { kind: 'hold'; gap: number; vital: VitalCode; value: number; source: ReadingSource; seconds: number }
  | { kind: 'ramp'; gap: number; vital: VitalCode; steps: { value: number; seconds: number }[] }
  | { kind: 'tick'; gap: number }
  | { kind: 'ticks'; gap: number; seconds: number }
  | { kind: 'ack'; gap: number; pick: number; by: string }
  | { kind: 'pause'; gap: number; pick: number | null; by: string }
  | { kind: 'device'; gap: number; connected: boolean }
  | { kind: 'session'; gap: number; sessionState: SessionState; baseline: Baseline | null }
  | { kind: 'profile-changed'; gap: number };

const arbSource = fc.constantFrom<ReadingSource>('device', 'device', 'manual');
const arbUser = fc.constantFrom('nurse.a', 'nurse.b');
/** Which alarm an acknowledgement or pause is for: an index into the current alarms, or one that does not exist. */
const arbPick = fc.integer({ min: 0, max: 5 });

const arbPlan: fc.Arbitrary<Plan> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ gap: arbGap, vv: arbVitalValue, source: arbSource, lagMs: fc.constantFrom(0, 0, 500, 3000) })
      .map(({ gap, vv: [vital, value], source, lagMs }): Plan => ({
        kind: 'reading',
        gap,
        vital,
        value,
        source,
        lagMs,
      })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ gap: arbGap, vv: arbVitalValue, source: arbSource, seconds: arbSeconds })
      .map(({ gap, vv: [vital, value], source, seconds }): Plan => ({
        kind: 'hold',
        gap,
        vital,
        value,
        source,
        seconds,
      })),
  },
  {
    // A deterioration or a recovery: one vital held at one value, then at others.
    weight: 3,
    arbitrary: fc.constantFrom(...VITALS_READ).chain((vital) =>
      fc
        .record({
          gap: arbGap,
          steps: fc.array(
            fc.record({ value: fc.oneof(fc.constantFrom(...BANDS[vital]), arbValue(vital)), seconds: arbSeconds }),
            {
              minLength: 2,
              maxLength: 4,
            },
          ),
        })
        .map(({ gap, steps }): Plan => ({ kind: 'ramp', gap, vital, steps })),
    ),
  },
  {
    // A deterioration: up the ladder, each rung held a while, perhaps skipping the first rungs.
    weight: 2,
    arbitrary: fc
      .record({
        gap: arbGap,
        ladder: fc.constantFrom(...LADDERS),
        from: fc.nat({ max: 1 }),
        seconds: fc.array(arbSeconds, { minLength: 4, maxLength: 4 }),
      })
      .map(({ gap, ladder: [vital, rungs], from, seconds }): Plan => ({
        kind: 'ramp',
        gap,
        vital,
        steps: rungs.slice(from).map((value, i) => ({ value, seconds: seconds[i] ?? 1 })),
      })),
  },
  { weight: 3, arbitrary: arbGap.map((gap): Plan => ({ kind: 'tick', gap })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ gap: arbGap, seconds: fc.integer({ min: 1, max: 30 }) })
      .map(({ gap, seconds }): Plan => ({ kind: 'ticks', gap, seconds })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ gap: arbGap, pick: arbPick, by: arbUser }).map((r): Plan => ({ kind: 'ack', ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ gap: arbGap, pick: fc.option(arbPick, { nil: null }), by: arbUser })
      .map((r): Plan => ({ kind: 'pause', ...r })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ gap: arbGap, connected: fc.boolean() }).map((r): Plan => ({ kind: 'device', ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ gap: arbGap, sessionState: arbSessionState, baseline: fc.option(arbBaseline, { nil: null }) })
      .map((r): Plan => ({ kind: 'session', ...r })),
  },
  { weight: 1, arbitrary: arbGap.map((gap): Plan => ({ kind: 'profile-changed', gap })) },
);

const arbScenario = fc.record({
  profile: fc.constantFrom(...PROFILES),
  sessionState: arbSessionState,
  baseline: arbBaseline,
  plans: fc.array(arbPlan, { minLength: 1, maxLength: 40 }),
});
type Scenario = typeof arbScenario extends fc.Arbitrary<infer S> ? S : never;

/** Freezes a value and everything in it, so any write by the engine throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface Transition {
  before: AlarmEngineState;
  input: AlarmInput;
  result: AlarmStepResult;
}

/** Plays a scenario, making each step concrete against the state it meets; every input state is deep-frozen. */
/** A value held for a while: `seconds` readings one second apart, each followed by a tick. */
interface Hold {
  vital: VitalCode;
  value: number;
  seconds: number;
  /** Index of the transition of its last tick. */
  end: number;
}

function play(scenario: Scenario): {
  transitions: Transition[];
  inputs: AlarmInput[];
  initial: AlarmEngineState;
  holds: Hold[];
} {
  const { profile } = scenario;
  const initial = initialAlarmState('s1', scenario.sessionState, scenario.baseline, T0);
  let state = initial;
  let at = T0;
  const transitions: Transition[] = [];
  const inputs: AlarmInput[] = [];
  const holds: Hold[] = [];
  const feed = (input: AlarmInput): void => {
    const before = deepFreeze(state);
    const result = stepAlarms(profile, before, input);
    transitions.push({ before, input, result });
    inputs.push(input);
    state = result.state;
  };
  const reading = (vital: VitalCode, value: number, source: ReadingSource, lagMs = 0): void =>
    feed({ type: 'reading', at, vital, value, measuredAt: Math.max(T0, at - lagMs), source });
  /** The alarm ids an acknowledgement or pause could name: current ones, and some that are not (any more). */
  const pickId = (pick: number): string => {
    const ids = Object.values(state.alarms)
      .map((t) => t.alarm.id)
      .sort();
    return ids[pick] ?? (pick % 2 === 0 ? `s1:spo2.limit:${state.alarmCount}` : 'unknown');
  };

  for (const plan of scenario.plans) {
    at += plan.gap;
    switch (plan.kind) {
      case 'reading':
        reading(plan.vital, plan.value, plan.source, plan.lagMs);
        break;
      case 'hold':
        for (let i = 0; i < plan.seconds; i++) {
          if (i > 0) at += 1000;
          reading(plan.vital, plan.value, plan.source);
          feed({ type: 'tick', at });
        }
        holds.push({ vital: plan.vital, value: plan.value, seconds: plan.seconds, end: transitions.length - 1 });
        break;
      case 'ramp':
        plan.steps.forEach(({ value, seconds }, j) => {
          for (let i = 0; i < seconds; i++) {
            if (i > 0 || j > 0) at += 1000;
            reading(plan.vital, value, 'device');
            feed({ type: 'tick', at });
          }
          holds.push({ vital: plan.vital, value, seconds, end: transitions.length - 1 });
        });
        break;
      case 'tick':
        feed({ type: 'tick', at });
        break;
      case 'ticks':
        for (let i = 0; i < plan.seconds; i++) {
          if (i > 0) at += 1000;
          feed({ type: 'tick', at });
        }
        break;
      case 'ack':
        feed({ type: 'acknowledge', at, alarmId: pickId(plan.pick), by: plan.by });
        break;
      case 'pause':
        feed({
          type: 'pause-audio',
          at,
          alarmId: plan.pick === null ? undefined : pickId(plan.pick),
          by: plan.by,
        });
        break;
      case 'device':
        feed({ type: 'device-connection', at, connected: plan.connected });
        break;
      case 'session':
        feed({
          type: 'session-changed',
          at,
          sessionState: plan.sessionState,
          baseline: plan.baseline ?? state.baseline,
        });
        break;
      case 'profile-changed':
        feed({ type: 'profile-changed', at });
        break;
    }
  }
  return { transitions, inputs, initial, holds };
}

/** Replays concrete inputs, optionally through a JSON round-trip of the state before each step. */
function replay(
  profile: ThresholdProfile,
  initial: AlarmEngineState,
  inputs: AlarmInput[],
  viaJson: boolean,
): AlarmStepResult[] {
  let state = viaJson ? (JSON.parse(JSON.stringify(initial)) as AlarmEngineState) : initial;
  return inputs.map((input) => {
    const result = stepAlarms(profile, state, input);
    state = viaJson ? (JSON.parse(JSON.stringify(result.state)) as AlarmEngineState) : result.state;
    return result;
  });
}

const isUnackedHighPhysiological = (a: Alarm): boolean =>
  a.kind === 'physiological' && a.priority === 'high' && a.acknowledgedAt === null;

/** Whether a reading is (again) a breach of the condition of `condition`, on any side. */
function readingBreaches(profile: ThresholdProfile, state: AlarmEngineState, input: AlarmInput, condition: string) {
  if (input.type !== 'reading' || !isMonitored(state.sessionState)) return false;
  if (condition === `${input.vital}.limit`) {
    return evaluateLimits(input.vital, profile.vitals[input.vital], input.value) !== null;
  }
  if (condition === `${input.vital}.baseline`) {
    return evaluateBaselineRise(profile, input.vital, state.baseline[input.vital], input.value) !== null;
  }
  return false;
}

/**
 * The alarm model's own words for recovery, written independently of `hasRecovered`: the value
 * no longer crosses the limit and is back inside it by at least the hysteresis.
 */
function backInside(side: Side, bound: Bound, hysteresis: number, value: number): boolean {
  // Against the shifted limit, as a nurse reads it: 38 − 0.3 clears at 37.7. As a float
  // difference, 38 − 37.7 is 0.2999…, and 37.7 would wrongly count as not far enough back.
  const shifted = side === 'upper' ? bound.value - hysteresis : bound.value + hysteresis;
  const pastShift = side === 'upper' ? value <= shifted : value >= shifted;
  const inside = side === 'upper' ? bound.value - value : value - bound.value;
  return pastShift && (inside > 0 || (inside === 0 && !bound.inclusive));
}

/** Why an alarm may be cleared by this input, or null when nothing in the alarm model allows it. */
function clearingReason(profile: ThresholdProfile, t: Transition, alarm: Alarm): string | null {
  const { before, input } = t;
  const track = before.alarms[alarm.condition];
  if (!track || track.alarm.id !== alarm.id) return null;
  const prev = track.alarm;
  switch (input.type) {
    case 'session-changed':
      if (!isMonitored(input.sessionState)) return 'session left monitored states';
      if (input.sessionState !== before.sessionState && alarm.condition.startsWith('check.')) {
        return 'a new phase has its own check schedule';
      }
      return null;
    case 'acknowledge':
      return input.alarmId === alarm.id && prev.state === 'latched' && prev.acknowledgedAt === null
        ? 'acknowledged while latched'
        : null;
    case 'device-connection':
      if (input.connected && alarm.condition === 'device.disconnected') return 'reconnected';
      if (!input.connected && alarm.condition.endsWith('.no-data') && isMonitored(before.sessionState)) {
        return 'replaced by the monitor-disconnected alarm';
      }
      return null;
    case 'reading': {
      if (!isMonitored(before.sessionState)) return null;
      const { vital, value, source } = input;
      if (alarm.condition === `${vital}.no-data`) return source === 'device' ? 'a device reading' : null;
      if (alarm.condition === `check.${vital}`) {
        const satisfies = profile.manualChecks.some(
          (c) => c.vital === vital && (c.source === 'any' || source === 'manual'),
        );
        return satisfies ? 'a reading that satisfies the check' : null;
      }
      if (isUnackedHighPhysiological(prev)) return null;
      const limits = profile.vitals[vital];
      if (alarm.condition === `${vital}.limit`) {
        if (!limits) return 'the vital no longer has limits';
        if (!track.side || !track.clearBound) return null;
        return backInside(track.side, track.clearBound, limits.hysteresis, value) ? 'recovered with hysteresis' : null;
      }
      if (alarm.condition === `${vital}.baseline`) {
        const rise = profile.baselineRise[vital];
        const baseline = before.baseline[vital];
        if (!rise) return null;
        const limit = rise.medium ?? rise.high ?? 0;
        const recovered =
          baseline !== undefined && baseline > 0
            ? (value - baseline) * 100 <= (limit - BASELINE_HYSTERESIS_PERCENT) * baseline
            : limit >= BASELINE_HYSTERESIS_PERCENT;
        return recovered ? 'baseline rise recovered with hysteresis' : null;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * A plain assertion for the per-step checks: `expect` is too slow to call a million times.
 * The message is built only when the check fails.
 */
function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

const show = (t: Transition): string => JSON.stringify(t.input);

/** Runs a property over many random sessions, checking it at every step. */
function forEveryStep(property: (t: Transition, profile: ThresholdProfile) => void, numRuns = 300): void {
  fc.assert(
    fc.property(arbScenario, (scenario) => {
      for (const t of play(scenario).transitions) property(t, scenario.profile);
    }),
    { numRuns },
  );
}

const RANK = { low: 1, medium: 2, high: 3 } as const;

describe('alarm engine properties', () => {
  it('(1) is deterministic: the same inputs give the same events and state, also through JSON', () => {
    fc.assert(
      fc.property(arbScenario, (scenario) => {
        const { transitions, inputs, initial } = play(scenario);
        const results = transitions.map((t) => t.result);
        expect(replay(scenario.profile, initial, inputs, false)).toEqual(results);
        const viaJson = replay(scenario.profile, initial, inputs, true);
        expect(JSON.parse(JSON.stringify(viaJson))).toEqual(JSON.parse(JSON.stringify(results)));
      }),
      { numRuns: 200 },
    );
  });

  it('(2) an alarm is cleared only when the alarm model allows it', () => {
    forEveryStep((t, profile) => {
      for (const event of t.result.events) {
        if (event.type !== 'cleared') continue;
        const { alarm } = event;
        check(
          clearingReason(profile, t, alarm) !== null,
          () => `cleared ${alarm.condition} (${alarm.priority}, ${alarm.state}) on ${show(t)}`,
        );
        check(t.result.state.alarms[alarm.condition]?.alarm.id !== alarm.id, () => `${alarm.id} cleared but kept`);
        if (t.input.type === 'acknowledge') check(event.by === t.input.by, () => 'cleared by someone else');
      }
    });
  });

  it('(2b) and it is cleared as soon as it is allowed: a reading back inside clears a medium or acknowledged limit alarm', () => {
    forEveryStep((t, profile) => {
      const { input } = t;
      if (input.type !== 'reading' || !isMonitored(t.before.sessionState)) return;
      const condition = `${input.vital}.limit`;
      const track = t.before.alarms[condition];
      const limits = profile.vitals[input.vital];
      if (!track?.side || !track.clearBound || !limits || isUnackedHighPhysiological(track.alarm)) return;
      if (!backInside(track.side, track.clearBound, limits.hysteresis, input.value)) return;
      if (evaluateLimits(input.vital, limits, input.value)) return; // a swing to the other side
      check(
        t.result.state.alarms[condition] === undefined &&
          t.result.events.some((e) => e.type === 'cleared' && e.alarm.id === track.alarm.id),
        () => `${condition} still on at ${input.value}`,
      );
    }, 500);
  });

  it('(3) a latched alarm stays latched until acknowledged, the session ends, or its condition returns', () => {
    forEveryStep((t, profile) => {
      for (const [condition, track] of Object.entries(t.before.alarms)) {
        const before = track.alarm;
        // Every unacknowledged high physiological alarm, latched or not, is under this rule.
        if (!isUnackedHighPhysiological(before)) continue;
        const after = t.result.state.alarms[condition]?.alarm;
        if (after && after.id === before.id) {
          if (before.state === 'latched' && after.state === 'active') {
            check(readingBreaches(profile, t.before, t.input, condition), () => `${condition} unlatched on ${show(t)}`);
          }
          continue;
        }
        const acknowledgedWhileLatched =
          t.input.type === 'acknowledge' && t.input.alarmId === before.id && before.state === 'latched';
        const sessionEnded = t.input.type === 'session-changed' && !isMonitored(t.input.sessionState);
        check(
          acknowledgedWhileLatched || sessionEnded,
          () => `${condition} (${before.state}) disappeared on ${show(t)}`,
        );
      }
      // Only an unacknowledged high physiological alarm ever latches, and it says so once.
      for (const track of Object.values(t.result.state.alarms)) {
        if (track.alarm.state === 'latched') {
          check(isUnackedHighPhysiological(track.alarm), () => `${track.alarm.condition} latched`);
        }
      }
      for (const event of t.result.events) {
        if (event.type !== 'condition-ended') continue;
        check(
          event.alarm.state === 'latched' && t.before.alarms[event.alarm.condition]?.alarm.state === 'active',
          () => `condition-ended for ${event.alarm.condition} that was not active`,
        );
      }
    });
  });

  it('(4) every alarm names its vital', () => {
    forEveryStep((t) => {
      const alarms = [
        ...t.result.events.map((e) => e.alarm),
        ...Object.values(t.result.state.alarms).map((a) => a.alarm),
      ];
      for (const alarm of alarms) {
        let ok: boolean;
        if (alarm.vital === null) {
          ok = alarm.condition === 'device.disconnected' && alarm.message === 'Monitor disconnected';
        } else if (alarm.condition === 'check.sbp') {
          // A cuff check is for the whole blood pressure, not the systolic alone.
          ok = /^Blood pressure check overdue \(every \d+ min\)$/.test(alarm.message);
        } else {
          const label = VITALS[alarm.vital].label;
          ok = alarm.message.startsWith(`${label} `) || alarm.message.startsWith(`${label}: `);
        }
        check(ok, () => `"${alarm.message}" for ${alarm.condition}`);
      }
    });
  });

  it('(5) at most one alarm per condition, ids unique and never reused', () => {
    fc.assert(
      fc.property(arbScenario, (scenario) => {
        const seen = new Set<string>();
        for (const t of play(scenario).transitions) {
          const alarms = Object.entries(t.result.state.alarms);
          for (const [condition, track] of alarms) {
            check(track.alarm.condition === condition && track.alarm.sessionId === 's1', () => `${condition} misfiled`);
          }
          const ids = alarms.map(([, track]) => track.alarm.id);
          check(new Set(ids).size === ids.length, () => `duplicate ids ${ids.join(', ')}`);
          for (const event of t.result.events) {
            if (event.type !== 'raised') continue;
            check(!seen.has(event.alarm.id), () => `id ${event.alarm.id} raised twice`);
            seen.add(event.alarm.id);
          }
          for (const id of ids) check(seen.has(id), () => `${id} in the state but never raised`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(6) events carry the time of the input that caused them', () => {
    forEveryStep((t) => {
      for (const event of t.result.events) check(event.at === t.input.at, () => `${event.type} at ${event.at}`);
      // Time never moves back; a refused input leaves the state as it was.
      if (t.result.refusal === undefined) {
        check(t.result.state.now === Math.max(t.before.now, t.input.at), () => `now ${t.result.state.now}`);
      }
    });
  });

  it('(7) "escalated" only for an unacknowledged high alarm, and only once', () => {
    fc.assert(
      fc.property(arbScenario, (scenario) => {
        const escalated = new Set<string>();
        for (const t of play(scenario).transitions) {
          for (const { type, alarm } of t.result.events) {
            if (type !== 'escalated') continue;
            check(
              alarm.priority === 'high' &&
                alarm.acknowledgedAt === null &&
                t.before.alarms[alarm.condition]?.alarm.acknowledgedAt === null &&
                t.input.type === 'tick',
              () => `escalated ${alarm.priority} ${alarm.condition}, acknowledged ${alarm.acknowledgedAt}`,
            );
            check(!escalated.has(alarm.id), () => `${alarm.id} escalated twice`);
            escalated.add(alarm.id);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a high limit held for its delay is alarmed at high priority by then, whatever came before', () => {
    fc.assert(
      fc.property(arbScenario, (scenario) => {
        const { transitions, holds } = play(scenario);
        for (const hold of holds) {
          const last = transitions[hold.end];
          const limits = scenario.profile.vitals[hold.vital];
          if (!last || !limits || !isMonitored(last.before.sessionState)) continue;
          const breach = evaluateLimits(hold.vital, limits, hold.value);
          if (breach?.priority !== 'high' || hold.seconds - 1 < limits.delaySec) continue;
          const alarm = last.result.state.alarms[`${hold.vital}.limit`]?.alarm;
          check(
            alarm?.priority === 'high',
            () => `${hold.vital} ${hold.value} held ${hold.seconds} s: ${alarm?.priority}`,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('an unacknowledged alarm escalates escalateAfterSec after it became high: not before, and at the first tick after', () => {
    fc.assert(
      fc.property(arbScenario, (scenario) => {
        const escalateMs = scenario.profile.escalateAfterSec * 1000;
        /** When each alarm became high, by id. */
        const highAt = new Map<string, number>();
        for (const t of play(scenario).transitions) {
          for (const event of t.result.events) {
            const becameHigh =
              (event.type === 'raised' || event.type === 'priority-raised') && event.alarm.priority === 'high';
            if (becameHigh) highAt.set(event.alarm.id, event.at);
            if (event.type === 'escalated') {
              const since = highAt.get(event.alarm.id);
              check(
                since !== undefined && event.at - since >= escalateMs,
                () => `escalated ${event.alarm.condition} ${(event.at - (since ?? 0)) / 1000} s after it became high`,
              );
            }
          }
          if (t.input.type !== 'tick') continue;
          for (const { alarm } of Object.values(t.result.state.alarms)) {
            const since = highAt.get(alarm.id);
            if (alarm.priority !== 'high' || alarm.acknowledgedAt !== null || since === undefined) continue;
            if (t.input.at - since >= escalateMs) {
              check(
                alarm.escalatedAt !== null,
                () => `${alarm.condition} high for ${t.input.at - since} ms, not escalated`,
              );
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refusals change nothing; accepted nurse actions are attributed', () => {
    forEveryStep((t) => {
      const { input, result } = t;
      if (result.refusal !== undefined) {
        check(
          result.state === t.before &&
            result.events.length === 0 &&
            (input.type === 'acknowledge' || input.type === 'pause-audio'),
          () => `refused ${show(t)} but changed something`,
        );
      }
      for (const { type, alarm, by } of result.events) {
        if (type === 'acknowledged') {
          check(
            input.type === 'acknowledge' &&
              alarm.id === input.alarmId &&
              alarm.acknowledgedAt === input.at &&
              alarm.acknowledgedBy === input.by &&
              by === input.by,
            () => `acknowledged ${alarm.id} on ${show(t)}`,
          );
        }
        if (type === 'audio-paused') {
          check(
            input.type === 'pause-audio' && alarm.audioPausedBy === input.by && alarm.acknowledgedAt === null,
            () => `audio-paused ${alarm.id} on ${show(t)}`,
          );
        }
        if (type === 'audio-resumed') check(alarm.acknowledgedAt === null, () => `resumed acknowledged ${alarm.id}`);
      }
    });
  });

  it('no alarms and nothing pending while the session is not monitored', () => {
    forEveryStep((t) => {
      const s = t.result.state;
      if (isMonitored(s.sessionState)) return;
      check(
        Object.keys(s.alarms).length === 0 && Object.keys(s.pending).length === 0,
        () => `${s.sessionState} with alarms ${Object.keys(s.alarms).join(', ')}`,
      );
    });
  });

  it('an alarm never loses priority or its raise time; "raised" is always a new alarm', () => {
    forEveryStep((t) => {
      for (const [condition, track] of Object.entries(t.result.state.alarms)) {
        const before = t.before.alarms[condition]?.alarm;
        if (before && before.id === track.alarm.id) {
          check(
            RANK[track.alarm.priority] >= RANK[before.priority] && track.alarm.raisedAt === before.raisedAt,
            () => `${condition} went from ${before.priority} to ${track.alarm.priority}`,
          );
        }
      }
      for (const { type, alarm } of t.result.events) {
        if (type === 'raised') {
          check(t.before.alarms[alarm.condition]?.alarm.id !== alarm.id, () => `${alarm.id} raised again`);
        }
      }
    });
  });

  it('stepping a run of readings at once gives the same state and events as stepping them one by one', () => {
    let longestRun = 0;
    fc.assert(
      fc.property(arbScenario, fc.integer({ min: 1, max: 8 }), (scenario, runLength) => {
        const { transitions } = play(scenario);
        // Every run of consecutive readings in the scenario, up to runLength long, from the state it met.
        for (let i = 0; i < transitions.length; i++) {
          const run: Transition[] = [];
          for (let j = i; j < transitions.length && run.length < runLength; j++) {
            const t = transitions[j];
            if (!t || t.input.type !== 'reading') break;
            run.push(t);
          }
          const first = run[0];
          const last = run[run.length - 1];
          if (!first || !last) continue;
          longestRun = Math.max(longestRun, run.length);
          const inputs = run.map((t) => t.input).filter((input) => input.type === 'reading');
          const together = stepAlarmReadings(scenario.profile, first.before, inputs);
          expect(together.state).toEqual(last.result.state);
          expect(together.events).toEqual(run.flatMap((t) => t.result.events));
        }
      }),
      { numRuns: 200 },
    );
    // The scenarios must hold runs worth the name, or this compared single steps only.
    expect(longestRun).toBeGreaterThanOrEqual(3);
  });

  it('while the session is monitored and the monitor is known to be disconnected, there is an alarm for it', () => {
    forEveryStep((t) => {
      const s = t.result.state;
      if (isMonitored(s.sessionState) && s.deviceConnected === false) {
        check(s.alarms['device.disconnected'] !== undefined, () => `no alarm for the disconnected monitor`);
      }
    });
  });
});
