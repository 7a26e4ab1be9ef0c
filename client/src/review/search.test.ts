import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, endOfDay, formToParams, paramsToForm, startOfDay, toQuery, type SearchForm } from './search';

describe('startOfDay / endOfDay', () => {
  it('spans the whole local day', () => {
    expect(startOfDay('2026-03-05')).toBe(new Date(2026, 2, 5).getTime());
    expect(endOfDay('2026-03-05')).toBe(new Date(2026, 2, 6).getTime() - 1);
  });

  it.each(['', '2026-3-5', '2026-02-30', '2026-13-01', 'yesterday'])('refuses %j', (text) => {
    expect(startOfDay(text)).toBeNull();
    expect(endOfDay(text)).toBeNull();
  });
});

describe('toQuery', () => {
  it.each<[string, SearchForm, ReturnType<typeof toQuery>]>([
    [
      'empty: the latest sessions',
      EMPTY_SEARCH,
      { ok: true, query: { patient: '', from: null, to: null, hadHighAlarm: false } },
    ],
    [
      'patient trimmed, high alarms only',
      { ...EMPTY_SEARCH, patient: '  Doe ', hadHighAlarm: true },
      { ok: true, query: { patient: 'Doe', from: null, to: null, hadHighAlarm: true } },
    ],
    [
      'one day',
      { ...EMPTY_SEARCH, fromDate: '2026-03-05', toDate: '2026-03-05' },
      {
        ok: true,
        query: {
          patient: '',
          from: new Date(2026, 2, 5).getTime(),
          to: new Date(2026, 2, 6).getTime() - 1,
          hadHighAlarm: false,
        },
      },
    ],
    [
      'end before start',
      { ...EMPTY_SEARCH, fromDate: '2026-03-05', toDate: '2026-03-04' },
      { ok: false, field: 'toDate', message: 'The end date is before the start date' },
    ],
    ['bad start', { ...EMPTY_SEARCH, fromDate: '2026-02-31' }, { ok: false, field: 'fromDate', message: 'Not a date' }],
  ])('%s', (_name, form, expected) => {
    expect(toQuery(form)).toEqual(expected);
  });
});

describe('the search in the address', () => {
  it('round-trips, leaving empty fields out', () => {
    const form: SearchForm = { patient: 'Jane', fromDate: '2026-03-01', toDate: '', hadHighAlarm: true };
    const params = formToParams(form);
    expect(params.toString()).toBe('patient=Jane&from=2026-03-01&high=1');
    expect(paramsToForm(params)).toEqual(form);
  });

  it('reads an empty address as the empty search', () => {
    expect(paramsToForm(new URLSearchParams())).toEqual(EMPTY_SEARCH);
    expect(formToParams(EMPTY_SEARCH).toString()).toBe('');
  });
});
