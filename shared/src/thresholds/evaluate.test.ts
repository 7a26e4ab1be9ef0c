import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VITALS, type VitalCode } from '../vitals/catalogue.js';
import {
  breachMessage,
  comparePriority,
  crosses,
  evaluateBaselineRise,
  evaluateLimits,
  hasRecovered,
  operatorSymbol,
  type Priority,
  type Side,
} from './evaluate.js';
import { DEFAULT_PROFILE, ThresholdProfile, type Bound } from './profile.js';

type Expected = null | { priority: 'medium' | 'high'; immediate?: boolean; side: Side; message?: string };

const med = (side: Side, message?: string): Expected => ({ priority: 'medium', immediate: false, side, message });
const high = (side: Side, message?: string): Expected => ({ priority: 'high', immediate: false, side, message });
const now = (side: Side, message?: string): Expected => ({ priority: 'high', immediate: true, side, message });

/**
 * Every default limit from PRODUCT.md ("Alarm model"), at the limit, just inside it and just
 * beyond it. `message` is given where the value is a whole number (the display has no decimals).
 */
const DEFAULT_LIMIT_CASES: [VitalCode, number, Expected][] = [
  // SBP: > 160 medium, >= 180 high, >= 200 immediate; < 90 medium, < 80 high.
  ['sbp', 120, null],
  ['sbp', 159.9, null],
  ['sbp', 160, null],
  ['sbp', 160.1, med('upper')],
  ['sbp', 161, med('upper', 'SBP 161 > 160')],
  ['sbp', 179, med('upper', 'SBP 179 > 160')],
  ['sbp', 179.9, med('upper')],
  ['sbp', 180, high('upper', 'SBP 180 ≥ 180')],
  ['sbp', 181, high('upper', 'SBP 181 ≥ 180')],
  ['sbp', 199, high('upper', 'SBP 199 ≥ 180')],
  ['sbp', 199.9, high('upper')],
  ['sbp', 200, now('upper', 'SBP 200 ≥ 200')],
  ['sbp', 240, now('upper', 'SBP 240 ≥ 200')],
  ['sbp', 90.1, null],
  ['sbp', 90, null],
  ['sbp', 89.9, med('lower')],
  ['sbp', 89, med('lower', 'SBP 89 < 90')],
  ['sbp', 80, med('lower', 'SBP 80 < 90')],
  ['sbp', 79.9, high('lower')],
  ['sbp', 79, high('lower', 'SBP 79 < 80')],
  ['sbp', 40, high('lower', 'SBP 40 < 80')],
  // DBP: > 100 medium, >= 110 high, >= 120 immediate; no lower limits.
  ['dbp', 100, null],
  ['dbp', 101, med('upper', 'DBP 101 > 100')],
  ['dbp', 109, med('upper', 'DBP 109 > 100')],
  ['dbp', 109.9, med('upper')],
  ['dbp', 110, high('upper', 'DBP 110 ≥ 110')],
  ['dbp', 119, high('upper', 'DBP 119 ≥ 110')],
  ['dbp', 119.9, high('upper')],
  ['dbp', 120, now('upper', 'DBP 120 ≥ 120')],
  ['dbp', 121, now('upper', 'DBP 121 ≥ 120')],
  ['dbp', 15, null],
  // HR: > 120 / < 50 medium, > 140 / < 40 high.
  ['hr', 120, null],
  ['hr', 120.1, med('upper')],
  ['hr', 121, med('upper', 'HR 121 > 120')],
  ['hr', 140, med('upper', 'HR 140 > 120')],
  ['hr', 141, high('upper', 'HR 141 > 140')],
  ['hr', 250, high('upper', 'HR 250 > 140')],
  ['hr', 50, null],
  ['hr', 49.9, med('lower')],
  ['hr', 49, med('lower', 'HR 49 < 50')],
  ['hr', 40, med('lower', 'HR 40 < 50')],
  ['hr', 39, high('lower', 'HR 39 < 40')],
  ['hr', 20, high('lower', 'HR 20 < 40')],
  // SpO2: < 92 medium, < 90 high (delayed), < 80 immediate.
  ['spo2', 100, null],
  ['spo2', 92, null],
  ['spo2', 91.9, med('lower')],
  ['spo2', 91, med('lower', 'SpO2 91 < 92')],
  ['spo2', 90, med('lower', 'SpO2 90 < 92')],
  ['spo2', 89, high('lower', 'SpO2 89 < 90')],
  ['spo2', 87, high('lower', 'SpO2 87 < 90')],
  ['spo2', 80, high('lower', 'SpO2 80 < 90')],
  ['spo2', 79.9, now('lower')],
  ['spo2', 79, now('lower', 'SpO2 79 < 80')],
  ['spo2', 40, now('lower', 'SpO2 40 < 80')],
  // RR: < 10 or > 30 medium, < 8 high.
  ['rr', 10, null],
  ['rr', 9.9, med('lower')],
  ['rr', 9, med('lower', 'RR 9 < 10')],
  ['rr', 8, med('lower', 'RR 8 < 10')],
  ['rr', 7, high('lower', 'RR 7 < 8')],
  ['rr', 0, high('lower', 'RR 0 < 8')],
  ['rr', 30, null],
  ['rr', 30.1, med('upper')],
  ['rr', 31, med('upper', 'RR 31 > 30')],
  ['rr', 70, med('upper', 'RR 70 > 30')],
  // MOAA/S: <= 3 medium, <= 1 high (5 = alert).
  ['moaas', 5, null],
  ['moaas', 4, null],
  ['moaas', 3.1, null],
  ['moaas', 3, med('lower', 'MOAA/S 3 ≤ 3')],
  ['moaas', 2, med('lower', 'MOAA/S 2 ≤ 3')],
  ['moaas', 1.1, med('lower')],
  ['moaas', 1, high('lower', 'MOAA/S 1 ≤ 1')],
  ['moaas', 0, high('lower', 'MOAA/S 0 ≤ 1')],
  // No default limits on these.
  ['map', 250, null],
  ['etco2', 0, null],
  ['temp', 43, null],
];

describe('evaluateLimits with the default profile (PRODUCT.md table)', () => {
  const cases = DEFAULT_LIMIT_CASES.map(([vital, value, expected]) => ({
    vital,
    value,
    expected,
    want: expected ? `${expected.priority}${expected.immediate ? ' at once' : ''} (${expected.side})` : 'no alarm',
  }));

  it.each(cases)('$vital $value → $want', ({ vital, value, expected }) => {
    const breach = evaluateLimits(vital, DEFAULT_PROFILE.vitals[vital], value);
    if (expected === null) {
      expect(breach).toBeNull();
      return;
    }
    expect(breach).not.toBeNull();
    expect(breach).toMatchObject({ vital, value, side: expected.side, priority: expected.priority });
    expect(breach?.immediate).toBe(expected.immediate ?? false);
    if (expected.message !== undefined) expect(breach?.message).toBe(expected.message);
    // Whatever the value, the message names the vital first.
    expect(breach?.message.startsWith(`${VITALS[vital].label} `)).toBe(true);
  });

  it('returns null for a vital with no limits', () => {
    expect(evaluateLimits('hr', undefined, 300)).toBeNull();
  });

  it('names the bound that was crossed, the most urgent first', () => {
    const breach = evaluateLimits('spo2', DEFAULT_PROFILE.vitals.spo2, 75);
    expect(breach?.limit).toEqual({ value: 80, inclusive: false });
    expect(evaluateLimits('spo2', DEFAULT_PROFILE.vitals.spo2, 85)?.limit).toEqual({ value: 90, inclusive: false });
  });

  it('the priority is the most urgent level the value crosses (property)', () => {
    const vitals = Object.keys(DEFAULT_PROFILE.vitals) as VitalCode[];
    fc.assert(
      fc.property(
        fc
          .constantFrom(...vitals)
          .chain((v) =>
            fc.tuple(
              fc.constant(v),
              fc.double({ min: VITALS[v].plausible.min, max: VITALS[v].plausible.max, noNaN: true }),
            ),
          ),
        ([vital, value]) => {
          const limits = DEFAULT_PROFILE.vitals[vital];
          if (!limits) return;
          const breach = evaluateLimits(vital, limits, value);
          const crossed = (['upper', 'lower'] as const).flatMap((side) =>
            (['medium', 'high', 'immediate'] as const)
              .filter((level) => {
                const bound = limits[side][level];
                return bound !== undefined && crosses(side, bound, value);
              })
              .map((level) => ({ side, level })),
          );
          if (crossed.length === 0) {
            expect(breach).toBeNull();
            return;
          }
          // Never both sides at once: lower limits are below upper limits.
          expect(new Set(crossed.map((c) => c.side)).size).toBe(1);
          const levels = crossed.map((c) => c.level);
          expect(breach?.side).toBe(crossed[0]?.side);
          expect(breach?.immediate).toBe(levels.includes('immediate'));
          expect(breach?.priority).toBe(levels.includes('immediate') || levels.includes('high') ? 'high' : 'medium');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('message format', () => {
  it('never states a comparison the shown value does not satisfy', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<VitalCode>('hr', 'spo2', 'sbp', 'temp', 'rr'),
        fc.constantFrom<Side>('upper', 'lower'),
        fc.boolean(),
        fc.integer({ min: 10, max: 200 }),
        fc.double({ min: 0.0001, max: 5, noNaN: true }),
        (vital, side, inclusive, limit, beyond) => {
          const bound = { value: limit, inclusive };
          const value = side === 'upper' ? limit + beyond : limit - beyond;
          const shown = Number(breachMessage(vital, side, bound, value).split(' ')[1]);
          expect(crosses(side, bound, shown)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    { vital: 'spo2', side: 'lower', bound: { value: 90, inclusive: false }, value: 87, text: 'SpO2 87 < 90' },
    { vital: 'moaas', side: 'lower', bound: { value: 3, inclusive: true }, value: 2, text: 'MOAA/S 2 ≤ 3' },
    { vital: 'hr', side: 'upper', bound: { value: 120, inclusive: false }, value: 133, text: 'HR 133 > 120' },
    { vital: 'sbp', side: 'upper', bound: { value: 180, inclusive: true }, value: 185, text: 'SBP 185 ≥ 180' },
    { vital: 'temp', side: 'upper', bound: { value: 38, inclusive: false }, value: 38.64, text: 'Temp 38.6 > 38.0' },
    { vital: 'hr', side: 'upper', bound: { value: 120, inclusive: false }, value: 133.4, text: 'HR 133 > 120' },
    // Rounded to the vital's precision these would contradict their own comparison.
    { vital: 'spo2', side: 'lower', bound: { value: 90, inclusive: false }, value: 89.6, text: 'SpO2 89.6 < 90' },
    { vital: 'hr', side: 'upper', bound: { value: 120, inclusive: false }, value: 120.2, text: 'HR 120.2 > 120' },
    { vital: 'temp', side: 'upper', bound: { value: 38, inclusive: false }, value: 38.04, text: 'Temp 38.04 > 38.0' },
  ] as const)('$text', ({ vital, side, bound, value, text }) => {
    expect(breachMessage(vital, side, bound, value)).toBe(text);
  });

  it.each([
    { side: 'upper', inclusive: false, symbol: '>' },
    { side: 'upper', inclusive: true, symbol: '≥' },
    { side: 'lower', inclusive: false, symbol: '<' },
    { side: 'lower', inclusive: true, symbol: '≤' },
  ] as const)('operatorSymbol($side, inclusive $inclusive) = $symbol', ({ side, inclusive, symbol }) => {
    expect(operatorSymbol(side, { value: 1, inclusive })).toBe(symbol);
  });
});

describe('crosses', () => {
  it.each([
    { side: 'upper', bound: { value: 160, inclusive: false }, value: 160, out: false },
    { side: 'upper', bound: { value: 160, inclusive: false }, value: 160.01, out: true },
    { side: 'upper', bound: { value: 180, inclusive: true }, value: 180, out: true },
    { side: 'upper', bound: { value: 180, inclusive: true }, value: 179.99, out: false },
    { side: 'lower', bound: { value: 92, inclusive: false }, value: 92, out: false },
    { side: 'lower', bound: { value: 92, inclusive: false }, value: 91.99, out: true },
    { side: 'lower', bound: { value: 3, inclusive: true }, value: 3, out: true },
    { side: 'lower', bound: { value: 3, inclusive: true }, value: 3.01, out: false },
  ] as const)('$side $bound.value (inclusive $bound.inclusive) at $value → $out', ({ side, bound, value, out }) => {
    expect(crosses(side, bound, value)).toBe(out);
  });
});

describe('comparePriority', () => {
  it.each([
    ['high', 'medium', 1],
    ['high', 'low', 1],
    ['medium', 'low', 1],
    ['low', 'low', 0],
    ['medium', 'medium', 0],
    ['high', 'high', 0],
    ['low', 'medium', -1],
    ['medium', 'high', -1],
    ['low', 'high', -1],
  ] as [Priority, Priority, number][])('%s vs %s → sign %d', (a, b, sign) => {
    expect(Math.sign(comparePriority(a, b))).toBe(sign);
  });
});

describe('hasRecovered (hysteresis on clearing)', () => {
  // Recovered once the value is back inside the limit by at least the hysteresis.
  it.each([
    // SBP > 160, hysteresis 5: clears at 155 or below.
    ['upper', { value: 160, inclusive: false }, 5, 161, false],
    ['upper', { value: 160, inclusive: false }, 5, 160, false],
    ['upper', { value: 160, inclusive: false }, 5, 156, false],
    ['upper', { value: 160, inclusive: false }, 5, 155.5, false],
    ['upper', { value: 160, inclusive: false }, 5, 155, true],
    ['upper', { value: 160, inclusive: false }, 5, 120, true],
    // An inclusive limit (>= 180), hysteresis 5: 175 is 5 inside.
    ['upper', { value: 180, inclusive: true }, 5, 180, false],
    ['upper', { value: 180, inclusive: true }, 5, 175.1, false],
    ['upper', { value: 180, inclusive: true }, 5, 175, true],
    // SpO2 < 92, hysteresis 1: clears at 93 or above.
    ['lower', { value: 92, inclusive: false }, 1, 91, false],
    ['lower', { value: 92, inclusive: false }, 1, 92, false],
    ['lower', { value: 92, inclusive: false }, 1, 92.5, false],
    ['lower', { value: 92, inclusive: false }, 1, 93, true],
    ['lower', { value: 92, inclusive: false }, 1, 100, true],
    // SBP < 90, hysteresis 5: clears at 95 or above.
    ['lower', { value: 90, inclusive: false }, 5, 94, false],
    ['lower', { value: 90, inclusive: false }, 5, 95, true],
    // No hysteresis: recovered as soon as the value no longer crosses the limit.
    ['lower', { value: 3, inclusive: true }, 0, 3, false],
    ['lower', { value: 3, inclusive: true }, 0, 3.5, true],
    ['lower', { value: 3, inclusive: true }, 0, 4, true],
    ['lower', { value: 92, inclusive: false }, 0, 91.9, false],
    ['lower', { value: 92, inclusive: false }, 0, 92, true],
    ['upper', { value: 180, inclusive: true }, 0, 180, false],
    ['upper', { value: 180, inclusive: true }, 0, 179.9, true],
  ] as [Side, Bound, number, number, boolean][])('%s %o, hysteresis %d, value %d → %s', (side, bound, h, value, ok) => {
    expect(hasRecovered(side, bound, h, value)).toBe(ok);
  });

  const arbSide = fc.constantFrom<Side>('upper', 'lower');
  const arbBound = fc.record({ value: fc.integer({ min: 0, max: 300 }), inclusive: fc.boolean() });
  // Values near the bound, where the edge cases are, and anywhere at all.
  const arbCase = fc
    .tuple(
      arbSide,
      arbBound,
      fc.oneof(
        fc.integer({ min: -15, max: 15 }),
        fc.integer({ min: -150, max: 150 }).map((n) => n / 10),
        fc.integer({ min: -300, max: 300 }),
      ),
    )
    .map(([side, bound, offset]) => ({ side, bound, value: bound.value + offset }));

  it('a recovered value never crosses the limit; without hysteresis it is exactly "not crossing" (property)', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: 0, max: 10 }), ({ side, bound, value }, h) => {
        if (hasRecovered(side, bound, h, value)) expect(crosses(side, bound, value)).toBe(false);
        expect(hasRecovered(side, bound, 0, value)).toBe(!crosses(side, bound, value));
      }),
      { numRuns: 500 },
    );
  });

  it('more hysteresis never recovers sooner, and recovery is exactly "at least h back inside" (property)', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        ({ side, bound, value }, h1, h2) => {
          const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1];
          if (hasRecovered(side, bound, hi, value)) expect(hasRecovered(side, bound, lo, value)).toBe(true);
          if (hi > 0) {
            const inside = side === 'upper' ? bound.value - value : value - bound.value;
            expect(hasRecovered(side, bound, hi, value)).toBe(inside >= hi);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('evaluateBaselineRise (SBP rise over the session baseline: > 30 % medium, > 40 % high)', () => {
  it.each([
    [100, 100, null],
    [100, 129, null],
    [100, 130, null],
    [100, 130.1, 'medium'],
    [100, 131, 'medium'],
    [100, 140, 'medium'],
    [100, 140.1, 'high'],
    [100, 141, 'high'],
    [130, 169, null],
    [130, 170, 'medium'],
    [130, 182, 'medium'],
    [130, 183, 'high'],
    [120, 80, null],
  ] as [number, number, Priority | null][])('baseline %d, value %d → %s', (baseline, value, priority) => {
    const breach = evaluateBaselineRise(DEFAULT_PROFILE, 'sbp', baseline, value);
    expect(breach?.priority ?? null).toBe(priority);
    if (breach) {
      expect(breach).toMatchObject({ vital: 'sbp', value, baseline, limitPercent: priority === 'high' ? 40 : 30 });
      expect(breach.risePercent).toBeCloseTo(((value - baseline) / baseline) * 100, 9);
    }
  });

  it('says which rise was crossed', () => {
    expect(evaluateBaselineRise(DEFAULT_PROFILE, 'sbp', 100, 135)?.message).toBe('SBP 135 > baseline 100 +30%');
    expect(evaluateBaselineRise(DEFAULT_PROFILE, 'sbp', 100, 150)?.message).toBe('SBP 150 > baseline 100 +40%');
  });

  it.each([
    ['no baseline', 'sbp', undefined],
    ['a zero baseline', 'sbp', 0],
    ['a negative baseline', 'sbp', -5],
    ['a vital without a baseline rule', 'hr', 60],
  ] as [string, VitalCode, number | undefined][])('is null with %s', (_why, vital, baseline) => {
    expect(evaluateBaselineRise(DEFAULT_PROFILE, vital, baseline, 250)).toBeNull();
  });

  // Regression: ((v − b) / b) · 100 is 28.000000000000004 for b = 50, v = 64, which alarmed on a
  // "> 28 %" rule at exactly +28 %.
  it.each([
    { baseline: 50, value: 64, medium: 28, priority: null },
    { baseline: 50, value: 65, medium: 28, priority: 'medium' },
    { baseline: 40, value: 62, medium: 55, priority: null },
    { baseline: 100, value: 107, medium: 7, priority: null },
    { baseline: 50, value: 79, medium: 58, priority: null },
    { baseline: 50, value: 80, medium: 58, priority: 'medium' },
  ] as const)(
    'baseline $baseline, value $value, medium rise $medium → $priority (no rounding error)',
    ({ baseline, value, medium, priority }) => {
      const profile = ThresholdProfile.parse({ ...DEFAULT_PROFILE, baselineRise: { sbp: { medium, high: 100 } } });
      expect(evaluateBaselineRise(profile, 'sbp', baseline, value)?.priority ?? null).toBe(priority);
    },
  );

  it('alarms exactly when the rise is strictly beyond the limit, with no rounding error (property)', () => {
    fc.assert(
      fc.property(
        // Baselines that are multiples of 25 make whole-number values land exactly on a limit.
        fc.oneof(
          fc.integer({ min: 40, max: 300 }),
          fc.integer({ min: 2, max: 12 }).map((k) => k * 25),
        ),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: -2, max: 2 }),
        fc.boolean(),
        (baseline, medium, extra, offset, nearHigh) => {
          const high = Math.min(200, medium + extra);
          const value = Math.round((baseline * (100 + (nearHigh ? high : medium))) / 100) + offset;
          const profile = ThresholdProfile.parse({
            ...DEFAULT_PROFILE,
            baselineRise: { sbp: { medium, high } },
          });
          const breach = evaluateBaselineRise(profile, 'sbp', baseline, value);
          // Integer arithmetic: the rise in percent is beyond L exactly when 100·(v − b) > L·b.
          const beyond = (limit: number): boolean => (value - baseline) * 100 > limit * baseline;
          const expected = beyond(high) ? 'high' : beyond(medium) ? 'medium' : null;
          expect(breach?.priority ?? null).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
