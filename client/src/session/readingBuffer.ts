/** One reading of one vital as the charts keep it. */
export interface VitalPoint {
  id: number;
  /** When it was measured (epoch ms). */
  t: number;
  v: number;
}

/** The live charts show this much history. */
export const CHART_WINDOW_MS = 15 * 60_000;

/**
 * Most points kept per vital: 4 readings a second over the chart window. A faster or
 * misbehaving feed is cut here rather than slowing the screen.
 */
export const MAX_POINTS_PER_VITAL = 3_600;

function byTime(a: VitalPoint, b: VitalPoint): number {
  return a.t - b.t || a.id - b.id;
}

/**
 * Merges new points into a vital's buffer, in time order without duplicates, and bounds it:
 * points measured before `keepFrom` are dropped, then the oldest beyond `maxPoints`.
 * Returns the same array when nothing changed, so memoised charts skip the render.
 */
export function mergePoints(
  buffer: readonly VitalPoint[],
  incoming: readonly VitalPoint[],
  keepFrom: number,
  maxPoints: number = MAX_POINTS_PER_VITAL,
): { points: readonly VitalPoint[]; added: number } {
  let merged: VitalPoint[] | null = null;
  let added = 0;
  if (incoming.length > 0) {
    const known = new Set(buffer.map((p) => p.id));
    const fresh: VitalPoint[] = [];
    for (const p of incoming) {
      if (known.has(p.id)) continue;
      known.add(p.id);
      fresh.push(p);
    }
    added = fresh.length;
    if (fresh.length > 0) {
      fresh.sort(byTime);
      const last = buffer[buffer.length - 1];
      const first = fresh[0];
      const inOrder = last === undefined || (first !== undefined && byTime(last, first) <= 0);
      merged = buffer.concat(fresh);
      if (!inOrder) merged.sort(byTime);
    }
  }
  const all = merged ?? buffer;
  let start = 0;
  while (start < all.length && (all[start] as VitalPoint).t < keepFrom) start++;
  start = Math.max(start, all.length - maxPoints);
  if (start === 0) return { points: all, added };
  return { points: all.slice(start), added };
}
