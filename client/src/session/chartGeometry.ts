// Where things go on a live chart's SVG. Plain arithmetic rather than a charting library:
// four charts redrawn every second must each cost about a millisecond, not tens.
import type { ChartPoint } from './chartSeries';

/** Room kept around the plot: the value axis on the left, the clock axis underneath. */
export const CHART_MARGIN = { top: 6, right: 12, bottom: 22, left: 44 } as const;

/** The plot's edges in SVG pixels. */
export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The area left for the lines in a `width`×`height` chart (never inverted, however small). */
export function plotArea(width: number, height: number): PlotArea {
  const left = CHART_MARGIN.left;
  const top = CHART_MARGIN.top;
  return {
    left,
    top,
    right: Math.max(left + 1, width - CHART_MARGIN.right),
    bottom: Math.max(top + 1, height - CHART_MARGIN.bottom),
  };
}

export type Scale = (value: number) => number;

/** Maps `domain` onto `range` linearly; a zero-width domain maps to the start of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * The `d` of a line through `series`, lifted wherever a point is null, so a pause in the
 * readings shows as a pause in the line rather than a straight bridge across it.
 */
export function linePath(series: readonly ChartPoint[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  let penDown = false;
  for (const p of series) {
    if (p.v === null) {
      penDown = false;
      continue;
    }
    parts.push(`${penDown ? 'L' : 'M'}${round1(x(p.t))},${round1(y(p.v))}`);
    penDown = true;
  }
  return parts.join('');
}

/**
 * The ticks whose labels fit: from the last one back, each at least `minGap` pixels from
 * the one labelled before it, so a short chart shows 50 · 100 · 150 rather than a smudge.
 */
export function labelledTicks(ticks: readonly number[], at: Scale, minGap: number): number[] {
  const kept: number[] = [];
  let last: number | null = null;
  for (let i = ticks.length - 1; i >= 0; i--) {
    const tick = ticks[i] as number;
    if (last !== null && Math.abs(at(tick) - last) < minGap) continue;
    kept.unshift(tick);
    last = at(tick);
  }
  return kept;
}
