/** The review search as the form holds it (and as the page's address keeps it, for Back). */
export interface SearchForm {
  patient: string;
  /** `YYYY-MM-DD` from a date input, or empty. */
  fromDate: string;
  toDate: string;
  hadHighAlarm: boolean;
}

/** What the server is asked: sessions created between `from` and `to` (epoch ms, inclusive). */
export interface SearchQuery {
  patient: string;
  from: number | null;
  to: number | null;
  hadHighAlarm: boolean;
}

export const EMPTY_SEARCH: SearchForm = { patient: '', fromDate: '', toDate: '', hadHighAlarm: false };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight at the start of a `YYYY-MM-DD` day, or null when it is not a real date. */
export function startOfDay(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(y, mo - 1, d);
  return t.getFullYear() === y && t.getMonth() === mo - 1 && t.getDate() === d ? t.getTime() : null;
}

/** The last millisecond of a `YYYY-MM-DD` day (local time), so "to 5 March" includes 5 March. */
export function endOfDay(date: string): number | null {
  const start = startOfDay(date);
  if (start === null) return null;
  const d = new Date(start);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1;
}

export type SearchCheck =
  { ok: true; query: SearchQuery } | { ok: false; field: 'fromDate' | 'toDate'; message: string };

/** Checks the form and turns it into the server's query. */
export function toQuery(form: SearchForm): SearchCheck {
  const from = form.fromDate ? startOfDay(form.fromDate) : null;
  if (form.fromDate && from === null) return { ok: false, field: 'fromDate', message: 'Not a date' };
  const to = form.toDate ? endOfDay(form.toDate) : null;
  if (form.toDate && to === null) return { ok: false, field: 'toDate', message: 'Not a date' };
  if (from !== null && to !== null && to < from) {
    return { ok: false, field: 'toDate', message: 'The end date is before the start date' };
  }
  return { ok: true, query: { patient: form.patient.trim(), from, to, hadHighAlarm: form.hadHighAlarm } };
}

/** The form as the page's address: `?patient=…&from=…&to=…&high=1`; empty fields are left out. */
export function formToParams(form: SearchForm): URLSearchParams {
  const params = new URLSearchParams();
  if (form.patient.trim()) params.set('patient', form.patient.trim());
  if (form.fromDate) params.set('from', form.fromDate);
  if (form.toDate) params.set('to', form.toDate);
  if (form.hadHighAlarm) params.set('high', '1');
  return params;
}

/** The form from the page's address (an empty address is the empty search: the latest sessions). */
export function paramsToForm(params: URLSearchParams): SearchForm {
  return {
    patient: params.get('patient') ?? '',
    fromDate: params.get('from') ?? '',
    toDate: params.get('to') ?? '',
    hadHighAlarm: params.get('high') === '1',
  };
}
