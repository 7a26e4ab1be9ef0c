import { DEFAULT_PROFILE, VitalLimits } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { limitLines, limitsSummary, thresholdBands, type Band } from './thresholdBands';

const { vitals } = DEFAULT_PROFILE;

describe('thresholdBands', () => {
  it.each<[string, VitalLimits | undefined, [number, number], Band[]]>([
    [
      'HR: both sides',
      vitals.hr,
      [30, 150],
      [
        { y1: 120, y2: 140, zone: 'medium' },
        { y1: 140, y2: 150, zone: 'high' },
        { y1: 40, y2: 50, zone: 'medium' },
        { y1: 30, y2: 40, zone: 'high' },
      ],
    ],
    [
      'SpO2: lower side only, immediate limit folded into high',
      vitals.spo2,
      [75, 100],
      [
        { y1: 90, y2: 92, zone: 'medium' },
        { y1: 75, y2: 90, zone: 'high' },
      ],
    ],
    [
      'RR: upper medium only',
      vitals.rr,
      [5, 35],
      [
        { y1: 30, y2: 35, zone: 'medium' },
        { y1: 8, y2: 10, zone: 'medium' },
        { y1: 5, y2: 8, zone: 'high' },
      ],
    ],
    ['zones outside the axis are clipped away', vitals.hr, [60, 130], [{ y1: 120, y2: 130, zone: 'medium' }]],
    ['no limits', undefined, [0, 100], []],
    [
      'a high limit alone paints red to the edge',
      VitalLimits.parse({ upper: { high: { value: 50 } } }),
      [0, 100],
      [{ y1: 50, y2: 100, zone: 'high' }],
    ],
  ])('%s', (_name, limits, domain, expected) => {
    expect(thresholdBands(limits, domain)).toEqual(expected);
  });
});

describe('limitLines', () => {
  it('labels DBP limits as the alarm message would', () => {
    expect(limitLines(vitals.dbp)).toEqual([
      { y: 100, zone: 'medium', label: '> 100' },
      { y: 110, zone: 'high', label: '≥ 110' },
    ]);
  });
});

describe('limitsSummary', () => {
  it.each<[string, VitalLimits | undefined, string | null]>([
    ['HR', vitals.hr, '↓50 ↑120'],
    ['SpO2', vitals.spo2, '↓92'],
    ['DBP', vitals.dbp, '↑100'],
    ['none', undefined, null],
  ])('%s reads %j', (_name, limits, text) => {
    expect(limitsSummary(limits)).toBe(text);
  });
});
