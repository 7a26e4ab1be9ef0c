import type { SeriesPoint } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { bucketWidth, formatBucket, isExact, resolutionText, reviewRows, rowNear, rowValues } from './series';

const exact = (t: number, v: number): SeriesPoint => ({ t, min: v, max: v, mean: v, n: 1 });
const bucket = (t: number, min: number, max: number, n: number): SeriesPoint => ({
  t,
  min,
  max,
  mean: (min + max) / 2,
  n,
});

describe('isExact', () => {
  it.each<[string, SeriesPoint[], boolean]>([
    ['no points', [], true],
    ['single readings', [exact(0, 97), exact(1000, 96)], true],
    ['a bucket of several', [exact(0, 97), bucket(11_000, 88, 97, 11)], false],
  ])('%s: %s', (_name, points, expected) => {
    expect(isExact(points)).toBe(expected);
  });
});

describe('reviewRows', () => {
  it('draws exact readings as they are, at their own time', () => {
    const { rows, resolution } = reviewRows([exact(0, 97), exact(1000, 95)], 5000);
    expect(resolution).toEqual({ exact: true });
    expect(rows).toEqual([
      { t: 0, mean: 97, band: null },
      { t: 1000, mean: 95, band: null },
    ]);
  });

  it('draws a bucket at its middle with its lowest and highest reading, so a dip shows', () => {
    const { rows, resolution } = reviewRows([bucket(0, 96, 98, 10), bucket(10_000, 81, 97, 10)], 10_000);
    expect(resolution).toEqual({ exact: false, bucketMs: 10_000 });
    expect(rows).toEqual([
      { t: 5_000, mean: 97, band: [96, 98] },
      { t: 15_000, mean: 89, band: [81, 97] },
    ]);
    expect(Math.min(...rowValues(rows))).toBe(81);
  });

  it('breaks the line where an oximeter went quiet, not between cuff pressures', () => {
    const oximeter = [exact(0, 97), exact(1000, 97), exact(2000, 97), exact(30_000, 96), exact(31_000, 96)];
    expect(reviewRows(oximeter, 1).rows.filter((r) => r.mean === null)).toEqual([
      { t: 16_000, mean: null, band: null },
    ]);
    const cuff = [0, 5, 10, 15].map((min) => exact(min * 60_000, 120));
    expect(reviewRows(cuff, 1).rows.some((r) => r.mean === null)).toBe(false);
  });

  it('breaks a downsampled line over missing buckets only', () => {
    const points = [
      bucket(0, 96, 98, 5),
      bucket(10_000, 96, 98, 5),
      bucket(20_000, 96, 98, 5),
      bucket(60_000, 96, 98, 5),
    ];
    const gaps = reviewRows(points, 10_000).rows.filter((r) => r.mean === null);
    expect(gaps).toHaveLength(1);
  });
});

describe('wording', () => {
  it.each([
    [42.3, '42 ms'],
    [1_000, '1 s'],
    [2_500, '2.5 s'],
    [10_800, '11 s'],
    [90_000, '90 s'],
    [180_000, '3 min'],
    [210_000, '3.5 min'],
  ])('%i ms bucket reads "%s"', (ms, text) => {
    expect(formatBucket(ms)).toBe(text);
  });

  it('says which kind of data a chart shows', () => {
    expect(resolutionText({ exact: true })).toBe('exact readings');
    expect(resolutionText({ exact: false, bucketMs: bucketWidth(0, 3 * 3600_000, 1000) })).toBe(
      'downsampled: min/max per 11 s',
    );
  });
});

describe('rowNear', () => {
  const rows = reviewRows([exact(0, 97), exact(1000, 95), exact(2000, 93), exact(30_000, 90)], 1).rows;
  it.each<[number, number, number | null]>([
    [-100, 500, 97],
    [400, 500, 97],
    [600, 500, 95],
    [2_400, 500, 93],
    [16_000, 500, null],
    [16_000, 20_000, 93],
    [29_000, 2_000, 90],
    [40_000, 2_000, null],
  ])('at %i ms (within %i ms): %s', (t, within, value) => {
    expect(rowNear(rows, t, within)?.mean ?? null).toBe(value);
  });
});
