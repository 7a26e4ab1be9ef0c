import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIVE_VITALS, VITAL_CODES, VITALS, VitalCode, formatVital, isPlausible } from './catalogue.js';

describe('vitals catalogue', () => {
  it('has exactly one entry per vital code, keyed by its own code', () => {
    expect(Object.keys(VITALS).sort()).toEqual([...VITAL_CODES].sort());
    for (const code of VITAL_CODES) expect(VITALS[code].code).toBe(code);
    expect(VitalCode.options).toEqual([...VITAL_CODES]);
  });

  // PRODUCT.md, "Interop": LOINC codes, IEEE 11073 codes for device feeds, UCUM units.
  it.each([
    { code: 'hr', label: 'HR', loinc: '8867-4', ieee11073: 147842, ucum: '/min' },
    { code: 'sbp', label: 'SBP', loinc: '8480-6', ieee11073: 150021, ucum: 'mm[Hg]' },
    { code: 'dbp', label: 'DBP', loinc: '8462-4', ieee11073: 150022, ucum: 'mm[Hg]' },
    { code: 'spo2', label: 'SpO2', loinc: '59408-5', ieee11073: 150456, ucum: '%' },
    { code: 'rr', label: 'RR', loinc: '9279-1', ieee11073: 151562, ucum: '/min' },
    { code: 'temp', label: 'Temp', loinc: '8310-5', ieee11073: 150344, ucum: 'Cel' },
  ] as const)('$code: LOINC $loinc, IEEE 11073 $ieee11073, UCUM $ucum', ({ code, label, loinc, ieee11073, ucum }) => {
    expect(VITALS[code]).toMatchObject({ label, loinc, ieee11073, ucum });
  });

  it.each([
    { code: 'map', ucum: 'mm[Hg]' },
    { code: 'etco2', ucum: 'mm[Hg]' },
  ] as const)('$code is in mm[Hg]', ({ code, ucum }) => {
    expect(VITALS[code].ucum).toBe(ucum);
  });

  it('MOAA/S is a nurse-charted score with no LOINC or device code, 0–5', () => {
    expect(VITALS.moaas).toMatchObject({
      label: 'MOAA/S',
      loinc: null,
      ieee11073: null,
      manualOnly: true,
      plausible: { min: 0, max: 5 },
    });
  });

  it('only MOAA/S is manual-only', () => {
    expect(VITAL_CODES.filter((c) => VITALS[c].manualOnly)).toEqual(['moaas']);
  });

  it('every UCUM code is one of the units PRODUCT.md names, or a score annotation', () => {
    for (const code of VITAL_CODES) expect(['/min', '%', 'mm[Hg]', 'Cel', '{score}']).toContain(VITALS[code].ucum);
  });

  it('plausible ranges are non-empty', () => {
    for (const code of VITAL_CODES) {
      const { min, max } = VITALS[code].plausible;
      expect(min).toBeLessThan(max);
    }
  });

  it('shows the live vitals in the order a nurse scans them', () => {
    expect(LIVE_VITALS).toEqual(['hr', 'sbp', 'dbp', 'spo2', 'rr']);
  });

  it.each([
    { code: 'temp', value: 36.66, text: '36.7' },
    { code: 'temp', value: 37, text: '37.0' },
    { code: 'hr', value: 72.4, text: '72' },
    { code: 'spo2', value: 97, text: '97' },
  ] as const)('formatVital($code, $value) = $text', ({ code, value, text }) => {
    expect(formatVital(code, value)).toBe(text);
  });

  it.each([
    { code: 'spo2', value: 40, ok: true },
    { code: 'spo2', value: 39.9, ok: false },
    { code: 'spo2', value: 100, ok: true },
    { code: 'spo2', value: 100.1, ok: false },
    { code: 'rr', value: 0, ok: true },
    { code: 'rr', value: -1, ok: false },
    { code: 'hr', value: Number.NaN, ok: false },
    { code: 'hr', value: Number.POSITIVE_INFINITY, ok: false },
    { code: 'moaas', value: 5, ok: true },
    { code: 'moaas', value: 6, ok: false },
  ] as const)('isPlausible($code, $value) = $ok', ({ code, value, ok }) => {
    expect(isPlausible(code, value)).toBe(ok);
  });

  it('isPlausible is exactly the closed plausible range (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VITAL_CODES), fc.double({ min: -500, max: 500, noNaN: true }), (code, value) => {
        const { min, max } = VITALS[code].plausible;
        expect(isPlausible(code, value)).toBe(value >= min && value <= max);
      }),
      { numRuns: 300 },
    );
  });
});
