import { describe, expect, it } from 'vitest';
import type { Reading } from '@infusion/shared';
import { wardTrend } from './namespace.js';

const r = (id: number, vital: Reading['vital'], t: number): Reading => ({
  id,
  sessionId: 's',
  vital,
  value: 70,
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
    expect(trend.length).toBe(60);
    expect(trend.at(-1)?.id).toBe(300);
    expect(trend.map((x) => x.measuredAt)).toEqual([...trend.map((x) => x.measuredAt)].sort((a, b) => a - b));
  });
});
