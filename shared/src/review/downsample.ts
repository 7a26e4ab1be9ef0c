import type { Reading } from '../readings/schemas.js';

/** A point of a downsampled series: the extremes of a time bucket, so no peak or dip is lost. */
export interface SeriesPoint {
  /** Start of the bucket (or the reading's time when not downsampled). */
  t: number;
  min: number;
  max: number;
  /** Mean of the bucket (the value itself when not downsampled). */
  mean: number;
  /** Readings in the bucket. */
  n: number;
}

/**
 * Min/max-per-bucket downsampling of one vital's readings (sorted by time). Unlike LTTB or
 * averaging, it keeps every bucket's extremes: a 20-second desaturation stays visible on a
 * three-hour chart. When there are no more readings than `maxPoints`, each reading is its own
 * point, exactly as measured.
 */
export function downsampleMinMax(
  readings: readonly Pick<Reading, 'measuredAt' | 'value'>[],
  from: number,
  to: number,
  maxPoints: number,
): SeriesPoint[] {
  if (readings.length <= maxPoints) {
    return readings.map((r) => ({ t: r.measuredAt, min: r.value, max: r.value, mean: r.value, n: 1 }));
  }
  const span = Math.max(1, to - from);
  const width = span / maxPoints;
  const buckets = new Map<number, SeriesPoint & { sum: number }>();
  for (const r of readings) {
    const index = Math.min(maxPoints - 1, Math.max(0, Math.floor((r.measuredAt - from) / width)));
    const b = buckets.get(index);
    if (!b) {
      buckets.set(index, { t: from + index * width, min: r.value, max: r.value, mean: r.value, n: 1, sum: r.value });
    } else {
      b.min = Math.min(b.min, r.value);
      b.max = Math.max(b.max, r.value);
      b.sum += r.value;
      b.n += 1;
    }
  }
  return [...buckets.values()]
    .sort((a, b) => a.t - b.t)
    .map(({ sum, ...p }) => ({ ...p, t: Math.round(p.t), mean: sum / p.n }));
}
