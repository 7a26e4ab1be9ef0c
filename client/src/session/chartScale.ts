import type { VitalLimits } from '@infusion/shared';

/** Every limit value of a vital, both sides and all levels. */
export function limitValues(limits: VitalLimits | undefined): number[] {
  if (!limits) return [];
  const out: number[] = [];
  for (const side of [limits.upper, limits.lower]) {
    for (const bound of [side.medium, side.high, side.immediate]) if (bound) out.push(bound.value);
  }
  return out;
}

/**
 * The value axis of a vital's chart: wide enough for every reading and every limit, so the
 * nurse sees how far the patient is from each, padded and rounded to a multiple of `step`,
 * never beyond what a sensor can report.
 */
export function valueDomain(
  values: readonly number[],
  limits: readonly number[],
  plausible: { min: number; max: number },
  step = 5,
): [number, number] {
  const all = [...values, ...limits].filter(Number.isFinite);
  if (all.length === 0) return [plausible.min, plausible.max];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = Math.max(step, (hi - lo) * 0.08);
  const min = Math.max(plausible.min, Math.floor((lo - pad) / step) * step);
  const max = Math.min(plausible.max, Math.ceil((hi + pad) / step) * step);
  return min < max ? [min, max] : [min - step, max + step];
}

const MINUTE = 60_000;
const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60];

/** Clock-time ticks for the time axis: whole minutes, at most `maxTicks` of them. */
export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  const spanMin = (to - from) / MINUTE;
  const stepMin = TICK_STEPS_MIN.find((s) => spanMin / s <= Math.max(1, maxTicks)) ?? 60;
  const step = stepMin * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

const VALUE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/** Round-number ticks for the value axis, at most `maxTicks` of them, inside `domain`. */
export function valueTicks(domain: readonly [number, number], maxTicks = 5): number[] {
  const [lo, hi] = domain;
  const step = VALUE_STEPS.find((s) => Math.floor(hi / s) - Math.ceil(lo / s) + 1 <= maxTicks) ?? 100;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  return ticks;
}
