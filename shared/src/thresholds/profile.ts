import { z } from 'zod';
import { VITALS, VitalCode, type VitalCode as VitalCodeT } from '../vitals/catalogue.js';

/** One limit: crossed when the value is beyond `value` (or at it, when inclusive). */
export const Bound = z.object({
  value: z.number().finite(),
  inclusive: z.boolean().default(false),
});
export type Bound = z.infer<typeof Bound>;

/**
 * Limits on one side of a vital. `medium` and `high` wait for the vital's alarm delay;
 * `immediate` is a high-priority crisis limit that alarms without delay.
 */
export const SideLimits = z.object({
  medium: Bound.optional(),
  high: Bound.optional(),
  immediate: Bound.optional(),
});
export type SideLimits = z.infer<typeof SideLimits>;

const SIDE_LEVELS = ['medium', 'high', 'immediate'] as const;

/** The limits of one vital, with its alarm delay and clearing hysteresis. */
export const VitalLimits = z.object({
  upper: SideLimits.default({}),
  lower: SideLimits.default({}),
  /** Seconds a condition must hold before it alarms, so a motion artefact does not. */
  delaySec: z.number().int().min(0).max(120).default(0),
  /** How far back inside a limit the value must come before the condition clears. */
  hysteresis: z.number().min(0).default(0),
});
export type VitalLimits = z.infer<typeof VitalLimits>;

/** Rise over the session's pre-infusion baseline, in percent, that alarms. */
export const BaselineRiseLimits = z
  .object({
    medium: z.number().positive().max(200).optional(),
    high: z.number().positive().max(200).optional(),
  })
  .refine((r) => r.medium === undefined || r.high === undefined || r.medium < r.high, {
    message: 'medium rise must be smaller than high rise',
  });
export type BaselineRiseLimits = z.infer<typeof BaselineRiseLimits>;

/** A protocol check a nurse must do by hand at an interval (a cuff BP, a sedation score). */
export const ManualCheck = z.object({
  vital: VitalCode,
  /** `manual` needs a nurse's entry; `any` is satisfied by a monitor reading too. */
  source: z.enum(['manual', 'any']),
  infusingEveryMin: z.number().int().min(1).max(240),
  recoveryEveryMin: z.number().int().min(1).max(240),
});
export type ManualCheck = z.infer<typeof ManualCheck>;

/** Checks one vital's limits; issues are reported at their place in the profile (`vitals.sbp.upper.high.value`). */
function checkLimits(vital: VitalCodeT, limits: VitalLimits, ctx: z.RefinementCtx): void {
  const { min, max } = VITALS[vital].plausible;
  const label = VITALS[vital].label;
  for (const side of ['upper', 'lower'] as const) {
    let previous: number | undefined;
    for (const level of SIDE_LEVELS) {
      const bound = limits[side][level];
      if (!bound) continue;
      if (bound.value < min || bound.value > max) {
        ctx.addIssue({
          code: 'custom',
          path: ['vitals', vital, side, level, 'value'],
          message: `${label} ${side} ${level} limit ${bound.value} is outside the plausible range ${min}–${max}`,
        });
      }
      if (previous !== undefined) {
        const ordered = side === 'upper' ? bound.value > previous : bound.value < previous;
        if (!ordered) {
          ctx.addIssue({
            code: 'custom',
            path: ['vitals', vital, side, level, 'value'],
            message: `${label} ${side} ${level} limit ${bound.value} must be ${side === 'upper' ? 'above' : 'below'} the less urgent limit ${previous}`,
          });
        }
      }
      previous = bound.value;
    }
  }
  const uppers = SIDE_LEVELS.map((l) => limits.upper[l]?.value).filter((v): v is number => v !== undefined);
  const lowers = SIDE_LEVELS.map((l) => limits.lower[l]?.value).filter((v): v is number => v !== undefined);
  if (uppers.length > 0 && lowers.length > 0 && Math.max(...lowers) >= Math.min(...uppers)) {
    ctx.addIssue({
      code: 'custom',
      path: ['vitals', vital],
      message: `${label} lower limits must all be below its upper limits`,
    });
  }
}

/** A named protocol profile: limits per vital and the alarm system's timings. */
export const ThresholdProfile = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(120),
    vitals: z.partialRecord(VitalCode, VitalLimits),
    baselineRise: z.partialRecord(VitalCode, BaselineRiseLimits).default({}),
    manualChecks: z.array(ManualCheck).max(10).default([]),
    /** A vital that was reporting and goes quiet this long raises a technical alarm. */
    noDataSec: z.number().int().min(5).max(600).default(15),
    /** An unacknowledged high-priority alarm escalates to the whole ward after this. */
    escalateAfterSec: z.number().int().min(10).max(600).default(60),
    /** How long an audio pause silences an alarm before its tone returns. */
    audioPauseSec: z.number().int().min(10).max(300).default(120),
    /** Shortest recovery before discharge without an override. */
    minRecoveryMin: z.number().int().min(0).max(480).default(30),
  })
  .superRefine((profile, ctx) => {
    for (const code of VitalCode.options) {
      const limits = profile.vitals[code];
      if (limits) checkLimits(code, limits, ctx);
    }
  });
export type ThresholdProfile = z.infer<typeof ThresholdProfile>;
export type ThresholdProfileInput = z.input<typeof ThresholdProfile>;

/**
 * The starting defaults from the product brief. To be reviewed by each site: not medical
 * advice.
 */
export const DEFAULT_PROFILE: ThresholdProfile = ThresholdProfile.parse({
  id: 'default',
  name: 'Ketamine IV – site defaults',
  vitals: {
    sbp: {
      upper: {
        medium: { value: 160 },
        high: { value: 180, inclusive: true },
        immediate: { value: 200, inclusive: true },
      },
      lower: { medium: { value: 90 }, high: { value: 80 } },
      delaySec: 5,
      hysteresis: 5,
    },
    dbp: {
      upper: {
        medium: { value: 100 },
        high: { value: 110, inclusive: true },
        immediate: { value: 120, inclusive: true },
      },
      delaySec: 5,
      hysteresis: 3,
    },
    hr: {
      upper: { medium: { value: 120 }, high: { value: 140 } },
      lower: { medium: { value: 50 }, high: { value: 40 } },
      delaySec: 5,
      hysteresis: 3,
    },
    spo2: {
      lower: { medium: { value: 92 }, high: { value: 90 }, immediate: { value: 80 } },
      delaySec: 15,
      hysteresis: 1,
    },
    rr: {
      upper: { medium: { value: 30 } },
      lower: { medium: { value: 10 }, high: { value: 8 } },
      delaySec: 10,
      hysteresis: 1,
    },
    moaas: {
      lower: { medium: { value: 3, inclusive: true }, high: { value: 1, inclusive: true } },
      delaySec: 0,
      hysteresis: 0,
    },
  },
  baselineRise: { sbp: { medium: 30, high: 40 } },
  manualChecks: [
    { vital: 'sbp', source: 'any', infusingEveryMin: 10, recoveryEveryMin: 15 },
    { vital: 'moaas', source: 'manual', infusingEveryMin: 15, recoveryEveryMin: 15 },
  ],
  noDataSec: 15,
  escalateAfterSec: 60,
  audioPauseSec: 120,
});
