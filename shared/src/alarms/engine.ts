import type { SessionState } from '../sessions/schemas.js';
import { isMonitored, type Baseline } from '../sessions/schemas.js';
import type { ReadingSource } from '../readings/schemas.js';
import {
  breachMessage,
  comparePriority,
  evaluateBaselineRise,
  evaluateLimits,
  hasRecovered,
  type Priority,
  type Side,
} from '../thresholds/evaluate.js';
import type { Bound, ManualCheck, ThresholdProfile } from '../thresholds/profile.js';
import { VITALS, type VitalCode } from '../vitals/catalogue.js';
import type { Alarm, AlarmEvent, AlarmEventType } from './schemas.js';

/**
 * The alarm engine of one session: a pure state machine.
 * `step(profile, state, input)` → `{ state, events }`. No timers, no I/O, no clock:
 * every input carries its own time (`at`, epoch ms), and the server drives the engine
 * with readings and a once-a-second `tick`. The same inputs always give the same events.
 */

/** Percentage points a baseline rise must fall back below its limit before it clears. */
export const BASELINE_HYSTERESIS_PERCENT = 5;

/** A condition seen but not yet alarmed on: it must hold for the vital's alarm delay. */
export interface PendingCondition {
  /** When the value first crossed a medium-or-worse limit, in this run. */
  mediumSince: number;
  /** When it first crossed a high limit, in this run; null while it has not. */
  highSince: number | null;
  /** The newest breach: what the alarm will say when it is raised. */
  priority: 'medium' | 'high';
  message: string;
  value: number;
  side: Side | null;
}

/** Per-alarm bookkeeping the dashboards do not need. */
export interface AlarmTrack {
  alarm: Alarm;
  /** For limit alarms: the side and least urgent bound, which clearing is measured against. */
  side: Side | null;
  clearBound: Bound | null;
  /**
   * When the alarm became high priority: the escalation clock of an unacknowledged alarm starts here,
   * not at `raisedAt` when it was first raised as medium. Absent in states persisted before it
   * existed, which count from `raisedAt`.
   */
  highSince?: number | null;
  /** Whether a crisis (immediate) limit has been crossed during this alarm. */
  crisis?: boolean;
}

/** Everything the engine remembers about one session. JSON-serialisable, so it can be persisted. */
export interface AlarmEngineState {
  sessionId: string;
  sessionState: SessionState;
  /** When the session entered its current state: the start of the manual-check clock. */
  sessionStateSince: number;
  baseline: Baseline;
  /** Alarms that are active or latched, keyed by condition. */
  alarms: Record<string, AlarmTrack>;
  pending: Record<string, PendingCondition>;
  /** Newest device reading time per vital, for the no-data technical alarm. */
  lastDeviceReadingAt: Partial<Record<VitalCode, number>>;
  /** Newest reading that satisfies each manual check, keyed by vital. */
  lastCheckAt: Partial<Record<VitalCode, number>>;
  deviceConnected: boolean | null;
  /** Counter that makes alarm ids unique within the session. */
  alarmCount: number;
  /** Newest time seen: inputs older than this are still handled, but never move time back. */
  now: number;
}

/** Something the engine is told. */
export type AlarmInput =
  | { type: 'reading'; at: number; vital: VitalCode; value: number; measuredAt: number; source: ReadingSource }
  | { type: 'tick'; at: number }
  | { type: 'acknowledge'; at: number; alarmId: string; by: string }
  | { type: 'pause-audio'; at: number; alarmId?: string; by: string }
  | { type: 'profile-changed'; at: number }
  | { type: 'session-changed'; at: number; sessionState: SessionState; baseline: Baseline }
  | { type: 'device-connection'; at: number; connected: boolean };

/** Why an input from a nurse was refused. */
export type AlarmRefusal = 'unknown-alarm' | 'already-acknowledged';

/** What one step gives back. */
export interface AlarmStepResult {
  state: AlarmEngineState;
  events: AlarmEvent[];
  refusal?: AlarmRefusal;
}

/** A fresh engine state for a session. */
export function initialAlarmState(
  sessionId: string,
  sessionState: SessionState,
  baseline: Baseline,
  at: number,
): AlarmEngineState {
  return {
    sessionId,
    sessionState,
    sessionStateSince: at,
    baseline,
    alarms: {},
    pending: {},
    lastDeviceReadingAt: {},
    lastCheckAt: {},
    deviceConnected: null,
    alarmCount: 0,
    now: at,
  };
}

/** The active and latched alarms, most urgent first, newest first within a priority. */
export function activeAlarms(state: AlarmEngineState): Alarm[] {
  return Object.values(state.alarms)
    .map((t) => t.alarm)
    .sort((a, b) => comparePriority(b.priority, a.priority) || b.raisedAt - a.raisedAt || a.id.localeCompare(b.id));
}

/** Whether an alarm should be sounding at `at`: active or latched, unacknowledged, not paused. */
export function isAudible(alarm: Alarm, at: number): boolean {
  return alarm.acknowledgedAt === null && (alarm.audioPausedUntil === null || alarm.audioPausedUntil <= at);
}

const limitCondition = (vital: VitalCode): string => `${vital}.limit`;
const baselineCondition = (vital: VitalCode): string => `${vital}.baseline`;
const noDataCondition = (vital: VitalCode): string => `${vital}.no-data`;
const checkCondition = (vital: VitalCode): string => `check.${vital}`;
const DEVICE_CONDITION = 'device.disconnected';

/** A deep copy, written out because it runs for every reading of every session. */
function cloneState(s: AlarmEngineState): AlarmEngineState {
  const alarms: Record<string, AlarmTrack> = {};
  for (const [k, t] of Object.entries(s.alarms)) alarms[k] = { ...t, alarm: { ...t.alarm } };
  const pending: Record<string, PendingCondition> = {};
  for (const [k, p] of Object.entries(s.pending)) pending[k] = { ...p };
  return {
    ...s,
    baseline: { ...s.baseline },
    alarms,
    pending,
    lastDeviceReadingAt: { ...s.lastDeviceReadingAt },
    lastCheckAt: { ...s.lastCheckAt },
  };
}

/** Mutable working copy for one step; the input state is never changed. */
class Step {
  readonly events: AlarmEvent[] = [];
  readonly state: AlarmEngineState;

  constructor(
    readonly profile: ThresholdProfile,
    state: AlarmEngineState,
  ) {
    this.state = cloneState(state);
  }

  emit(type: AlarmEventType, at: number, alarm: Alarm, by: string | null = null): void {
    this.events.push({ type, at, by, alarm: { ...alarm } });
  }

  raise(
    condition: string,
    at: number,
    fields: Pick<Alarm, 'kind' | 'vital' | 'priority' | 'message' | 'value'>,
    side: Side | null = null,
    clearBound: Bound | null = null,
  ): void {
    const existing = this.state.alarms[condition];
    if (existing) {
      this.update(existing, at, fields);
      return;
    }
    this.state.alarmCount += 1;
    const alarm: Alarm = {
      id: `${this.state.sessionId}:${condition}:${this.state.alarmCount}`,
      sessionId: this.state.sessionId,
      condition,
      state: 'active',
      raisedAt: at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      audioPausedUntil: null,
      audioPausedBy: null,
      escalatedAt: null,
      ...fields,
    };
    this.state.alarms[condition] = { alarm, side, clearBound, highSince: alarm.priority === 'high' ? at : null };
    this.emit('raised', at, alarm);
  }

  /** The condition holds again or still: refresh the value, and raise the priority if it got worse. */
  update(track: AlarmTrack, at: number, fields: Pick<Alarm, 'priority' | 'message' | 'value'>): void {
    const alarm = track.alarm;
    alarm.value = fields.value;
    if (alarm.state === 'latched') {
      // The condition came back before anyone acknowledged: it is live again.
      alarm.state = 'active';
    }
    if (comparePriority(fields.priority, alarm.priority) > 0) {
      alarm.priority = fields.priority;
      alarm.message = fields.message;
      // A worse condition needs a fresh acknowledgement and sounds again.
      alarm.acknowledgedAt = null;
      alarm.acknowledgedBy = null;
      alarm.audioPausedUntil = null;
      alarm.audioPausedBy = null;
      if (alarm.priority === 'high') track.highSince = at;
      this.emit('priority-raised', at, alarm);
    }
  }

  /** The condition is over: technical, unlatched or acknowledged alarms clear; high ones latch. */
  conditionEnded(condition: string, at: number): void {
    const track = this.state.alarms[condition];
    if (!track) return;
    const alarm = track.alarm;
    const latches = alarm.kind === 'physiological' && alarm.priority === 'high' && alarm.acknowledgedAt === null;
    if (latches) {
      if (alarm.state !== 'latched') {
        alarm.state = 'latched';
        this.emit('condition-ended', at, alarm);
      }
      return;
    }
    this.clear(condition, at, null);
  }

  clear(condition: string, at: number, by: string | null): void {
    const track = this.state.alarms[condition];
    if (!track) return;
    delete this.state.alarms[condition];
    this.emit('cleared', at, track.alarm, by);
  }
}

function handleLimit(step: Step, input: Extract<AlarmInput, { type: 'reading' }>): void {
  const { vital, value, at } = input;
  const limits = step.profile.vitals[vital];
  const condition = limitCondition(vital);
  const breach = evaluateLimits(vital, limits, value);
  const track = step.state.alarms[condition];
  const pending = step.state.pending[condition];

  if (!breach) {
    delete step.state.pending[condition];
    if (track && track.side && track.clearBound && limits) {
      if (hasRecovered(track.side, track.clearBound, limits.hysteresis, value)) step.conditionEnded(condition, at);
    } else if (track) {
      step.conditionEnded(condition, at);
    }
    return;
  }

  const fields = { kind: 'physiological' as const, vital, priority: breach.priority, message: breach.message, value };
  const clearBound = limits?.[breach.side].medium ?? limits?.[breach.side].high ?? breach.limit;
  let current = track;
  if (current && current.side !== breach.side) {
    // Crossed to the other side (a swing from low to high): the old condition is over. An
    // unacknowledged high alarm latches and keeps its place until someone acknowledges it; the
    // new side's condition waits as pending meanwhile, and is raised once the slot is free.
    step.conditionEnded(condition, at);
    current = step.state.alarms[condition];
  }
  if (breach.immediate && (!current || current.side === breach.side)) {
    delete step.state.pending[condition];
    if (current && !current.crisis && current.alarm.acknowledgedAt !== null) {
      // Acknowledged at a high limit, now at a crisis value: it needs a nurse's attention again.
      const alarm = current.alarm;
      alarm.message = breach.message;
      alarm.acknowledgedAt = null;
      alarm.acknowledgedBy = null;
      alarm.audioPausedUntil = null;
      alarm.audioPausedBy = null;
      current.highSince = at;
      step.emit('priority-raised', at, alarm);
    }
    step.raise(condition, at, fields, breach.side, clearBound);
    const track = step.state.alarms[condition];
    if (track) track.crisis = true;
    return;
  }
  const delayMs = (limits?.delaySec ?? 0) * 1000;
  const next: PendingCondition = {
    mediumSince: pending && pending.side === breach.side ? pending.mediumSince : at,
    highSince:
      breach.priority === 'high' ? (pending && pending.side === breach.side ? (pending.highSince ?? at) : at) : null,
    priority: breach.priority,
    message: breach.message,
    value,
    side: breach.side,
  };
  if (current && current.side === breach.side) {
    // Already alarming on this side: keep it current; a worse priority still waits its delay.
    const worse = comparePriority(breach.priority, current.alarm.priority) > 0;
    if (!worse || (next.highSince !== null && at - next.highSince >= delayMs)) {
      step.update(current, at, fields);
      delete step.state.pending[condition];
    } else {
      step.update(current, at, { ...fields, priority: current.alarm.priority, message: current.alarm.message });
      step.state.pending[condition] = next;
    }
    return;
  }
  step.state.pending[condition] = next;
  raiseDuePending(step, condition, at);
}

/** Raises a pending condition whose delay has run out, at the highest priority that held long enough. */
function raiseDuePending(step: Step, condition: string, at: number): void {
  const pending = step.state.pending[condition];
  if (!pending) return;
  const [vitalCode, kind] = condition.split('.') as [VitalCode, string];
  const limits = step.profile.vitals[vitalCode];
  const delayMs = (limits?.delaySec ?? 0) * 1000;
  let priority: Priority | null = null;
  if (pending.highSince !== null && at - pending.highSince >= delayMs) priority = 'high';
  else if (at - pending.mediumSince >= delayMs) priority = 'medium';
  if (!priority) return;
  const existing = step.state.alarms[condition];
  // An alarm already sounding at this priority waits for the worse one's own delay.
  if (existing && comparePriority(priority, existing.alarm.priority) <= 0) return;
  // Raised at medium while the high limit is still building up: keep counting the high
  // condition from when it began, so the priority raise is not a whole delay late.
  if (priority === 'high' || pending.highSince === null) delete step.state.pending[condition];
  if (kind === 'limit') {
    const side = pending.side ?? 'upper';
    const clearBound = limits?.[side].medium ?? limits?.[side].high ?? limits?.[side].immediate ?? null;
    const mediumBound = limits?.[side].medium;
    // The high limit was crossed but has not held long enough: name the medium limit.
    const message =
      priority !== pending.priority && mediumBound
        ? breachMessage(vitalCode, side, mediumBound, pending.value)
        : pending.message;
    step.raise(
      condition,
      at,
      { kind: 'physiological', vital: vitalCode, priority, message, value: pending.value },
      side,
      clearBound,
    );
  } else {
    step.raise(condition, at, {
      kind: 'physiological',
      vital: vitalCode,
      priority,
      message: pending.message,
      value: pending.value,
    });
  }
}

function handleBaseline(step: Step, input: Extract<AlarmInput, { type: 'reading' }>): void {
  const { vital, value, at } = input;
  const rise = step.profile.baselineRise[vital];
  if (!rise) return;
  const condition = baselineCondition(vital);
  const baseline = step.state.baseline[vital];
  const breach = evaluateBaselineRise(step.profile, vital, baseline, value);
  const track = step.state.alarms[condition];
  if (!breach) {
    delete step.state.pending[condition];
    if (!track) return;
    const limit = rise.medium ?? rise.high ?? 0;
    // Multiplied out, like evaluateBaselineRise, so a value exactly at the limit has no rounding error.
    const recovered = baseline
      ? (value - baseline) * 100 <= (limit - BASELINE_HYSTERESIS_PERCENT) * baseline
      : limit >= BASELINE_HYSTERESIS_PERCENT;
    if (recovered) step.conditionEnded(condition, at);
    return;
  }
  const fields = { kind: 'physiological' as const, vital, priority: breach.priority, message: breach.message, value };
  if (track) {
    delete step.state.pending[condition];
    step.update(track, at, fields);
    return;
  }
  const pending = step.state.pending[condition];
  step.state.pending[condition] = {
    mediumSince: pending?.mediumSince ?? at,
    highSince: breach.priority === 'high' ? (pending?.highSince ?? at) : null,
    priority: breach.priority,
    message: breach.message,
    value,
    side: 'upper',
  };
  raiseDuePending(step, condition, at);
}

function checkInterval(check: ManualCheck, sessionState: SessionState): number | null {
  if (sessionState === 'infusing' || sessionState === 'paused') return check.infusingEveryMin * 60_000;
  if (sessionState === 'recovery') return check.recoveryEveryMin * 60_000;
  return null;
}

function checkLabel(vital: VitalCode): string {
  return vital === 'sbp' ? 'Blood pressure' : VITALS[vital].label;
}

function handleReading(step: Step, input: Extract<AlarmInput, { type: 'reading' }>): void {
  const s = step.state;
  if (input.source === 'device') {
    s.lastDeviceReadingAt[input.vital] = Math.max(s.lastDeviceReadingAt[input.vital] ?? 0, input.measuredAt);
    step.clear(noDataCondition(input.vital), input.at, null);
  }
  for (const check of step.profile.manualChecks) {
    if (check.vital !== input.vital) continue;
    if (check.source === 'manual' && input.source !== 'manual') continue;
    s.lastCheckAt[input.vital] = Math.max(s.lastCheckAt[input.vital] ?? 0, input.measuredAt);
    step.clear(checkCondition(input.vital), input.at, null);
  }
  handleLimit(step, input);
  handleBaseline(step, input);
}

function handleTick(step: Step, at: number): void {
  const s = step.state;
  const p = step.profile;
  for (const condition of Object.keys(s.pending)) raiseDuePending(step, condition, at);

  for (const track of Object.values(s.alarms)) {
    const alarm = track.alarm;
    const highSince = track.highSince ?? alarm.raisedAt;
    if (alarm.audioPausedUntil !== null && alarm.audioPausedUntil <= at) {
      alarm.audioPausedUntil = null;
      alarm.audioPausedBy = null;
      if (alarm.acknowledgedAt === null) step.emit('audio-resumed', at, alarm);
    }
    if (
      alarm.priority === 'high' &&
      alarm.acknowledgedAt === null &&
      alarm.escalatedAt === null &&
      at - highSince >= p.escalateAfterSec * 1000
    ) {
      alarm.escalatedAt = at;
      step.emit('escalated', at, alarm);
    }
  }

  if (!isMonitored(s.sessionState)) return;
  if (s.deviceConnected !== false) {
    for (const [vital, last] of Object.entries(s.lastDeviceReadingAt) as [VitalCode, number][]) {
      const silentMs = at - last;
      if (silentMs >= p.noDataSec * 1000 && !s.alarms[noDataCondition(vital)]) {
        step.raise(noDataCondition(vital), at, {
          kind: 'technical',
          vital,
          priority: 'medium',
          message: `${VITALS[vital].label}: no data for ${p.noDataSec} s`,
          value: null,
        });
      }
    }
  }
  for (const check of p.manualChecks) {
    const interval = checkInterval(check, s.sessionState);
    if (interval === null) continue;
    const last = Math.max(s.lastCheckAt[check.vital] ?? 0, s.sessionStateSince);
    const condition = checkCondition(check.vital);
    if (at - last >= interval && !s.alarms[condition]) {
      step.raise(condition, at, {
        kind: 'technical',
        vital: check.vital,
        priority: 'low',
        message: `${checkLabel(check.vital)} check overdue (every ${interval / 60_000} min)`,
        value: null,
      });
    }
  }
}

function raiseDisconnected(step: Step, at: number): void {
  if (step.state.alarms[DEVICE_CONDITION]) return;
  step.raise(DEVICE_CONDITION, at, {
    kind: 'technical',
    vital: null,
    priority: 'medium',
    message: 'Monitor disconnected',
    value: null,
  });
}

function findByAlarmId(state: AlarmEngineState, alarmId: string): [string, AlarmTrack] | undefined {
  return Object.entries(state.alarms).find(([, t]) => t.alarm.id === alarmId);
}

function handleSessionChanged(step: Step, input: Extract<AlarmInput, { type: 'session-changed' }>): void {
  const s = step.state;
  // Pausing and resuming is still the infusion phase: its check schedule runs on, so that
  // repeated pauses can never keep a blood-pressure check from falling due.
  const phase = (state: SessionState): string => (state === 'paused' ? 'infusing' : state);
  if (phase(s.sessionState) !== phase(input.sessionState)) {
    s.sessionStateSince = input.at;
    // A new phase has its own check schedule; reminders from the last phase no longer apply.
    for (const condition of Object.keys(s.alarms)) {
      if (condition.startsWith('check.')) step.clear(condition, input.at, null);
    }
  }
  s.sessionState = input.sessionState;
  s.baseline = input.baseline;
  if (isMonitored(s.sessionState) && s.deviceConnected === false) {
    // The monitor dropped before the session was monitored: say so now (no-data stays quiet
    // while the monitor is known to be disconnected, so nothing else would).
    raiseDisconnected(step, input.at);
  }
  if (!isMonitored(s.sessionState)) {
    // The patient has left the chair: nothing here can need a nurse any more.
    for (const condition of Object.keys(s.alarms)) step.clear(condition, input.at, null);
    s.pending = {};
    s.lastDeviceReadingAt = {};
  }
}

/**
 * Feeds one input to a session's alarm engine. Pure and deterministic: returns the next
 * state and the alarm events the input caused, and never changes `state`.
 */
export function stepAlarms(profile: ThresholdProfile, state: AlarmEngineState, input: AlarmInput): AlarmStepResult {
  const step = new Step(profile, state);
  const s = step.state;
  s.now = Math.max(s.now, input.at);
  switch (input.type) {
    case 'reading':
      if (isMonitored(s.sessionState)) handleReading(step, input);
      break;
    case 'tick':
      handleTick(step, input.at);
      break;
    case 'acknowledge': {
      const found = findByAlarmId(s, input.alarmId);
      if (!found) return { state, events: [], refusal: 'unknown-alarm' };
      const [condition, track] = found;
      if (track.alarm.acknowledgedAt !== null) return { state, events: [], refusal: 'already-acknowledged' };
      track.alarm.acknowledgedAt = input.at;
      track.alarm.acknowledgedBy = input.by;
      track.alarm.audioPausedUntil = null;
      track.alarm.audioPausedBy = null;
      step.emit('acknowledged', input.at, track.alarm, input.by);
      // A latched alarm's condition is already over: acknowledging it is what clears it.
      if (track.alarm.state === 'latched') step.clear(condition, input.at, input.by);
      break;
    }
    case 'pause-audio': {
      const targets = Object.values(s.alarms).filter(
        (t) => (input.alarmId === undefined || t.alarm.id === input.alarmId) && t.alarm.acknowledgedAt === null,
      );
      if (input.alarmId !== undefined && targets.length === 0) {
        return {
          state,
          events: [],
          refusal: findByAlarmId(s, input.alarmId) ? 'already-acknowledged' : 'unknown-alarm',
        };
      }
      for (const t of targets) {
        t.alarm.audioPausedUntil = input.at + profile.audioPauseSec * 1000;
        t.alarm.audioPausedBy = input.by;
        step.emit('audio-paused', input.at, t.alarm, input.by);
      }
      break;
    }
    case 'profile-changed':
      // Conditions building up under the old limits are judged afresh under the new ones.
      s.pending = {};
      break;
    case 'session-changed':
      handleSessionChanged(step, input);
      break;
    case 'device-connection':
      s.deviceConnected = input.connected;
      if (input.connected) {
        step.clear(DEVICE_CONDITION, input.at, null);
        // Give each sensor a fresh no-data window from the moment the monitor is back.
        for (const vital of Object.keys(s.lastDeviceReadingAt) as VitalCode[]) {
          s.lastDeviceReadingAt[vital] = Math.max(s.lastDeviceReadingAt[vital] ?? 0, input.at);
        }
      } else if (isMonitored(s.sessionState)) {
        raiseDisconnected(step, input.at);
        // One clear alarm for the monitor rather than one per silent vital.
        for (const vital of Object.keys(s.lastDeviceReadingAt) as VitalCode[]) {
          step.clear(noDataCondition(vital), input.at, null);
        }
      }
      break;
  }
  return { state: step.state, events: step.events };
}

/** A reading as the engine is told it. */
export type AlarmReadingInput = Extract<AlarmInput, { type: 'reading' }>;

/**
 * The readings of one batch, in order, in one step: exactly what stepping them one by one
 * gives (the same state and the same events in the same order), without a copy of the state
 * per reading, which under load was most of the engine's cost.
 */
export function stepAlarmReadings(
  profile: ThresholdProfile,
  state: AlarmEngineState,
  inputs: readonly AlarmReadingInput[],
): AlarmStepResult {
  if (inputs.length === 0) return { state, events: [] };
  const step = new Step(profile, state);
  const s = step.state;
  for (const input of inputs) {
    s.now = Math.max(s.now, input.at);
    if (isMonitored(s.sessionState)) handleReading(step, input);
  }
  return { state: step.state, events: step.events };
}
