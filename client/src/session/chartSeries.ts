import { downsampleMinMax } from '@infusion/shared';
import type { VitalPoint } from './readingBuffer';

/** A point as the chart draws it; `v: null` breaks the line where readings stopped. */
export interface ChartPoint {
  t: number;
  v: number | null;
}

/** A reading or a bucket's extreme, as drawn. */
type DrawnPoint = { t: number; v: number };

/** Readings further apart than this are never joined by a line, whatever the feed's rate. */
export const MIN_GAP_MS = 10_000;

/** First index whose time is at or after `t` (points are in time order). */
function firstAtOrAfter(points: readonly VitalPoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((points[mid] as VitalPoint).t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Thins `points` to the lowest and the highest reading of each of `buckets` time buckets,
 * with the review charts' downsampler: unlike an average (or LTTB's one point a bucket) it
 * never smooths away a brief desaturation or a spike: a nurse must see the extremes. Each
 * bucket is drawn at its middle, the extreme nearer the line so far first, so the line
 * runs through a pixel column once instead of zigzagging in it.
 */
export function minMaxBuckets(points: readonly VitalPoint[], from: number, to: number, buckets: number): DrawnPoint[] {
  if (points.length <= buckets * 2 || buckets < 1) return points.map((p) => ({ t: p.t, v: p.v }));
  const half = (to - from) / buckets / 2;
  const readings = points.map((p) => ({ measuredAt: p.t, value: p.v }));
  const out: DrawnPoint[] = [];
  let previous: number | null = null;
  for (const bucket of downsampleMinMax(readings, from, to, buckets)) {
    const t = bucket.t + half;
    if (bucket.min === bucket.max) {
      out.push({ t, v: bucket.min });
    } else {
      const maxFirst = previous !== null && Math.abs(previous - bucket.max) < Math.abs(previous - bucket.min);
      const [first, second] = maxFirst ? [bucket.max, bucket.min] : [bucket.min, bucket.max];
      out.push({ t, v: first }, { t, v: second });
    }
    previous = (out[out.length - 1] as DrawnPoint).v;
  }
  return out;
}

/**
 * What the chart draws for one vital between `from` and `to`: at most about `maxPoints`
 * points (one per pixel is plenty), with the line broken wherever readings stopped. The gap
 * threshold follows the feed's own rhythm, so an every-five-minutes cuff pressure is still
 * joined while a one-a-second oximeter that went quiet for 15 s is not.
 */
export function chartSeries(points: readonly VitalPoint[], from: number, to: number, maxPoints: number): ChartPoint[] {
  const start = firstAtOrAfter(points, from);
  const end = firstAtOrAfter(points, to + 1);
  const visible = points.slice(start, end);
  if (visible.length === 0) return [];

  const intervals: number[] = [];
  for (let i = 1; i < visible.length; i++)
    intervals.push((visible[i] as VitalPoint).t - (visible[i - 1] as VitalPoint).t);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const bucketWidth = (to - from) / buckets;
  const drawn = minMaxBuckets(visible, from, to, buckets);
  const downsampled = drawn.length < visible.length;
  const gapMs = Math.max(MIN_GAP_MS, median(intervals) * 5, downsampled ? bucketWidth * 2.5 : 0);

  const out: ChartPoint[] = [];
  let previous: DrawnPoint | null = null;
  for (const p of drawn) {
    if (previous && p.t - previous.t > gapMs) out.push({ t: (previous.t + p.t) / 2, v: null });
    out.push({ t: p.t, v: p.v });
    previous = p;
  }
  return out;
}

/** Readings at least this far apart, typically, are each marked with a dot (a cuff pressure every few minutes). */
export const SPARSE_INTERVAL_MS = 15_000;

/** Whether a series is sparse enough that each reading should be marked with a dot. */
export function isSparse(series: readonly ChartPoint[]): boolean {
  const intervals: number[] = [];
  let previous: ChartPoint | null = null;
  for (const p of series) {
    if (p.v === null) {
      previous = null;
      continue;
    }
    if (previous) intervals.push(p.t - previous.t);
    previous = p;
  }
  if (series.length === 0) return false;
  if (intervals.length === 0) return true;
  return median(intervals) >= SPARSE_INTERVAL_MS;
}
