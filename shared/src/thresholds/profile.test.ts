import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VITALS, type VitalCode } from '../vitals/catalogue.js';
import {
  BaselineRiseLimits,
  Bound,
  DEFAULT_PROFILE,
  ManualCheck,
  ThresholdProfile,
  VitalLimits,
  type ThresholdProfileInput,
} from './profile.js';

/** The default profile as plain input, with some vitals' limits replaced. */
function withVitals(vitals: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return {
    ...structuredClone(DEFAULT_PROFILE),
    ...extra,
    vitals: { ...structuredClone(DEFAULT_PROFILE.vitals), ...vitals },
  };
}

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = ThresholdProfile.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

describe('DEFAULT_PROFILE', () => {
  it('is accepted by the schema, unchanged', () => {
    const result = ThresholdProfile.safeParse(DEFAULT_PROFILE);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(DEFAULT_PROFILE);
  });

  // PRODUCT.md, "Alarm model": the starting defaults.
  it.each([
    {
      vital: 'sbp',
      upper: { medium: [160, false], high: [180, true], immediate: [200, true] },
      lower: { medium: [90, false], high: [80, false] },
    },
    {
      vital: 'dbp',
      upper: { medium: [100, false], high: [110, true], immediate: [120, true] },
      lower: {},
    },
    {
      vital: 'hr',
      upper: { medium: [120, false], high: [140, false] },
      lower: { medium: [50, false], high: [40, false] },
    },
    {
      vital: 'spo2',
      upper: {},
      lower: { medium: [92, false], high: [90, false], immediate: [80, false] },
    },
    {
      vital: 'rr',
      upper: { medium: [30, false] },
      lower: { medium: [10, false], high: [8, false] },
    },
    {
      vital: 'moaas',
      upper: {},
      lower: { medium: [3, true], high: [1, true] },
    },
  ] as const)('$vital limits are the PRODUCT.md table', ({ vital, upper, lower }) => {
    const limits = DEFAULT_PROFILE.vitals[vital];
    const toBounds = (side: Partial<Record<string, readonly [number, boolean]>>) =>
      Object.fromEntries(
        Object.entries(side).flatMap(([level, b]) => (b ? [[level, { value: b[0], inclusive: b[1] }]] : [])),
      );
    expect(limits?.upper).toEqual(toBounds(upper));
    expect(limits?.lower).toEqual(toBounds(lower));
  });

  it('delays SpO2 alarms 15 s, and every delay is short', () => {
    expect(DEFAULT_PROFILE.vitals.spo2?.delaySec).toBe(15);
    for (const limits of Object.values(DEFAULT_PROFILE.vitals)) expect(limits.delaySec).toBeLessThanOrEqual(15);
  });

  it('has limits only on the vitals of the table', () => {
    expect(Object.keys(DEFAULT_PROFILE.vitals).sort()).toEqual(['dbp', 'hr', 'moaas', 'rr', 'sbp', 'spo2']);
  });

  it('alarms on an SBP rise over baseline of > 30 % (medium) and > 40 % (high)', () => {
    expect(DEFAULT_PROFILE.baselineRise).toEqual({ sbp: { medium: 30, high: 40 } });
  });

  it('asks for a cuff BP every 10 min infusing and every 15 in recovery, and a sedation score', () => {
    expect(DEFAULT_PROFILE.manualChecks).toEqual([
      { vital: 'sbp', source: 'any', infusingEveryMin: 10, recoveryEveryMin: 15 },
      { vital: 'moaas', source: 'manual', infusingEveryMin: 15, recoveryEveryMin: 15 },
    ]);
  });

  it('pauses audio for 120 s', () => {
    expect(DEFAULT_PROFILE.audioPauseSec).toBe(120);
    expect(DEFAULT_PROFILE.noDataSec).toBe(15);
    expect(DEFAULT_PROFILE.escalateAfterSec).toBe(60);
  });
});

describe('ThresholdProfile defaults', () => {
  it('fills in timings, checks and baseline rules', () => {
    const profile = ThresholdProfile.parse({ id: 'p', name: 'P', vitals: {} });
    expect(profile).toMatchObject({
      id: 'p',
      name: 'P',
      vitals: {},
      baselineRise: {},
      manualChecks: [],
      noDataSec: 15,
      escalateAfterSec: 60,
      audioPauseSec: 120,
    });
  });

  it('fills in a vital’s sides, delay and hysteresis, and makes bounds exclusive', () => {
    expect(VitalLimits.parse({})).toEqual({ upper: {}, lower: {}, delaySec: 0, hysteresis: 0 });
    expect(Bound.parse({ value: 5 })).toEqual({ value: 5, inclusive: false });
  });
});

describe('ThresholdProfile rejects incoherent profiles', () => {
  it.each([
    {
      why: 'a high limit inside the medium one (upper)',
      input: withVitals({ sbp: { upper: { medium: { value: 180 }, high: { value: 170 } } } }),
      path: 'vitals.sbp.upper.high.value',
      message: 'SBP upper high limit 170 must be above the less urgent limit 180',
    },
    {
      why: 'a high limit equal to the medium one',
      input: withVitals({ hr: { upper: { medium: { value: 120 }, high: { value: 120, inclusive: true } } } }),
      path: 'vitals.hr.upper.high.value',
      message: 'HR upper high limit 120 must be above the less urgent limit 120',
    },
    {
      why: 'an immediate limit inside the high one',
      input: withVitals({
        dbp: { upper: { medium: { value: 100 }, high: { value: 110 }, immediate: { value: 105 } } },
      }),
      path: 'vitals.dbp.upper.immediate.value',
      message: 'DBP upper immediate limit 105 must be above the less urgent limit 110',
    },
    {
      why: 'an immediate limit inside the medium one, with no high',
      input: withVitals({ sbp: { upper: { medium: { value: 160 }, immediate: { value: 150 } } } }),
      path: 'vitals.sbp.upper.immediate.value',
      message: 'SBP upper immediate limit 150 must be above the less urgent limit 160',
    },
    {
      why: 'a high limit inside the medium one (lower)',
      input: withVitals({ sbp: { lower: { medium: { value: 90 }, high: { value: 95 } } } }),
      path: 'vitals.sbp.lower.high.value',
      message: 'SBP lower high limit 95 must be below the less urgent limit 90',
    },
    {
      why: 'an immediate limit inside the high one (lower)',
      input: withVitals({ spo2: { lower: { medium: { value: 92 }, high: { value: 90 }, immediate: { value: 91 } } } }),
      path: 'vitals.spo2.lower.immediate.value',
      message: 'SpO2 lower immediate limit 91 must be below the less urgent limit 90',
    },
    {
      why: 'a lower limit above an upper one',
      input: withVitals({ hr: { upper: { medium: { value: 60 } }, lower: { medium: { value: 70 } } } }),
      path: 'vitals.hr',
      message: 'HR lower limits must all be below its upper limits',
    },
    {
      why: 'a lower limit equal to an upper one',
      input: withVitals({ rr: { upper: { medium: { value: 20 } }, lower: { medium: { value: 20 } } } }),
      path: 'vitals.rr',
      message: 'RR lower limits must all be below its upper limits',
    },
    {
      why: 'a lower high limit above the upper medium one',
      input: withVitals({
        sbp: { upper: { medium: { value: 100 } }, lower: { medium: { value: 120 }, high: { value: 110 } } },
      }),
      path: 'vitals.sbp',
      message: 'SBP lower limits must all be below its upper limits',
    },
    {
      why: 'a limit above the plausible range',
      input: withVitals({ spo2: { lower: { medium: { value: 101 } } } }),
      path: 'vitals.spo2.lower.medium.value',
      message: 'SpO2 lower medium limit 101 is outside the plausible range 40–100',
    },
    {
      why: 'a limit below the plausible range',
      input: withVitals({ rr: { lower: { medium: { value: -1 } } } }),
      path: 'vitals.rr.lower.medium.value',
      message: 'RR lower medium limit -1 is outside the plausible range 0–70',
    },
    {
      why: 'an immediate limit beyond the plausible range',
      input: withVitals({ hr: { upper: { medium: { value: 120 }, high: { value: 140 }, immediate: { value: 300 } } } }),
      path: 'vitals.hr.upper.immediate.value',
      message: 'HR upper immediate limit 300 is outside the plausible range 20–250',
    },
    {
      why: 'a sedation score limit beyond the scale',
      input: withVitals({ moaas: { lower: { medium: { value: 6, inclusive: true } } } }),
      path: 'vitals.moaas.lower.medium.value',
      message: 'MOAA/S lower medium limit 6 is outside the plausible range 0–5',
    },
    {
      why: 'a medium baseline rise not below the high one',
      input: withVitals({}, { baselineRise: { sbp: { medium: 40, high: 40 } } }),
      path: 'baselineRise.sbp',
      message: 'medium rise must be smaller than high rise',
    },
  ])('$why', ({ input, path, message }) => {
    expect(issuesOf(input)).toContainEqual({ path, message });
  });

  it.each([
    ['a negative delay', withVitals({ hr: { delaySec: -1 } })],
    ['a delay over 120 s', withVitals({ hr: { delaySec: 121 } })],
    ['a fractional delay', withVitals({ hr: { delaySec: 1.5 } })],
    ['a negative hysteresis', withVitals({ hr: { hysteresis: -1 } })],
    ['a non-finite limit', withVitals({ hr: { upper: { medium: { value: Number.POSITIVE_INFINITY } } } })],
    ['a NaN limit', withVitals({ hr: { upper: { medium: { value: Number.NaN } } } })],
    ['an unknown vital', withVitals({ bp: { upper: { medium: { value: 160 } } } })],
    ['a zero baseline rise', withVitals({}, { baselineRise: { sbp: { medium: 0 } } })],
    ['a baseline rise over 200 %', withVitals({}, { baselineRise: { sbp: { high: 250 } } })],
    ['a no-data time under 5 s', withVitals({}, { noDataSec: 4 })],
    ['a no-data time over 600 s', withVitals({}, { noDataSec: 601 })],
    ['an escalation under 10 s', withVitals({}, { escalateAfterSec: 5 })],
    ['an audio pause over 300 s', withVitals({}, { audioPauseSec: 301 })],
    ['an audio pause under 10 s', withVitals({}, { audioPauseSec: 9 })],
    ['an empty id', withVitals({}, { id: '' })],
    ['an empty name', withVitals({}, { name: '' })],
    [
      'a manual check every 0 min',
      withVitals({}, { manualChecks: [{ vital: 'sbp', source: 'any', infusingEveryMin: 0, recoveryEveryMin: 15 }] }),
    ],
    [
      'a manual check from an unknown source',
      withVitals(
        {},
        { manualChecks: [{ vital: 'sbp', source: 'device', infusingEveryMin: 10, recoveryEveryMin: 15 }] },
      ),
    ],
    [
      'more than 10 manual checks',
      withVitals(
        {},
        {
          manualChecks: Array.from({ length: 11 }, () => ({
            vital: 'sbp',
            source: 'any',
            infusingEveryMin: 10,
            recoveryEveryMin: 15,
          })),
        },
      ),
    ],
  ])('rejects %s', (_why, input) => {
    expect(ThresholdProfile.safeParse(input).success).toBe(false);
  });

  it('reports every incoherence, not only the first', () => {
    const issues = issuesOf(
      withVitals({
        spo2: { lower: { medium: { value: 101 }, high: { value: 102 } } },
        hr: { upper: { medium: { value: 40 } }, lower: { medium: { value: 50 } } },
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['vitals.spo2.lower.medium.value', 'vitals.spo2.lower.high.value', 'vitals.hr']),
    );
  });

  it('accepts a sparse, coherent profile (only some levels set)', () => {
    const input: ThresholdProfileInput = {
      id: 'sparse',
      name: 'Sparse',
      vitals: {
        spo2: { lower: { immediate: { value: 85 } } },
        hr: { upper: { high: { value: 150 } }, lower: { medium: { value: 45 } } },
        temp: { upper: { medium: { value: 38.5 } } },
      },
    };
    expect(ThresholdProfile.safeParse(input).success).toBe(true);
  });

  it('BaselineRiseLimits and ManualCheck are exported schemas of their own', () => {
    expect(BaselineRiseLimits.safeParse({ medium: 20 }).success).toBe(true);
    expect(BaselineRiseLimits.safeParse({ medium: 50, high: 20 }).success).toBe(false);
    expect(
      ManualCheck.safeParse({ vital: 'moaas', source: 'manual', infusingEveryMin: 15, recoveryEveryMin: 15 }).success,
    ).toBe(true);
  });
});

describe('profile coherence (property)', () => {
  const LEVELS = ['medium', 'high', 'immediate'] as const;
  const limitVitals = ['sbp', 'dbp', 'hr', 'spo2', 'rr', 'moaas', 'temp'] as const satisfies readonly VitalCode[];

  /** Random, possibly incoherent, limits for one vital: whole numbers around its plausible range. */
  const arbCase = fc.constantFrom(...limitVitals).chain((vital) => {
    const { min, max } = VITALS[vital].plausible;
    const arbLevel = fc.option(fc.integer({ min: min - 5, max: max + 5 }), { nil: undefined });
    const arbSide = fc.record({ medium: arbLevel, high: arbLevel, immediate: arbLevel });
    return fc.record({ vital: fc.constant(vital), upper: arbSide, lower: arbSide });
  });

  it('accepts limits exactly when they are plausible, ordered by urgency and lower below upper', () => {
    fc.assert(
      fc.property(arbCase, ({ vital, upper, lower }) => {
        const { min, max } = VITALS[vital].plausible;
        const toSide = (side: Partial<Record<(typeof LEVELS)[number], number | undefined>>) =>
          Object.fromEntries(LEVELS.filter((l) => side[l] !== undefined).map((l) => [l, { value: side[l] as number }]));
        const ups = LEVELS.map((l) => upper[l]).filter((v): v is number => v !== undefined);
        const lows = LEVELS.map((l) => lower[l]).filter((v): v is number => v !== undefined);
        const plausible = [...ups, ...lows].every((v) => v >= min && v <= max);
        const increasing = ups.every((v, i) => i === 0 || v > (ups[i - 1] as number));
        const decreasing = lows.every((v, i) => i === 0 || v < (lows[i - 1] as number));
        const apart = ups.length === 0 || lows.length === 0 || Math.max(...lows) < Math.min(...ups);
        const result = ThresholdProfile.safeParse({
          id: 'p',
          name: 'P',
          vitals: { [vital]: { upper: toSide(upper), lower: toSide(lower) } },
        });
        expect(result.success).toBe(plausible && increasing && decreasing && apart);
        if (!result.success) {
          for (const issue of result.error.issues) {
            expect(issue.path.slice(0, 2)).toEqual(['vitals', vital]);
            expect(issue.message.startsWith(`${VITALS[vital].label} `)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
