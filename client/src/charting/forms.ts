// Turning what a nurse typed into entries, with messages in her words next to each field.
import { VITALS, type ClinicalEntry, type MEDICATION_ROUTES, type VitalCode } from '@infusion/shared';

/** A number typed into a field: null when left empty, NaN when it is not a number. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** "Happened N min ago" choices; 0 is now. The server takes up to 30 min. */
export const BACKDATE_MINUTES = [0, 5, 10, 15] as const;
export type BackdateMinutes = (typeof BACKDATE_MINUTES)[number];

/** When an entry happened, on the server's clock; undefined lets the server stamp it now. */
export function occurredAtFor(minutesAgo: BackdateMinutes, serverNow: number): number | undefined {
  return minutesAgo === 0 ? undefined : serverNow - minutesAgo * 60_000;
}

/** Vitals a nurse types in from a cuff or a finger probe, in the order she reads them out. */
export const MANUAL_VITALS = ['sbp', 'dbp', 'hr', 'spo2'] as const satisfies readonly VitalCode[];
export type ManualVital = (typeof MANUAL_VITALS)[number];
export type ManualVitalsDraft = Record<ManualVital, string>;

export const EMPTY_VITALS: ManualVitalsDraft = { sbp: '', dbp: '', hr: '', spo2: '' };

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Readonly<Record<string, string>> };

/** Checks typed vitals before anything is sent, so a half-recorded blood pressure cannot happen. */
export function checkManualVitals(draft: ManualVitalsDraft): Checked<{ vital: ManualVital; value: number }[]> {
  const errors: Record<string, string> = {};
  const values: Partial<Record<ManualVital, number>> = {};
  for (const vital of MANUAL_VITALS) {
    const value = parseNumber(draft[vital]);
    if (value === null) continue;
    const { plausible, unit } = VITALS[vital];
    if (Number.isNaN(value)) errors[vital] = 'Enter a number';
    else if (value < plausible.min || value > plausible.max) {
      errors[vital] = `Must be ${plausible.min}–${plausible.max} ${unit}`;
    } else values[vital] = value;
  }
  const hasSbp = draft.sbp.trim() !== '';
  const hasDbp = draft.dbp.trim() !== '';
  if (hasSbp !== hasDbp) errors[hasSbp ? 'dbp' : 'sbp'] ??= 'A cuff pressure needs both numbers';
  if (values.sbp !== undefined && values.dbp !== undefined && values.dbp >= values.sbp) {
    errors.dbp ??= 'Diastolic must be below systolic';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const readings = MANUAL_VITALS.flatMap((vital) => {
    const value = values[vital];
    return value === undefined ? [] : [{ vital, value }];
  });
  if (readings.length === 0) return { ok: false, errors: { sbp: 'Enter at least one value' } };
  return { ok: true, value: readings };
}

export type MedicationRoute = (typeof MEDICATION_ROUTES)[number];
export interface MedicationDraft {
  name: string;
  dose: string;
  route: MedicationRoute;
}

/**
 * Quick picks for what is most often given at the chair. Starting points for each site to
 * review, not medical advice; the nurse can change any field before recording.
 */
export const MEDICATION_PRESETS: readonly MedicationDraft[] = [
  { name: 'Ondansetron', dose: '4 mg', route: 'IV' },
  { name: 'Midazolam', dose: '1 mg', route: 'IV' },
  { name: 'Labetalol', dose: '10 mg', route: 'IV' },
  { name: 'Clonidine', dose: '0.1 mg', route: 'PO' },
];

export const DEFAULT_MEDICATION: MedicationDraft = { name: 'Ondansetron', dose: '4 mg', route: 'IV' };

export function checkMedication(draft: MedicationDraft): Checked<ClinicalEntry> {
  const errors: Record<string, string> = {};
  const name = draft.name.trim();
  const dose = draft.dose.trim();
  if (name === '') errors.name = 'Enter the medication';
  else if (name.length > 80) errors.name = 'At most 80 characters';
  if (dose === '') errors.dose = 'Enter the dose, e.g. 4 mg';
  else if (dose.length > 40) errors.dose = 'At most 40 characters';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { kind: 'intervention', action: 'medication-given', medication: { name, dose, route: draft.route } },
  };
}

export function checkOxygen(text: string): Checked<ClinicalEntry> {
  const flow = parseNumber(text);
  if (flow === null) return { ok: false, errors: { oxygen: 'Enter the flow in L/min' } };
  if (Number.isNaN(flow) || flow <= 0 || flow > 15)
    return { ok: false, errors: { oxygen: 'Must be above 0, up to 15 L/min' } };
  return { ok: true, value: { kind: 'intervention', action: 'oxygen-applied', oxygenLitresPerMin: flow } };
}

export function checkRate(text: string): Checked<ClinicalEntry> {
  const rate = parseNumber(text);
  if (rate === null) return { ok: false, errors: { rate: 'Enter the new rate in mg/kg/h' } };
  if (Number.isNaN(rate) || rate <= 0 || rate > 10)
    return { ok: false, errors: { rate: 'Must be above 0, up to 10 mg/kg/h' } };
  return { ok: true, value: { kind: 'intervention', action: 'rate-changed', rateMgPerKgPerHour: rate } };
}

export function checkNote(text: string): Checked<ClinicalEntry> {
  const note = text.trim();
  if (note === '') return { ok: false, errors: { note: 'Write the note first' } };
  if (note.length > 1000) return { ok: false, errors: { note: 'At most 1000 characters' } };
  return { ok: true, value: { kind: 'note', text: note } };
}

/** Why a correction is made: the server keeps it beside both entries. */
export function checkReason(text: string): Checked<string> {
  const reason = text.trim();
  if (reason.length < 3) return { ok: false, errors: { reason: 'Say why (at least 3 characters)' } };
  if (reason.length > 500) return { ok: false, errors: { reason: 'At most 500 characters' } };
  return { ok: true, value: reason };
}
