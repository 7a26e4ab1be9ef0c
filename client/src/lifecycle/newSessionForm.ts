// The new-session form as pure functions: defaults, suggestions from the patient's history,
// and the checks that put a message next to each field before anything is sent.
import { CreateSessionInput, toPayloadIssues, type Course, type Session } from '@infusion/shared';
import { parseNumber } from '../charting/forms';

export interface NewSessionDraft {
  mrn: string;
  displayName: string;
  weightKg: string;
  location: string;
  protocolId: string;
  doseMgPerKg: string;
  /** Empty while the rate follows the dose and duration. */
  rateMgPerKgPerHour: string;
  plannedDurationMin: string;
  phase: Course['phase'];
  infusionNumber: string;
  seriesSize: string;
  state: 'scheduled' | 'pre-check';
}

/** A common starting point (0.5 mg/kg over 40 minutes), for each site to review. */
export const NEW_SESSION_DEFAULTS: NewSessionDraft = {
  mrn: '',
  displayName: '',
  weightKg: '',
  location: '',
  protocolId: 'default',
  doseMgPerKg: '0.5',
  rateMgPerKgPerHour: '',
  plannedDurationMin: '40',
  phase: 'induction',
  infusionNumber: '1',
  seriesSize: '6',
  state: 'scheduled',
};

/** The rate that gives `dose` mg/kg over `minutes`, to two decimals; null if either is unusable. */
export function suggestedRate(dose: number | null, minutes: number | null): number | null {
  if (dose === null || minutes === null || !(dose > 0) || !(minutes > 0)) return null;
  return Math.round((dose / (minutes / 60)) * 100) / 100;
}

/** The whole dose in mg for this patient, to one decimal; null if unknown. */
export function totalDoseMg(weightKg: number | null, dose: number | null): number | null {
  if (weightKg === null || dose === null || !(weightKg > 0) || !(dose > 0)) return null;
  return Math.round(weightKg * dose * 10) / 10;
}

/** What the patient's last session suggests for this one: name, weight and the next infusion of the course. */
export function suggestFromHistory(mrn: string, sessions: readonly Session[]): Partial<NewSessionDraft> | null {
  const wanted = mrn.trim().toLowerCase();
  if (wanted === '') return null;
  let last: Session | null = null;
  for (const s of sessions) {
    if (s.patient.mrn.trim().toLowerCase() !== wanted) continue;
    if (last === null || s.createdAt > last.createdAt) last = s;
  }
  if (last === null) return null;
  const suggestion: Partial<NewSessionDraft> = {
    mrn: last.patient.mrn,
    displayName: last.patient.displayName,
    weightKg: last.patient.weightKg === null ? '' : String(last.patient.weightKg),
  };
  if (last.doseMgPerKg !== null) suggestion.doseMgPerKg = String(last.doseMgPerKg);
  const course = last.course;
  if (course) {
    // An infusion that never started does not count: the next one has the same number.
    const next = last.infusionStartedAt === null ? course.infusionNumber : course.infusionNumber + 1;
    if (course.seriesSize !== null && next > course.seriesSize) {
      Object.assign(suggestion, { phase: 'maintenance', infusionNumber: '1', seriesSize: '' });
    } else {
      Object.assign(suggestion, {
        phase: course.phase,
        infusionNumber: String(next),
        seriesSize: course.seriesSize === null ? '' : String(course.seriesSize),
      });
    }
  }
  return suggestion;
}

type NumberField =
  'weightKg' | 'doseMgPerKg' | 'rateMgPerKgPerHour' | 'plannedDurationMin' | 'infusionNumber' | 'seriesSize';

/** Form field → the path the server names it by, so both sides' messages land at the same place. */
export const FIELD_PATHS: Readonly<Record<keyof NewSessionDraft, string>> = {
  mrn: 'patient.mrn',
  displayName: 'patient.displayName',
  weightKg: 'patient.weightKg',
  location: 'location',
  protocolId: 'protocolId',
  doseMgPerKg: 'doseMgPerKg',
  rateMgPerKgPerHour: 'rateMgPerKgPerHour',
  plannedDurationMin: 'plannedDurationMin',
  phase: 'course.phase',
  infusionNumber: 'course.infusionNumber',
  seriesSize: 'course.seriesSize',
  state: 'state',
};

const NUMBER_RULES: Readonly<Record<NumberField, { min: number; max: number; integer: boolean; what: string }>> = {
  weightKg: { min: 1, max: 400, integer: false, what: 'kg' },
  doseMgPerKg: { min: 0.01, max: 5, integer: false, what: 'mg/kg' },
  rateMgPerKgPerHour: { min: 0.01, max: 10, integer: false, what: 'mg/kg/h' },
  plannedDurationMin: { min: 1, max: 600, integer: true, what: 'min' },
  infusionNumber: { min: 1, max: 100, integer: true, what: '' },
  seriesSize: { min: 1, max: 100, integer: true, what: '' },
};

const REQUIRED: Partial<Record<keyof NewSessionDraft, string>> = {
  mrn: 'Enter the record number',
  displayName: 'Enter the patient’s name',
  weightKg: 'Enter the weight: the dose depends on it',
  location: 'Enter the chair or room',
  doseMgPerKg: 'Enter the dose',
  plannedDurationMin: 'Enter the planned duration',
  infusionNumber: 'Enter which infusion of the course this is',
};

/** Checks the draft; on success, the request to send. Errors are keyed by the server's paths. */
export function checkNewSession(
  draft: NewSessionDraft,
): { ok: true; value: CreateSessionInput } | { ok: false; errors: Readonly<Record<string, string>> } {
  const errors: Record<string, string> = {};
  const numbers: Partial<Record<NumberField, number | null>> = {};
  for (const field of Object.keys(NUMBER_RULES) as NumberField[]) {
    const rule = NUMBER_RULES[field];
    const value = parseNumber(draft[field]);
    if (value === null) {
      numbers[field] = null;
      continue;
    }
    const unit = rule.what ? ` ${rule.what}` : '';
    if (Number.isNaN(value)) errors[FIELD_PATHS[field]] = 'Enter a number';
    else if (rule.integer && !Number.isInteger(value)) errors[FIELD_PATHS[field]] = 'Enter a whole number';
    else if (value < rule.min || value > rule.max) {
      errors[FIELD_PATHS[field]] = `Must be ${rule.min}–${rule.max}${unit}`;
    } else numbers[field] = value;
  }
  for (const [field, message] of Object.entries(REQUIRED) as [keyof NewSessionDraft, string][]) {
    if (draft[field].trim() === '') errors[FIELD_PATHS[field]] ??= message;
  }
  const dose = numbers.doseMgPerKg ?? null;
  const minutes = numbers.plannedDurationMin ?? null;
  const rate = numbers.rateMgPerKgPerHour ?? suggestedRate(dose, minutes);
  const infusionNumber = numbers.infusionNumber ?? null;
  const seriesSize = numbers.seriesSize ?? null;
  if (infusionNumber !== null && seriesSize !== null && infusionNumber > seriesSize) {
    errors[FIELD_PATHS.infusionNumber] ??= `Cannot be past the series of ${seriesSize}`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const input: CreateSessionInput = {
    patient: { mrn: draft.mrn.trim(), displayName: draft.displayName.trim(), weightKg: numbers.weightKg ?? null },
    location: draft.location.trim(),
    protocolId: draft.protocolId,
    plannedDurationMin: minutes ?? 40,
    state: draft.state,
    doseMgPerKg: dose,
    rateMgPerKgPerHour: rate,
    course: infusionNumber === null ? null : { phase: draft.phase, infusionNumber, seriesSize },
  };
  // The shared schema has the last word, so the form never sends what the server would refuse.
  const parsed = CreateSessionInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: Object.fromEntries(toPayloadIssues(parsed.error).map((i) => [i.path, i.message])) };
  }
  return { ok: true, value: input };
}
