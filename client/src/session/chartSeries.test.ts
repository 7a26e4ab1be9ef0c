import { describe, expect, it } from 'vitest';
import { chartSeries, isSparse, minMaxBuckets } from './chartSeries';
import type { VitalPoint } from './readingBuffer';

function feed(count: number, everyMs: number, value: (i: number) => number = () => 98, from = 0): VitalPoint[] {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, t: from + i * everyMs, v: value(i) }));
}

describe('minMaxBuckets', () => {
  it('keeps a one-second dip that an average would hide', () => {
    const points = feed(900, 1000, (i) => (i === 451 ? 84 : 98));
    const drawn = minMaxBuckets(points, 0, 900_000, 100);
    expect(drawn.length).toBeLessThanOrEqual(200);
    expect(Math.min(...drawn.map((p) => p.v))).toBe(84);
  });

  it('keeps both a one-second spike and a one-second dip in the same stretch', () => {
    const points = feed(900, 1000, (i) => (i === 300 ? 140 : i === 301 ? 40 : 80));
    const drawn = minMaxBuckets(points, 0, 900_000, 100);
    expect(drawn.length).toBeLessThanOrEqual(200);
    expect(Math.max(...drawn.map((p) => p.v))).toBe(140);
    expect(Math.min(...drawn.map((p) => p.v))).toBe(40);
  });

  it('draws each bucket at its middle, from the extreme nearer the line so far', () => {
    // Two buckets of 10 s. The first has no line before it: lowest first. The line then
    // stands at 9, nearer the second bucket's 7 than its 1: highest first.
    const points: VitalPoint[] = [
      { id: 1, t: 0, v: 9 },
      { id: 2, t: 4_000, v: 5 },
      { id: 3, t: 8_000, v: 1 },
      { id: 4, t: 12_000, v: 2 },
      { id: 5, t: 15_000, v: 7 },
      { id: 6, t: 19_000, v: 1 },
    ];
    expect(minMaxBuckets(points, 0, 20_000, 2)).toEqual([
      { t: 5_000, v: 1 },
      { t: 5_000, v: 9 },
      { t: 15_000, v: 7 },
      { t: 15_000, v: 1 },
    ]);
  });

  it('leaves a series that already fits alone', () => {
    const points = feed(10, 1000);
    expect(minMaxBuckets(points, 0, 10_000, 100)).toEqual(points.map((p) => ({ t: p.t, v: p.v })));
  });
});

describe('chartSeries', () => {
  it.each([
    ['1 Hz over 15 min into 1000 px', 900, 1000, 1000],
    ['1 Hz over 15 min into 600 px', 900, 1000, 600],
    ['1 Hz over 15 min into 300 px', 900, 1000, 300],
    ['10 Hz over 15 min into 1200 px', 9000, 100, 1200],
  ])('%s stays within the pixel budget', (_name, count, everyMs, pixels) => {
    const points = feed(count, everyMs, (i) => 90 + (i % 7));
    const series = chartSeries(points, 0, 900_000, pixels);
    expect(series.length).toBeLessThanOrEqual(Math.max(pixels, count > pixels ? pixels : count));
    expect(series.length).toBeGreaterThanOrEqual(Math.min(count, pixels / 2));
    expect(series.some((p) => p.v === null)).toBe(false);
  });

  it('draws only the window', () => {
    const series = chartSeries(feed(100, 1000), 10_000, 20_000, 600);
    expect(series.map((p) => p.t)).toEqual(Array.from({ length: 11 }, (_, i) => 10_000 + i * 1000));
  });

  it('breaks the line where a 1 Hz feed went quiet for 30 s', () => {
    const points = [...feed(10, 1000), ...feed(10, 1000, () => 97, 40_000).map((p) => ({ ...p, id: p.id + 100 }))];
    const series = chartSeries(points, 0, 60_000, 600);
    const breaks = series.filter((p) => p.v === null);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]?.t).toBe((9_000 + 40_000) / 2);
  });

  it('joins a cuff pressure taken every 5 minutes', () => {
    const series = chartSeries(
      feed(4, 300_000, () => 130),
      0,
      900_000,
      600,
    );
    expect(series).toHaveLength(4);
    expect(isSparse(series)).toBe(true);
  });

  it('is empty without readings in the window', () => {
    expect(chartSeries(feed(5, 1000), 100_000, 200_000, 600)).toEqual([]);
  });
});

describe('isSparse', () => {
  it.each<[string, { t: number; v: number | null }[], boolean]>([
    ['no points', [], false],
    ['one lone reading', [{ t: 0, v: 1 }], true],
    ['a 1 Hz feed, even just started', feed(5, 1000), false],
    ['a cuff pressure every 5 minutes', feed(3, 300_000), true],
    [
      'lone readings between gaps',
      [
        { t: 0, v: 1 },
        { t: 1, v: null },
        { t: 60_000, v: 2 },
      ],
      true,
    ],
  ])('%s: %s', (_name, series, sparse) => {
    expect(isSparse(series)).toBe(sparse);
  });
});
