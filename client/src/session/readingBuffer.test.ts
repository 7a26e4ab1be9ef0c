import { describe, expect, it } from 'vitest';
import { mergePoints, type VitalPoint } from './readingBuffer';

const p = (id: number, t: number, v = 80): VitalPoint => ({ id, t, v });
const ids = (points: readonly VitalPoint[]) => points.map((x) => x.id);

describe('mergePoints', () => {
  it('appends newer points', () => {
    const { points, added } = mergePoints([p(1, 1000), p(2, 2000)], [p(3, 3000)], 0);
    expect(ids(points)).toEqual([1, 2, 3]);
    expect(added).toBe(1);
  });

  it('keeps time order when points arrive late', () => {
    const { points } = mergePoints([p(1, 1000), p(3, 3000)], [p(2, 2000), p(4, 500)], 0);
    expect(ids(points)).toEqual([4, 1, 2, 3]);
  });

  it('skips readings it already has (a catch-up overlapping the live feed)', () => {
    const { points, added } = mergePoints([p(1, 1000), p(2, 2000)], [p(2, 2000), p(3, 3000), p(3, 3000)], 0);
    expect(ids(points)).toEqual([1, 2, 3]);
    expect(added).toBe(1);
  });

  it('drops points older than the window', () => {
    const { points } = mergePoints([p(1, 1000), p(2, 2000)], [p(3, 3000)], 2000);
    expect(ids(points)).toEqual([2, 3]);
  });

  it('keeps at most maxPoints, the newest', () => {
    const buffer = Array.from({ length: 10 }, (_, i) => p(i + 1, (i + 1) * 1000));
    const { points } = mergePoints(buffer, [p(11, 11_000), p(12, 12_000)], 0, 5);
    expect(ids(points)).toEqual([8, 9, 10, 11, 12]);
  });

  it('returns the same array when nothing changed', () => {
    const buffer = [p(1, 1000), p(2, 2000)];
    expect(mergePoints(buffer, [], 0).points).toBe(buffer);
    expect(mergePoints(buffer, [p(2, 2000)], 500).points).toBe(buffer);
  });

  it('stays bounded under a long feed', () => {
    let buffer: readonly VitalPoint[] = [];
    for (let second = 1; second <= 4 * 3600; second++) {
      const now = second * 1000;
      buffer = mergePoints(buffer, [p(second, now)], now - 15 * 60_000, 3_600).points;
    }
    expect(buffer.length).toBe(901);
    expect(buffer[0]?.t).toBe(4 * 3600_000 - 15 * 60_000);
  });
});
