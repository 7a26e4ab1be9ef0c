import type { SeriesPoint } from '@infusion/shared';

/**
 * A row of a review chart. Downsampled: `band` is the bucket's lowest and highest reading,
 * `mean` its average. Exact: `mean` is the reading itself and `band` is null. A row with both
 * null breaks the line where the readings stopped.
 */
export interface ReviewRow {
  t: number;
  mean: number | null;
  band: [number, number] | null;
}

/** What one chart shows: every reading, or min/max buckets of `bucketMs`. */
export type Resolution = { exact: true } | { exact: false; bucketMs: number };

/** Readings further apart than this are never joined by a line, whatever the feed's rate. */
export const MIN_GAP_MS = 10_000;

/**
 * Whether a vital's series is its exact readings. The server buckets a vital only when it has
 * more readings than buckets, and then at least one bucket holds two or more.
 */
export function isExact(points: readonly SeriesPoint[]): boolean {
  return points.every((p) => p.n <= 1);
}

/** Width of the server's buckets for a range asked with `maxPoints`. */
export function bucketWidth(from: number, to: number, maxPoints: number): number {
  return Math.max(1, to - from) / maxPoints;
}

function medianGap(points: readonly SeriesPoint[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) gaps.push((points[i] as SeriesPoint).t - (points[i - 1] as SeriesPoint).t);
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] as number;
}

/**
 * The rows a review chart draws for one vital. A bucket is drawn at its middle. The line is
 * broken where readings stopped: over 10 s and over five typical intervals of the feed (so a
 * cuff pressure every five minutes is joined while a silent oximeter is not), or, downsampled,
 * over two and a half buckets (a whole empty bucket between two).
 */
export function reviewRows(
  points: readonly SeriesPoint[],
  bucketMs: number,
): { rows: ReviewRow[]; resolution: Resolution } {
  const exact = isExact(points);
  const resolution: Resolution = exact ? { exact: true } : { exact: false, bucketMs };
  const offset = exact ? 0 : bucketMs / 2;
  const gapMs = Math.max(MIN_GAP_MS, exact ? medianGap(points) * 5 : bucketMs * 2.5);
  const rows: ReviewRow[] = [];
  let previous: number | null = null;
  for (const p of points) {
    const t = p.t + offset;
    if (previous !== null && t - previous > gapMs) rows.push({ t: (previous + t) / 2, mean: null, band: null });
    rows.push({ t, mean: p.mean, band: exact ? null : [p.min, p.max] });
    previous = t;
  }
  return { rows, resolution };
}

/** A bucket width as the caption says it: "min/max per 11 s". */
export function formatBucket(ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Number((s / 60).toFixed(1))} min`;
}

/** What a chart's caption says about its data, so a smoothed copy is never taken for the readings. */
export function resolutionText(resolution: Resolution): string {
  return resolution.exact ? 'exact readings' : `downsampled: min/max per ${formatBucket(resolution.bucketMs)}`;
}

/** Every value a chart plots (for its value axis). */
export function rowValues(rows: readonly ReviewRow[]): number[] {
  const out: number[] = [];
  for (const r of rows) {
    if (r.band) out.push(r.band[0], r.band[1]);
    else if (r.mean !== null) out.push(r.mean);
  }
  return out;
}

/**
 * The drawn row nearest to time `t` (rows in time order), if one lies within `maxDistanceMs`:
 * what the cursor reads out. Gap rows are never returned.
 */
export function rowNear(rows: readonly ReviewRow[], t: number, maxDistanceMs: number): ReviewRow | null {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as ReviewRow).t < t) lo = mid + 1;
    else hi = mid;
  }
  let best: ReviewRow | null = null;
  for (let i = lo - 2; i <= lo + 1; i++) {
    const row = rows[i];
    if (!row || row.mean === null) continue;
    if (best === null || Math.abs(row.t - t) < Math.abs(best.t - t)) best = row;
  }
  return best !== null && Math.abs(best.t - t) <= maxDistanceMs ? best : null;
}
