/**
 * Small statistics helpers for the benchmark: a millisecond histogram that worker threads fill
 * and post back (as a plain array of counts), and percentiles read from it.
 */

/** Largest latency kept exactly, in ms; anything slower lands in the last bucket. */
export const HISTOGRAM_MAX_MS = 60_000;

/** Counts per whole millisecond, 0 … {@link HISTOGRAM_MAX_MS} (the last bucket holds everything slower). */
export class MsHistogram {
  readonly counts: Uint32Array;
  total = 0;
  max = 0;

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Uint32Array(HISTOGRAM_MAX_MS + 1);
    if (counts) {
      for (let i = 0; i < counts.length && i <= HISTOGRAM_MAX_MS; i++) {
        const c = counts[i] ?? 0;
        if (c === 0) continue;
        this.counts[i] = c;
        this.total += c;
        this.max = i;
      }
    }
  }

  /** Records `weight` samples of `ms` (negative values, from clock rounding, count as 0). */
  add(ms: number, weight = 1): void {
    const bucket = ms <= 0 ? 0 : ms >= HISTOGRAM_MAX_MS ? HISTOGRAM_MAX_MS : Math.round(ms);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + weight;
    this.total += weight;
    if (bucket > this.max) this.max = bucket;
  }

  merge(other: MsHistogram): void {
    for (let i = 0; i <= other.max; i++) {
      const c = other.counts[i] ?? 0;
      if (c !== 0) this.counts[i] = (this.counts[i] ?? 0) + c;
    }
    this.total += other.total;
    if (other.max > this.max) this.max = other.max;
  }

  /** The smallest value at or below which a fraction `q` (0…1) of the samples lie; null when empty. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i <= this.max; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return i;
    }
    return this.max;
  }

  /** Sparse form for posting between threads: [ms, count] pairs. */
  toPairs(): [number, number][] {
    const pairs: [number, number][] = [];
    for (let i = 0; i <= this.max; i++) {
      const c = this.counts[i] ?? 0;
      if (c !== 0) pairs.push([i, c]);
    }
    return pairs;
  }

  static fromPairs(pairs: readonly (readonly [number, number])[]): MsHistogram {
    const h = new MsHistogram();
    for (const [ms, count] of pairs) h.add(ms, count);
    return h;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.max = 0;
  }
}

export interface LatencySummary {
  samples: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export function summarise(h: MsHistogram): LatencySummary {
  return {
    samples: h.total,
    p50: h.quantile(0.5),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    max: h.total === 0 ? null : h.max,
  };
}

/** Sampling period of the event-loop delay monitors, in ms. */
export const LOOP_RESOLUTION_MS = 10;

/** Event-loop delay of one thread over a window, in ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/**
 * Reads a `perf_hooks` event-loop-delay histogram (nanoseconds) as milliseconds of delay beyond
 * its sampling timer (the histogram records whole timer intervals, so `resolutionMs` is taken off).
 */
export function loopDelayOf(h: { percentile(p: number): number; max: number }, resolutionMs: number): LoopDelay {
  const ms = (ns: number): number =>
    Math.max(0, Math.round(((Number.isFinite(ns) ? ns : 0) / 1e6 - resolutionMs) * 100) / 100);
  return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
}

/** Runs `task` over `items` with at most `limit` running at once, in order of the items. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  });
  await Promise.all(runners);
  return results;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
