import { operatorSymbol, type Bound, type VitalLimits } from '@infusion/shared';

/** A shaded zone of a chart: values in it alarm at this priority. */
export interface Band {
  y1: number;
  y2: number;
  zone: 'medium' | 'high';
}

/** A line at one limit, labelled the way the alarm message words it: "< 90". */
export interface LimitLine {
  y: number;
  zone: 'medium' | 'high';
  label: string;
}

function highest(...bounds: (Bound | undefined)[]): Bound | undefined {
  return bounds.find((b) => b !== undefined);
}

/**
 * The alarm zones of a vital, clipped to the chart's value axis: yellow between the medium
 * and high limits, red beyond the high limit (an immediate crisis limit is high too).
 */
export function thresholdBands(limits: VitalLimits | undefined, domain: readonly [number, number]): Band[] {
  if (!limits) return [];
  const [lo, hi] = domain;
  const bands: Band[] = [];
  const add = (a: number, b: number, zone: Band['zone']) => {
    const y1 = Math.max(lo, Math.min(a, b));
    const y2 = Math.min(hi, Math.max(a, b));
    if (y2 > y1) bands.push({ y1, y2, zone });
  };
  const upperHigh = highest(limits.upper.high, limits.upper.immediate);
  if (limits.upper.medium) add(limits.upper.medium.value, upperHigh?.value ?? hi, 'medium');
  if (upperHigh) add(upperHigh.value, hi, 'high');
  const lowerHigh = highest(limits.lower.high, limits.lower.immediate);
  if (limits.lower.medium) add(lowerHigh?.value ?? lo, limits.lower.medium.value, 'medium');
  if (lowerHigh) add(lo, lowerHigh.value, 'high');
  return bands;
}

/** A line at each medium and high limit (for a second vital sharing a chart, e.g. DBP). */
export function limitLines(limits: VitalLimits | undefined): LimitLine[] {
  if (!limits) return [];
  const lines: LimitLine[] = [];
  for (const side of ['upper', 'lower'] as const) {
    for (const zone of ['medium', 'high'] as const) {
      const bound = zone === 'high' ? highest(limits[side].high, limits[side].immediate) : limits[side].medium;
      if (bound) lines.push({ y: bound.value, zone, label: `${operatorSymbol(side, bound)} ${bound.value}` });
    }
  }
  return lines;
}

/** The alarm limits beside a tile's number, as monitors show them: "↓50 ↑120". */
export function limitsSummary(limits: VitalLimits | undefined): string | null {
  if (!limits) return null;
  const lower = limits.lower.medium ?? limits.lower.high ?? limits.lower.immediate;
  const upper = limits.upper.medium ?? limits.upper.high ?? limits.upper.immediate;
  const parts = [lower && `↓${lower.value}`, upper && `↑${upper.value}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}
