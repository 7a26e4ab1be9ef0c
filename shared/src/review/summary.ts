import type { AlarmEvent } from '../alarms/schemas.js';
import type { Reading } from '../readings/schemas.js';
import type { Baseline } from '../sessions/schemas.js';
import { crosses, type Side } from '../thresholds/evaluate.js';
import type { ThresholdProfile } from '../thresholds/profile.js';
import type { VitalCode } from '../vitals/catalogue.js';

/** Longest gap between two readings still counted as time spent at the first value. */
export const MAX_COUNTED_GAP_MS = 10_000;

export interface VitalSummary {
  vital: VitalCode;
  count: number;
  min: number;
  max: number;
  mean: number;
  baseline: number | null;
  /** Seconds spent beyond the medium limits (either side), and beyond the high limits. */
  secondsBeyondMedium: number;
  secondsBeyondHigh: number;
}

export interface SessionSummary {
  vitals: VitalSummary[];
  alarmsByPriority: { high: number; medium: number; low: number };
  /** Median seconds from an alarm being raised to its acknowledgement; null when none was acknowledged. */
  medianSecondsToAcknowledge: number | null;
  acknowledgedCount: number;
}

function beyond(profile: ThresholdProfile, vital: VitalCode, level: 'medium' | 'high', value: number): boolean {
  const limits = profile.vitals[vital];
  if (!limits) return false;
  return (['upper', 'lower'] as Side[]).some((side) => {
    const levels = level === 'medium' ? (['medium', 'high', 'immediate'] as const) : (['high', 'immediate'] as const);
    return levels.some((l) => {
      const bound = limits[side][l];
      return bound !== undefined && crosses(side, bound, value);
    });
  });
}

/** The median of a list of numbers, or null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * A session's summary figures: per vital min/max/mean, baseline and time beyond limits; alarm
 * counts by priority; median time to acknowledge. Pure, so it is tested against known data.
 * Time beyond a limit counts from each reading to the next (at most 10 s, so a gap in the data
 * is not counted as time in alarm).
 */
export function summariseSession(
  readings: readonly Reading[],
  alarmEvents: readonly AlarmEvent[],
  profile: ThresholdProfile,
  baseline: Baseline,
): SessionSummary {
  const byVital = new Map<VitalCode, Reading[]>();
  for (const r of readings) {
    const list = byVital.get(r.vital) ?? [];
    list.push(r);
    byVital.set(r.vital, list);
  }
  const vitals: VitalSummary[] = [];
  for (const [vital, list] of byVital) {
    list.sort((a, b) => a.measuredAt - b.measuredAt);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let medium = 0;
    let high = 0;
    list.forEach((r, i) => {
      sum += r.value;
      min = Math.min(min, r.value);
      max = Math.max(max, r.value);
      const next = list[i + 1];
      const span = next ? Math.min(next.measuredAt - r.measuredAt, MAX_COUNTED_GAP_MS) : 0;
      if (beyond(profile, vital, 'medium', r.value)) medium += span;
      if (beyond(profile, vital, 'high', r.value)) high += span;
    });
    vitals.push({
      vital,
      count: list.length,
      min,
      max,
      mean: sum / list.length,
      baseline: baseline[vital] ?? null,
      secondsBeyondMedium: medium / 1000,
      secondsBeyondHigh: high / 1000,
    });
  }
  const raisedPriority = new Map<string, 'low' | 'medium' | 'high'>();
  const raisedAt = new Map<string, number>();
  const ackDelays: number[] = [];
  for (const e of alarmEvents) {
    if (e.type === 'raised') raisedAt.set(e.alarm.id, e.alarm.raisedAt);
    if (e.type === 'raised' || e.type === 'priority-raised') raisedPriority.set(e.alarm.id, e.alarm.priority);
    if (e.type === 'acknowledged') ackDelays.push((e.at - (raisedAt.get(e.alarm.id) ?? e.alarm.raisedAt)) / 1000);
  }
  const alarmsByPriority = { high: 0, medium: 0, low: 0 };
  for (const p of raisedPriority.values()) alarmsByPriority[p] += 1;
  return {
    vitals,
    alarmsByPriority,
    medianSecondsToAcknowledge: median(ackDelays),
    acknowledgedCount: ackDelays.length,
  };
}
