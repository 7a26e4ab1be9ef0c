import { describe, expect, it } from 'vitest';
import {
  around,
  clampRange,
  isWhole,
  MIN_SPAN_MS,
  pan,
  pixelToTime,
  reviewTimeTicks,
  selectionToRange,
  zoomIn,
  zoomOut,
  type TimeRange,
} from './zoom';

const MIN = 60_000;
const full: TimeRange = { from: 0, to: 180 * MIN };

describe('clampRange', () => {
  it.each<[string, TimeRange, TimeRange]>([
    ['inside: unchanged', { from: 10 * MIN, to: 20 * MIN }, { from: 10 * MIN, to: 20 * MIN }],
    ['before the start: moved in', { from: -5 * MIN, to: 5 * MIN }, { from: 0, to: 10 * MIN }],
    ['after the end: moved in', { from: 175 * MIN, to: 185 * MIN }, { from: 170 * MIN, to: 180 * MIN }],
    ['wider than the session: the session', { from: -MIN, to: 200 * MIN }, full],
    [
      'narrower than the least: widened around its middle',
      { from: MIN, to: MIN + 2000 },
      { from: MIN + 1000 - MIN_SPAN_MS / 2, to: MIN + 1000 + MIN_SPAN_MS / 2 },
    ],
  ])('%s', (_name, range, expected) => {
    expect(clampRange(range, full)).toEqual(expected);
  });

  it('gives the whole of a session shorter than the least span', () => {
    expect(clampRange({ from: 1000, to: 2000 }, { from: 0, to: 5000 })).toEqual({ from: 0, to: 5000 });
  });
});

describe('selecting with the mouse', () => {
  it('maps pixels to time across the plot', () => {
    expect(pixelToTime(0, 1000, full)).toBe(0);
    expect(pixelToTime(500, 1000, full)).toBe(90 * MIN);
    expect(pixelToTime(1200, 1000, full)).toBe(180 * MIN);
  });

  it('zooms to the dragged stretch, whichever way it was dragged', () => {
    const expected = { from: 18 * MIN, to: 36 * MIN };
    expect(selectionToRange(100, 200, 1000, full, full)).toEqual(expected);
    expect(selectionToRange(200, 100, 1000, full, full)).toEqual(expected);
  });

  it('takes a click for a click', () => {
    expect(selectionToRange(100, 103, 1000, full, full)).toBeNull();
  });
});

describe('zoom buttons', () => {
  const view = { from: 60 * MIN, to: 80 * MIN };
  it('zooms out around the middle, then stops at the session', () => {
    expect(zoomOut(view, full)).toEqual({ from: 50 * MIN, to: 90 * MIN });
    expect(zoomOut({ from: 0, to: 120 * MIN }, full)).toEqual(full);
  });
  it('zooms in around the middle', () => {
    expect(zoomIn(view, full)).toEqual({ from: 65 * MIN, to: 75 * MIN });
  });
  it('pans, stopping at the ends', () => {
    expect(pan(view, full, 0.5)).toEqual({ from: 70 * MIN, to: 90 * MIN });
    expect(pan({ from: 5 * MIN, to: 25 * MIN }, full, -1)).toEqual({ from: 0, to: 20 * MIN });
  });
  it('shows an alarm with a minute either side', () => {
    expect(around(30 * MIN, 31 * MIN, full)).toEqual({ from: 29 * MIN, to: 32 * MIN });
  });
  it('knows the whole session', () => {
    expect(isWhole(full, full)).toBe(true);
    expect(isWhole(view, full)).toBe(false);
  });
});

describe('reviewTimeTicks', () => {
  const at = (h: number, m: number, s = 0) => new Date(2026, 2, 5, h, m, s).getTime();
  it.each<[string, TimeRange, number, number]>([
    ['three hours: quarter hours', { from: at(9, 2), to: at(12, 2) }, 15, 15 * MIN],
    ['twenty minutes: two minutes', { from: at(9, 2), to: at(9, 22) }, 12, 2 * MIN],
    ['thirty seconds: five seconds', { from: at(9, 2, 1), to: at(9, 2, 31) }, 12, 5000],
  ])('%s', (_name, range, maxTicks, step) => {
    const { ticks, stepMs } = reviewTimeTicks(range, maxTicks);
    expect(stepMs).toBe(step);
    expect(ticks.length).toBeLessThanOrEqual(maxTicks);
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(range.from);
      expect(t).toBeLessThanOrEqual(range.to);
      expect(new Date(t).getSeconds() * 1000 + new Date(t).getMinutes() * MIN).toSatisfy(
        (v: number) => v % step === 0 || step >= 60 * MIN,
      );
    }
  });
});
