import { z } from 'zod';
import { VitalCode, VITALS, type VitalCode as VitalCodeT } from '../vitals/catalogue.js';
import { ThresholdProfile, VitalLimits } from './profile.js';

/**
 * How far a charge nurse may move a session's limits from its protocol. Outside these a
 * change needs a new protocol profile, reviewed by the site. Crisis (`immediate`) limits are
 * never changed per session.
 */
export const SAFE_BOUNDS: Readonly<Partial<Record<VitalCodeT, { lowest: number; highest: number }>>> = {
  hr: { lowest: 35, highest: 160 },
  sbp: { lowest: 70, highest: 200 },
  dbp: { lowest: 40, highest: 120 },
  spo2: { lowest: 85, highest: 100 },
  rr: { lowest: 6, highest: 40 },
  moaas: { lowest: 0, highest: 5 },
};

/** A charge nurse's change to one vital's limits for one session, and why. */
export const LimitChangeInput = z.object({
  vital: VitalCode,
  limits: VitalLimits,
  reason: z.string().trim().min(5, 'say why (at least 5 characters)').max(500),
});
export type LimitChangeInput = z.infer<typeof LimitChangeInput>;

/**
 * Applies a limit change to a session's profile, or says why it cannot: every limit inside the
 * safe bounds, crisis limits unchanged, and the result a coherent profile.
 */
export function applyLimitChange(
  profile: ThresholdProfile,
  change: LimitChangeInput,
): { ok: true; profile: ThresholdProfile } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const { vital, limits } = change;
  const label = VITALS[vital].label;
  const current = profile.vitals[vital];
  for (const side of ['upper', 'lower'] as const) {
    if (limits[side].immediate?.value !== current?.[side].immediate?.value) {
      problems.push(`${label} ${side} crisis limit cannot be changed per session`);
    }
    const bounds = SAFE_BOUNDS[vital];
    if (!bounds) continue;
    for (const level of ['medium', 'high'] as const) {
      const bound = limits[side][level];
      if (bound && (bound.value < bounds.lowest || bound.value > bounds.highest)) {
        problems.push(
          `${label} ${side} ${level} limit ${bound.value} is outside the safe range ${bounds.lowest}–${bounds.highest} for a session change`,
        );
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const next = ThresholdProfile.safeParse({ ...profile, vitals: { ...profile.vitals, [vital]: limits } });
  if (!next.success) return { ok: false, problems: next.error.issues.map((i) => i.message) };
  return { ok: true, profile: next.data };
}
