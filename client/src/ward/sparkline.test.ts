import { describe, expect, it } from 'vitest';
import type { VitalPoint } from '../session/readingBuffer';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkDomain, sparklinePoints } from './sparkline';

const pts = (values: number[], step = 1_000, from = 0): VitalPoint[] =>
  values.map((v, i) => ({ id: i + 1, t: from + i * step, v }));

function parse(points: string): { x: number; y: number }[] {
  return points
    .split(' ')
    .filter(Boolean)
    .map((pair) => {
      const [x, y] = pair.split(',').map(Number);
      return { x: x ?? NaN, y: y ?? NaN };
    });
}

describe('sparkDomain', () => {
  it.each([
    ['widens a flat line about its value', [80, 80, 80], 20, { lo: 70, hi: 90 }],
    ['keeps a wide range', [60, 120], 20, { lo: 60, hi: 120 }],
    ['widens a narrow range about its middle', [95, 97], 6, { lo: 93, hi: 99 }],
  ])('%s', (_name, values, minSpan, domain) => {
    expect(sparkDomain(values, minSpan)).toEqual(domain);
  });

  it('has no range without values', () => {
    expect(sparkDomain([], 10)).toBeNull();
  });
});

describe('sparklinePoints', () => {
  const scale = { from: 0, to: 100_000, minSpan: 10 };

  it('draws time left to right and higher values up, inside the box', () => {
    const line = parse(sparklinePoints(pts([50, 60, 70], 50_000), scale));
    expect(line.map((p) => p.x)).toEqual([0, 50, 100]);
    expect(line[0]?.y).toBeGreaterThan(line[2]?.y ?? Infinity);
    for (const p of line) {
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(SPARK_HEIGHT);
      expect(p.x).toBeLessThanOrEqual(SPARK_WIDTH);
    }
  });

  it('leaves out points outside the window', () => {
    const line = parse(sparklinePoints(pts([1, 2, 3, 4], 50_000, -50_000), scale));
    expect(line).toHaveLength(3);
  });

  it('keeps at most two points a column, and a short dip survives', () => {
    const values = Array.from({ length: 600 }, (_, i) => (i === 300 ? 80 : 97));
    const line = parse(sparklinePoints(pts(values, 100), { from: 0, to: 60_000, minSpan: 6 }));
    expect(line.length).toBeLessThanOrEqual(100);
    const lowest = Math.max(...line.map((p) => p.y));
    expect(lowest).toBeGreaterThan(SPARK_HEIGHT - 2);
  });

  it('is empty when nothing is in the window', () => {
    expect(sparklinePoints([], scale)).toBe('');
    expect(sparklinePoints(pts([1], 1, 200_000), scale)).toBe('');
  });

  it('draws on a shared domain when given one', () => {
    const line = parse(sparklinePoints(pts([100, 100], 50_000), scale, { lo: 0, hi: 200 }));
    expect(line[0]?.y).toBeCloseTo(SPARK_HEIGHT / 2, 0);
  });
});
