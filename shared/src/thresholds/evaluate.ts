import { VITALS, formatVital, type VitalCode } from '../vitals/catalogue.js';
import type { Bound, SideLimits, ThresholdProfile, VitalLimits } from './profile.js';

/** Alarm priorities, least to most urgent (IEC 60601-1-8). */
export type Priority = 'low' | 'medium' | 'high';

const PRIORITY_RANK: Record<Priority, number> = { low: 1, medium: 2, high: 3 };

/** Orders priorities: positive when `a` is more urgent than `b`. */
export function comparePriority(a: Priority, b: Priority): number {
  return PRIORITY_RANK[a] - PRIORITY_RANK[b];
}

/** Which side of a vital's normal range a value is on. */
export type Side = 'upper' | 'lower';

/** A value beyond one of its vital's limits. */
export interface Breach {
  vital: VitalCode;
  side: Side;
  priority: 'medium' | 'high';
  /** A crisis limit: alarms at once, without the vital's delay. */
  immediate: boolean;
  value: number;
  limit: Bound;
  /** e.g. "SpO2 87 < 90". */
  message: string;
}

/** Whether `value` is beyond `bound` on `side`. */
export function crosses(side: Side, bound: Bound, value: number): boolean {
  if (side === 'upper') return bound.inclusive ? value >= bound.value : value > bound.value;
  return bound.inclusive ? value <= bound.value : value < bound.value;
}

/** The comparison a nurse reads in an alarm message, e.g. "<" or "≥". */
export function operatorSymbol(side: Side, bound: Bound): string {
  if (side === 'upper') return bound.inclusive ? '≥' : '>';
  return bound.inclusive ? '≤' : '<';
}

/**
 * The value as precisely as the message needs to read true: SpO2 89.6 under a limit of 90 is
 * "89.6 < 90", never "90 < 90". Usually that is the vital's own precision.
 */
function formatBreachValue(vital: VitalCode, side: Side, bound: Bound, value: number): string {
  const decimals = VITALS[vital].decimals;
  for (let extra = 0; extra <= 3; extra++) {
    const shown = value.toFixed(decimals + extra);
    if (crosses(side, bound, Number(shown))) return shown;
  }
  return String(value);
}

/** The alarm message for a value beyond a limit, e.g. "SpO2 87 < 90". */
export function breachMessage(vital: VitalCode, side: Side, bound: Bound, value: number): string {
  const shown = formatBreachValue(vital, side, bound, value);
  return `${VITALS[vital].label} ${shown} ${operatorSymbol(side, bound)} ${formatVital(vital, bound.value)}`;
}

function sideBreach(vital: VitalCode, side: Side, limits: SideLimits, value: number): Breach | null {
  const make = (priority: 'medium' | 'high', immediate: boolean, limit: Bound): Breach => ({
    vital,
    side,
    priority,
    immediate,
    value,
    limit,
    message: breachMessage(vital, side, limit, value),
  });
  if (limits.immediate && crosses(side, limits.immediate, value)) return make('high', true, limits.immediate);
  if (limits.high && crosses(side, limits.high, value)) return make('high', false, limits.high);
  if (limits.medium && crosses(side, limits.medium, value)) return make('medium', false, limits.medium);
  return null;
}

/**
 * The most urgent absolute limit a value crosses, or null when it is within all of them.
 * Pure: the same inputs always give the same answer.
 */
export function evaluateLimits(vital: VitalCode, limits: VitalLimits | undefined, value: number): Breach | null {
  if (!limits) return null;
  return sideBreach(vital, 'upper', limits.upper, value) ?? sideBreach(vital, 'lower', limits.lower, value);
}

/**
 * Whether a value has come back far enough inside the limit that raised an alarm for the
 * condition to clear: beyond the limit by less than the hysteresis counts as still in alarm.
 */
export function hasRecovered(side: Side, bound: Bound, hysteresis: number, value: number): boolean {
  // Back inside by exactly the hysteresis is far enough (SpO2 < 92 with hysteresis 1 clears at 93).
  const shifted: Bound = {
    value: side === 'upper' ? bound.value - hysteresis : bound.value + hysteresis,
    inclusive: false,
  };
  return !crosses(side, bound, value) && !crosses(side, shifted, value);
}

/** A rise over the session's baseline beyond the profile's percentage. */
export interface BaselineBreach {
  vital: VitalCode;
  priority: 'medium' | 'high';
  value: number;
  baseline: number;
  risePercent: number;
  limitPercent: number;
  message: string;
}

/**
 * Whether `value` is more than `percent` % above a positive `baseline`. Multiplied out rather
 * than divided, so a value exactly at the limit is not beyond it through rounding error
 * ((64 − 50) / 50 · 100 is 28.000000000000004).
 */
function risesBeyond(baseline: number, value: number, percent: number): boolean {
  return (value - baseline) * 100 > percent * baseline;
}

/** The baseline-relative condition a value is in, or null when the rise is within limits. */
export function evaluateBaselineRise(
  profile: ThresholdProfile,
  vital: VitalCode,
  baseline: number | undefined,
  value: number,
): BaselineBreach | null {
  const rise = profile.baselineRise[vital];
  if (!rise || baseline === undefined || baseline <= 0) return null;
  const risePercent = ((value - baseline) / baseline) * 100;
  const make = (priority: 'medium' | 'high', limitPercent: number): BaselineBreach => ({
    vital,
    priority,
    value,
    baseline,
    risePercent,
    limitPercent,
    message: `${VITALS[vital].label} ${formatVital(vital, value)} > baseline ${formatVital(vital, baseline)} +${limitPercent}%`,
  });
  if (rise.high !== undefined && risesBeyond(baseline, value, rise.high)) return make('high', rise.high);
  if (rise.medium !== undefined && risesBeyond(baseline, value, rise.medium)) return make('medium', rise.medium);
  return null;
}
