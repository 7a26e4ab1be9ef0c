import { describe, expect, it } from 'vitest';
import {
  checkManualVitals,
  checkMedication,
  checkNote,
  checkOxygen,
  checkRate,
  checkReason,
  EMPTY_VITALS,
  occurredAtFor,
  parseNumber,
} from './forms';
import { recordedText } from './record';

describe('parseNumber', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['205', 205],
    [' 2.5 ', 2.5],
    ['2,5', 2.5],
    ['12a', Number.NaN],
    ['1e3', Number.NaN],
  ])('%j → %s', (text, expected) => {
    expect(parseNumber(text)).toEqual(expected);
  });
});

describe('occurredAtFor', () => {
  it('leaves "now" to the server and back-dates on its clock', () => {
    expect(occurredAtFor(0, 1_000_000)).toBeUndefined();
    expect(occurredAtFor(10, 1_000_000)).toBe(400_000);
  });
});

describe('checkManualVitals', () => {
  it('turns a cuff pressure into two readings, in order', () => {
    expect(checkManualVitals({ ...EMPTY_VITALS, sbp: '205', dbp: '95' })).toEqual({
      ok: true,
      value: [
        { vital: 'sbp', value: 205 },
        { vital: 'dbp', value: 95 },
      ],
    });
  });

  it.each([
    { name: 'nothing typed', draft: {}, errors: { sbp: 'Enter at least one value' } },
    { name: 'half a pressure', draft: { sbp: '120' }, errors: { dbp: 'A cuff pressure needs both numbers' } },
    { name: 'not a number', draft: { hr: 'fast' }, errors: { hr: 'Enter a number' } },
    { name: 'implausible', draft: { spo2: '130' }, errors: { spo2: 'Must be 40–100 %' } },
    {
      name: 'swapped numbers',
      draft: { sbp: '80', dbp: '120' },
      errors: { dbp: 'Diastolic must be below systolic' },
    },
  ])('refuses $name, next to the field', ({ draft, errors }) => {
    expect(checkManualVitals({ ...EMPTY_VITALS, ...draft })).toEqual({ ok: false, errors });
  });
});

describe('intervention forms', () => {
  it('records Ondansetron 4 mg IV as typed, trimmed', () => {
    expect(checkMedication({ name: ' Ondansetron ', dose: '4 mg ', route: 'IV' })).toEqual({
      ok: true,
      value: {
        kind: 'intervention',
        action: 'medication-given',
        medication: { name: 'Ondansetron', dose: '4 mg', route: 'IV' },
      },
    });
  });

  it('names each missing medication field', () => {
    expect(checkMedication({ name: '', dose: '', route: 'IV' })).toEqual({
      ok: false,
      errors: { name: 'Enter the medication', dose: 'Enter the dose, e.g. 4 mg' },
    });
  });

  it.each([
    [checkOxygen, '2', { ok: true, value: { kind: 'intervention', action: 'oxygen-applied', oxygenLitresPerMin: 2 } }],
    [checkOxygen, '20', { ok: false, errors: { oxygen: 'Must be above 0, up to 15 L/min' } }],
    [checkRate, '0.5', { ok: true, value: { kind: 'intervention', action: 'rate-changed', rateMgPerKgPerHour: 0.5 } }],
    [checkRate, '', { ok: false, errors: { rate: 'Enter the new rate in mg/kg/h' } }],
    [checkNote, ' calm, eyes closed ', { ok: true, value: { kind: 'note', text: 'calm, eyes closed' } }],
    [checkReason, 'no', { ok: false, errors: { reason: 'Say why (at least 3 characters)' } }],
  ] as const)('%o %j', (check, text, expected) => {
    expect(check(text)).toEqual(expected);
  });
});

describe('confirmations', () => {
  it('reads back a cuff pressure as one blood pressure', () => {
    const at = new Date(2025, 0, 1, 14, 2).getTime();
    expect(
      recordedText(
        [
          { vital: 'sbp', value: 205 },
          { vital: 'dbp', value: 95 },
          { vital: 'hr', value: 88 },
        ],
        at,
      ),
    ).toBe('Recorded BP 205/95, HR 88 · 14:02');
    expect(recordedText([{ vital: 'spo2', value: 97 }], at)).toBe('Recorded SpO2 97 · 14:02');
  });
});
