// A tile's trend line as the `points` of an SVG polyline: cheap enough for two dozen tiles
// updating every second, where a charting library would not be.
import type { VitalPoint } from '../session/readingBuffer';

/** The sparkline's drawing box; the SVG stretches it to the tile. */
export const SPARK_WIDTH = 100;
export const SPARK_HEIGHT = 24;
/** Columns the line is cut into: each keeps its lowest and highest value, so a dip shows. */
const BUCKETS = 50;

export interface SparkScale {
  from: number;
  to: number;
  /** Smallest value span drawn, so monitor noise does not fill the box like a crisis would. */
  minSpan: number;
}

/** The value range drawn: the data's, widened about its middle to at least `minSpan`. */
export function sparkDomain(values: readonly number[], minSpan: number): { lo: number; hi: number } | null {
  if (values.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  return { lo, hi };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Polyline points for `points` between `scale.from` and `scale.to`, in a
 * {@link SPARK_WIDTH}×{@link SPARK_HEIGHT} box, higher values up. At most two points per
 * column (its minimum and maximum, in time order). Empty when nothing falls in the window.
 * `domain` lets lines drawn together (SBP and DBP) share one scale.
 */
export function sparklinePoints(
  points: readonly VitalPoint[],
  scale: SparkScale,
  domain?: { lo: number; hi: number } | null,
): string {
  const span = scale.to - scale.from;
  if (span <= 0) return '';
  const columns: { lo: VitalPoint; hi: VitalPoint }[] = [];
  const used: number[] = [];
  for (const p of points) {
    if (p.t < scale.from || p.t > scale.to) continue;
    const c = Math.min(BUCKETS - 1, Math.floor(((p.t - scale.from) / span) * BUCKETS));
    const col = columns[c];
    if (!col) {
      columns[c] = { lo: p, hi: p };
      used.push(c);
    } else {
      if (p.v < col.lo.v) col.lo = p;
      if (p.v > col.hi.v) col.hi = p;
    }
  }
  if (used.length === 0) return '';
  const kept: VitalPoint[] = [];
  for (const c of used) {
    const col = columns[c] as { lo: VitalPoint; hi: VitalPoint };
    if (col.lo === col.hi) kept.push(col.lo);
    else if (col.lo.t <= col.hi.t) kept.push(col.lo, col.hi);
    else kept.push(col.hi, col.lo);
  }
  const range =
    domain ??
    sparkDomain(
      kept.map((p) => p.v),
      scale.minSpan,
    );
  if (!range) return '';
  const height = range.hi - range.lo || 1;
  const pad = 1.5;
  return kept
    .map((p) => {
      const x = ((p.t - scale.from) / span) * SPARK_WIDTH;
      const y = pad + (1 - (p.v - range.lo) / height) * (SPARK_HEIGHT - 2 * pad);
      return `${round1(x)},${round1(y)}`;
    })
    .join(' ');
}
