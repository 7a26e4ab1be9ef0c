import { describe, expect, it } from 'vitest';
import { placeIssues } from './fieldErrors';

describe('placeIssues', () => {
  it.each([
    {
      name: 'exact path',
      issues: [{ path: 'reason', message: 'Too short' }],
      fields: ['reason'],
      byField: { reason: 'Too short' },
      other: [],
    },
    {
      name: 'deepest matching field',
      issues: [{ path: 'entry.medication.name', message: 'Required' }],
      fields: ['entry', 'entry.medication'],
      byField: { 'entry.medication': 'Required' },
      other: [],
    },
    {
      name: 'a prefix of a word is not a match',
      issues: [{ path: 'patient.mrnx', message: 'odd' }],
      fields: ['patient.mrn'],
      byField: {},
      other: ['patient.mrnx: odd'],
    },
    {
      name: 'first message per field wins; root issues read plainly',
      issues: [
        { path: 'value', message: 'must be 40–300' },
        { path: 'value', message: 'second' },
        { path: '(root)', message: 'Invalid input' },
      ],
      fields: ['value'],
      byField: { value: 'must be 40–300' },
      other: ['Invalid input'],
    },
  ])('$name', ({ issues, fields, byField, other }) => {
    expect(placeIssues(issues, fields)).toEqual({ byField, other });
  });
});
