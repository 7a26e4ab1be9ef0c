import { describe, expect, it } from 'vitest';
import type { Reading } from '@infusion/shared';
import { wardTrend } from './namespace.js';

const r = (id: number, vital: Reading['vital'], t: number, value = 70): Reading => ({
  id,
  sessionId: 's',
  vital,
  value,
  measuredAt: t,
  receivedAt: t,
  source: 'device',
  deviceId: 'd',
  seq: id,
  enteredBy: null,
});

describe('wardTrend', () => {
  it('keeps at most 60 points per tile vital, always the newest, and drops vitals tiles do not show', () => {
    const readings = [
      ...Array.from({ length: 300 }, (_, i) => r(i + 1, 'hr', i * 1000)),
      ...Array.from({ length: 300 }, (_, i) => r(1000 + i, 'map', i * 1000)),
    ];
    const trend = wardTrend(readings);
    expect(trend.every((x) => x.vital === 'hr')).toBe(true);
    expect(trend.length).toBeLessThanOrEqual(60);
    // Still the whole five minutes, from its first stretch to now.
    expect(trend[0]?.measuredAt).toBeLessThan(15_000);
    expect(trend.at(-1)?.id).toBe(300);
    expect(trend.map((x) => x.measuredAt)).toEqual([...trend.map((x) => x.measuredAt)].sort((a, b) => a - b));
  });

  it('keeps a dip of a few seconds and a one-reading spike among five minutes of steady readings', () => {
    const readings = Array.from({ length: 300 }, (_, i) => {
      const value = i >= 120 && i < 123 ? 84 : i === 250 ? 131 : 97;
      return r(i + 1, 'spo2', i * 1000, value);
    });
    const values = wardTrend(readings).map((x) => x.value);
    expect(values.length).toBeLessThanOrEqual(60);
    expect(Math.min(...values)).toBe(84);
    expect(Math.max(...values)).toBe(131);
  });
});
