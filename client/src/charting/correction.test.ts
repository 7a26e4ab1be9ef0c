import type { ClinicalEntry, ClinicalEvent } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { buildCorrection, correctionTime, draftFrom, ENTERED_IN_ERROR } from './correction';

const nausea: ClinicalEntry = { kind: 'side-effect', effect: 'nausea', severity: 'mild' };
const ondansetron: ClinicalEntry = {
  kind: 'intervention',
  action: 'medication-given',
  medication: { name: 'Ondansetron', dose: '4 mg', route: 'IV' },
};
const moaas: ClinicalEntry = { kind: 'score', scale: 'moaas', value: 4 };

describe('buildCorrection', () => {
  it('changes a severity', () => {
    expect(buildCorrection(nausea, { ...draftFrom(nausea), severity: 'moderate' })).toEqual({
      ok: true,
      value: { kind: 'side-effect', effect: 'nausea', severity: 'moderate' },
    });
  });

  it('keeps the scale of a score and changes its value', () => {
    expect(buildCorrection(moaas, { ...draftFrom(moaas), scale: 'pain', value: 3 })).toEqual({
      ok: true,
      value: { kind: 'score', scale: 'moaas', value: 3 },
    });
  });

  it('checks a corrected medication like a new one', () => {
    expect(buildCorrection(ondansetron, { ...draftFrom(ondansetron), medDose: '8 mg' })).toMatchObject({
      ok: true,
      value: { medication: { name: 'Ondansetron', dose: '8 mg', route: 'IV' } },
    });
    expect(buildCorrection(ondansetron, { ...draftFrom(ondansetron), medDose: ' ' })).toEqual({
      ok: false,
      errors: { dose: 'Enter the dose, e.g. 4 mg' },
    });
  });

  it.each([nausea, ondansetron, moaas, { kind: 'note', text: 'calm' } as const])(
    'refuses a correction that changes nothing (%j)',
    (entry) => {
      expect(buildCorrection(entry, draftFrom(entry))).toMatchObject({
        ok: false,
        errors: { entry: expect.any(String) },
      });
    },
  );

  it('withdraws an entry made by mistake with a note', () => {
    expect(buildCorrection(nausea, { ...draftFrom(nausea), enteredInError: true })).toEqual({
      ok: true,
      value: { kind: 'note', text: ENTERED_IN_ERROR },
    });
  });
});

describe('correctionTime', () => {
  const at = (occurredAt: number) => ({ occurredAt }) as ClinicalEvent;
  it('keeps the original time while the server still takes it', () => {
    expect(correctionTime(at(1_000_000), 1_000_000 + 10 * 60_000)).toBe(1_000_000);
  });
  it('lets the server stamp it once the original is older than the back-dating limit', () => {
    expect(correctionTime(at(1_000_000), 1_000_000 + 29.5 * 60_000)).toBeUndefined();
  });
});
