import { DEFAULT_PROFILE, VITALS } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { limitValues, timeTicks, valueDomain, valueTicks } from './chartScale';

describe('limitValues', () => {
  it('lists every limit of the default SpO2 profile', () => {
    expect(limitValues(DEFAULT_PROFILE.vitals.spo2).sort((a, b) => a - b)).toEqual([80, 90, 92]);
  });
  it('is empty without limits', () => {
    expect(limitValues(undefined)).toEqual([]);
  });
});

describe('valueDomain', () => {
  it.each<[string, number[], number[], { min: number; max: number }, [number, number]]>([
    ['SpO2 near 98 with limits 80–92 stops at 100', [97, 99], [80, 90, 92], VITALS.spo2.plausible, [75, 100]],
    ['HR with limits 40–140', [72, 80], [40, 50, 120, 140], VITALS.hr.plausible, [30, 150]],
    ['a reading beyond every limit stays in view', [190], [40, 140], VITALS.hr.plausible, [25, 205]],
    ['no readings, no limits', [], [], VITALS.rr.plausible, [0, 70]],
    ['one flat value', [12], [], VITALS.rr.plausible, [5, 20]],
  ])('%s', (_name, values, limits, plausible, expected) => {
    expect(valueDomain(values, limits, plausible)).toEqual(expected);
  });
});

describe('timeTicks', () => {
  const base = 1_700_000_000_000 - (1_700_000_000_000 % 3_600_000);
  it('gives whole minutes across a 15-minute window', () => {
    const ticks = timeTicks(base + 30_000, base + 15 * 60_000 + 30_000, 6);
    expect(ticks).toEqual([5, 10, 15].map((m) => base + m * 60_000));
  });
  it('uses finer steps when there is room', () => {
    expect(timeTicks(base, base + 15 * 60_000, 8)).toHaveLength(8);
  });
  it('always ticks on whole minutes', () => {
    for (const t of timeTicks(base + 1234, base + 900_000 + 1234, 10)) expect(t % 60_000).toBe(0);
  });
});

describe('valueTicks', () => {
  it.each<[[number, number], number[]]>([
    [
      [75, 100],
      [80, 90, 100],
    ],
    [
      [30, 150],
      [50, 75, 100, 125, 150],
    ],
    [
      [0, 35],
      [0, 10, 20, 30],
    ],
    [
      [5, 20],
      [5, 10, 15, 20],
    ],
    [
      [70, 210],
      [100, 150, 200],
    ],
    [
      [90, 94],
      [90, 91, 92, 93, 94],
    ],
  ])('%j → %j', (domain, ticks) => {
    expect(valueTicks(domain)).toEqual(ticks);
  });
});
