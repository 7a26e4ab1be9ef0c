import { Session } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import {
  checkNewSession,
  NEW_SESSION_DEFAULTS,
  suggestedRate,
  suggestFromHistory,
  totalDoseMg,
  type NewSessionDraft,
} from './newSessionForm';

const filled: NewSessionDraft = {
  ...NEW_SESSION_DEFAULTS,
  mrn: ' 12345678 ',
  displayName: 'Jane Doe',
  weightKg: '70',
  location: 'Chair 4',
};

describe('checkNewSession', () => {
  it('builds the request with the defaults: 0.5 mg/kg over 40 min at 0.75 mg/kg/h, infusion 1 of 6', () => {
    expect(checkNewSession(filled)).toEqual({
      ok: true,
      value: {
        patient: { mrn: '12345678', displayName: 'Jane Doe', weightKg: 70 },
        location: 'Chair 4',
        protocolId: 'default',
        plannedDurationMin: 40,
        state: 'scheduled',
        doseMgPerKg: 0.5,
        rateMgPerKgPerHour: 0.75,
        course: { phase: 'induction', infusionNumber: 1, seriesSize: 6 },
      },
    });
  });

  it('keeps a rate the nurse typed, and an open-ended series', () => {
    const result = checkNewSession({ ...filled, rateMgPerKgPerHour: '0.6', phase: 'maintenance', seriesSize: '' });
    expect(result.ok && result.value).toMatchObject({
      rateMgPerKgPerHour: 0.6,
      course: { phase: 'maintenance', infusionNumber: 1, seriesSize: null },
    });
  });

  it.each([
    [
      'an empty form',
      NEW_SESSION_DEFAULTS,
      {
        'patient.mrn': 'Enter the record number',
        'patient.displayName': 'Enter the patient’s name',
        'patient.weightKg': 'Enter the weight: the dose depends on it',
        location: 'Enter the chair or room',
      },
    ],
    ['a weight that is not a number', { ...filled, weightKg: '70kg' }, { 'patient.weightKg': 'Enter a number' }],
    ['too high a dose', { ...filled, doseMgPerKg: '50' }, { doseMgPerKg: 'Must be 0.01–5 mg/kg' }],
    [
      'a fractional duration',
      { ...filled, plannedDurationMin: '40.5' },
      { plannedDurationMin: 'Enter a whole number' },
    ],
    [
      'an infusion past its series',
      { ...filled, infusionNumber: '7' },
      { 'course.infusionNumber': 'Cannot be past the series of 6' },
    ],
  ] as const)('puts messages next to the fields for %s', (_name, draft, errors) => {
    expect(checkNewSession(draft)).toEqual({ ok: false, errors });
  });
});

describe('dose helpers', () => {
  it.each([
    [0.5, 40, 0.75],
    [1, 60, 1],
    [0.5, 0, null],
    [null, 40, null],
  ])('rate for %s mg/kg over %s min: %s', (dose, minutes, rate) => {
    expect(suggestedRate(dose, minutes)).toBe(rate);
  });

  it('totals the dose for the patient', () => {
    expect(totalDoseMg(72.5, 0.5)).toBe(36.3);
    expect(totalDoseMg(null, 0.5)).toBeNull();
  });
});

describe('suggestFromHistory', () => {
  const past = (id: string, createdAt: number, started: boolean, course: Session['course']) =>
    Session.parse({
      id,
      patient: { id: 'p1', mrn: 'A-100', displayName: 'Jane Doe', weightKg: 71 },
      location: 'Chair 1',
      state: started ? 'discharged' : 'ended-early',
      protocolId: 'default',
      deviceId: null,
      plannedDurationMin: 40,
      createdAt,
      infusionStartedAt: started ? createdAt : null,
      endedAt: createdAt + 1,
      baseline: {},
      doseMgPerKg: 0.6,
      course,
    });

  it('suggests the next infusion of the course from the latest session, matching the record number loosely', () => {
    const history = [
      past('a', 1, true, { phase: 'induction', infusionNumber: 1, seriesSize: 6 }),
      past('b', 2, true, { phase: 'induction', infusionNumber: 2, seriesSize: 6 }),
    ];
    expect(suggestFromHistory(' a-100', history)).toEqual({
      mrn: 'A-100',
      displayName: 'Jane Doe',
      weightKg: '71',
      doseMgPerKg: '0.6',
      phase: 'induction',
      infusionNumber: '3',
      seriesSize: '6',
    });
  });

  it('repeats the number of an infusion that never started', () => {
    const history = [past('a', 1, false, { phase: 'induction', infusionNumber: 4, seriesSize: 6 })];
    expect(suggestFromHistory('A-100', history)?.infusionNumber).toBe('4');
  });

  it('moves on to maintenance once the series is complete', () => {
    const history = [past('a', 1, true, { phase: 'induction', infusionNumber: 6, seriesSize: 6 })];
    expect(suggestFromHistory('A-100', history)).toMatchObject({
      phase: 'maintenance',
      infusionNumber: '1',
      seriesSize: '',
    });
  });

  it('knows nothing of a new patient', () => {
    expect(suggestFromHistory('B-1', [])).toBeNull();
    expect(suggestFromHistory('  ', [])).toBeNull();
  });
});
