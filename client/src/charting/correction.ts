// A correction is a new entry that names the one it amends and why; the original stays.
import {
  MAX_BACKDATE_MS,
  type ClinicalEntry,
  type ClinicalEvent,
  type ScoreScale,
  type Severity,
  type SideEffect,
} from '@infusion/shared';
import { checkMedication, checkNote, checkOxygen, checkRate, type Checked, type MedicationRoute } from './forms';

/** What the correction form holds, every kind's fields as typed. */
export interface CorrectionDraft {
  enteredInError: boolean;
  effect: SideEffect;
  severity: Severity;
  scale: ScoreScale;
  value: number;
  medName: string;
  medDose: string;
  medRoute: MedicationRoute;
  oxygen: string;
  rate: string;
  text: string;
}

/** The text of a correction that withdraws an entry made by mistake. */
export const ENTERED_IN_ERROR = 'Entered in error';

/** The form, filled in with the entry being corrected. */
export function draftFrom(entry: ClinicalEntry): CorrectionDraft {
  const draft: CorrectionDraft = {
    enteredInError: false,
    effect: 'nausea',
    severity: 'mild',
    scale: 'moaas',
    value: 5,
    medName: '',
    medDose: '',
    medRoute: 'IV',
    oxygen: '',
    rate: '',
    text: '',
  };
  switch (entry.kind) {
    case 'side-effect':
      return { ...draft, effect: entry.effect, severity: entry.severity };
    case 'score':
      return { ...draft, scale: entry.scale, value: entry.value };
    case 'intervention':
      return {
        ...draft,
        medName: entry.medication?.name ?? '',
        medDose: entry.medication?.dose ?? '',
        medRoute: entry.medication?.route ?? 'IV',
        oxygen: entry.oxygenLitresPerMin === undefined ? '' : String(entry.oxygenLitresPerMin),
        rate: entry.rateMgPerKgPerHour === undefined ? '' : String(entry.rateMgPerKgPerHour),
        text: entry.note ?? '',
      };
    case 'note':
      return { ...draft, text: entry.text };
    case 'lifecycle':
      return draft;
  }
}

/** Deep equality of two entries, ignoring absent optional fields. */
function sameDeep(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameDeep((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The corrected entry, of the same kind as the original (or "Entered in error"), checked. */
export function buildCorrection(original: ClinicalEntry, draft: CorrectionDraft): Checked<ClinicalEntry> {
  if (draft.enteredInError) return { ok: true, value: { kind: 'note', text: ENTERED_IN_ERROR } };
  let built: Checked<ClinicalEntry>;
  switch (original.kind) {
    case 'side-effect':
      built = { ok: true, value: { kind: 'side-effect', effect: draft.effect, severity: draft.severity } };
      break;
    case 'score':
      built = { ok: true, value: { kind: 'score', scale: original.scale, value: draft.value } };
      break;
    case 'intervention':
      switch (original.action) {
        case 'medication-given':
          built = checkMedication({ name: draft.medName, dose: draft.medDose, route: draft.medRoute });
          break;
        case 'oxygen-applied':
          built = checkOxygen(draft.oxygen);
          break;
        case 'rate-changed':
          built = checkRate(draft.rate);
          break;
        case 'other': {
          const text = draft.text.trim();
          built =
            text === ''
              ? { ok: false, errors: { note: 'Write what was done' } }
              : { ok: true, value: { kind: 'intervention', action: 'other', note: text } };
          break;
        }
      }
      break;
    case 'note':
      built = checkNote(draft.text);
      break;
    case 'lifecycle':
      return { ok: false, errors: { entry: 'A state change cannot be corrected' } };
  }
  if (built.ok && sameDeep(built.value, original)) {
    return { ok: false, errors: { entry: 'Nothing changed: change the entry, or tick “Entered in error”' } };
  }
  return built;
}

/**
 * When the correction happened: the original's time, so the chart keeps the entry where it
 * was, unless that is past the server's back-dating limit (then the server stamps it now).
 */
export function correctionTime(original: ClinicalEvent, serverNow: number): number | undefined {
  const margin = 60_000;
  return serverNow - original.occurredAt < MAX_BACKDATE_MS - margin ? original.occurredAt : undefined;
}
