import type { VitalCode, VitalLimits } from '@infusion/shared';

/** The vitals a charge nurse may change limits for from the live view. */
export const EDITABLE_VITALS = ['hr', 'sbp', 'dbp', 'spo2', 'rr'] as const satisfies readonly VitalCode[];
export type EditableVital = (typeof EDITABLE_VITALS)[number];

export const LIMIT_FIELDS = [
  ['upper', 'high'],
  ['upper', 'medium'],
  ['lower', 'medium'],
  ['lower', 'high'],
] as const;
export type LimitField = `${(typeof LIMIT_FIELDS)[number][0]}.${(typeof LIMIT_FIELDS)[number][1]}`;

/** The form's text for each editable limit ('' where the profile has none). */
export type LimitTexts = Record<LimitField, string>;

export function limitTexts(limits: VitalLimits | undefined): LimitTexts {
  const texts = {} as LimitTexts;
  for (const [side, level] of LIMIT_FIELDS) {
    const bound = limits?.[side][level];
    texts[`${side}.${level}`] = bound ? String(bound.value) : '';
  }
  return texts;
}

/**
 * The vital's limits with the edited medium/high values, everything else (delay, hysteresis,
 * crisis limits, inclusiveness) as it was; or the fields that are not numbers.
 */
export function editedLimits(
  current: VitalLimits | undefined,
  texts: LimitTexts,
): { ok: true; limits: VitalLimits } | { ok: false; invalid: LimitField[] } {
  const base: VitalLimits = current ?? { upper: {}, lower: {}, delaySec: 0, hysteresis: 0 };
  const next: VitalLimits = { ...base, upper: { ...base.upper }, lower: { ...base.lower } };
  const invalid: LimitField[] = [];
  for (const [side, level] of LIMIT_FIELDS) {
    const field: LimitField = `${side}.${level}`;
    const text = texts[field].trim();
    if (text === '') {
      delete next[side][level];
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) {
      invalid.push(field);
      continue;
    }
    next[side][level] = { value, inclusive: base[side][level]?.inclusive ?? false };
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, limits: next };
}
