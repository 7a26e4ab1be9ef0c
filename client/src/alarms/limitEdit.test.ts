import type { VitalLimits } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { editedLimits, limitTexts } from './limitEdit';

const hr: VitalLimits = {
  upper: {
    medium: { value: 120, inclusive: false },
    high: { value: 140, inclusive: true },
    immediate: { value: 170, inclusive: false },
  },
  lower: { medium: { value: 50, inclusive: false }, immediate: { value: 35, inclusive: false } },
  delaySec: 10,
  hysteresis: 3,
};

describe('limit editing', () => {
  it('shows the current medium/high limits', () => {
    expect(limitTexts(hr)).toEqual({
      'upper.high': '140',
      'upper.medium': '120',
      'lower.medium': '50',
      'lower.high': '',
    });
  });

  it('changes only the edited values and keeps delay, hysteresis and crisis limits', () => {
    const result = editedLimits(hr, { ...limitTexts(hr), 'upper.medium': '130', 'upper.high': '150' });
    expect(result).toEqual({
      ok: true,
      limits: {
        ...hr,
        upper: {
          medium: { value: 130, inclusive: false },
          high: { value: 150, inclusive: true },
          immediate: hr.upper.immediate,
        },
      },
    });
  });

  it('names the fields that are not numbers', () => {
    expect(editedLimits(hr, { ...limitTexts(hr), 'lower.medium': 'abc' })).toEqual({
      ok: false,
      invalid: ['lower.medium'],
    });
  });
});
