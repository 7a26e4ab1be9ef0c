import type { Session } from '@infusion/shared';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RequestError } from '../api/http';
import { useAuth } from '../auth/AuthContext';
import { STATE_LABEL } from '../sessions/sessionTiming';
import { searchSessions } from './api';
import { formatDateTime, formatSeconds, sessionDurations } from './format';
import { formToParams, paramsToForm, toQuery, type SearchForm } from './search';
import './review.css';

type Results = { phase: 'loading' } | { phase: 'done'; sessions: Session[] } | { phase: 'error'; message: string };

/** The server returns at most this many, newest first. */
const SERVER_LIMIT = 200;

/** `/review`: find a past session by patient, date range, or "had a high-priority alarm". */
export function ReviewSearchPage() {
  const [params] = useSearchParams();
  // The form starts from the address each time it changes (a search, Back, the menu's link).
  return <ReviewSearch key={params.toString()} />;
}

function ReviewSearch() {
  const [params, setParams] = useSearchParams();
  const paramsText = params.toString();
  const [form, setForm] = useState<SearchForm>(() => paramsToForm(params));
  const [fieldError, setFieldError] = useState<{ field: 'fromDate' | 'toDate'; message: string } | null>(null);
  const [results, setResults] = useState<Results>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { recheck } = useAuth();

  const check = useMemo(() => toQuery(paramsToForm(new URLSearchParams(paramsText))), [paramsText]);

  // The address is the search: Back from a session comes back to the same results.
  useEffect(() => {
    if (!check.ok) return;
    const controller = new AbortController();
    searchSessions(check.query, controller.signal).then(
      (sessions) => setResults({ phase: 'done', sessions }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof RequestError && error.status === 401) recheck();
        setResults({ phase: 'error', message: error instanceof RequestError ? error.message : 'Could not search' });
      },
    );
    return () => controller.abort();
  }, [check, attempt, recheck]);

  const again = () => {
    setResults({ phase: 'loading' });
    setAttempt((n) => n + 1);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const check = toQuery(form);
    if (!check.ok) {
      setFieldError({ field: check.field, message: check.message });
      return;
    }
    setFieldError(null);
    const next = formToParams(form);
    if (next.toString() === paramsText) again();
    else setParams(next);
  };
  const errorFor = (field: 'fromDate' | 'toDate') => (fieldError?.field === field ? fieldError.message : null);

  return (
    <section className="review-search" aria-labelledby="review-search-title">
      <h1 id="review-search-title">Review sessions</h1>
      <form className="review-search__form" onSubmit={submit} role="search" noValidate>
        <div className="review-field review-field--wide">
          <label htmlFor="review-patient">Patient name or MRN</label>
          <input
            id="review-patient"
            type="search"
            value={form.patient}
            onChange={(e) => setForm({ ...form, patient: e.target.value })}
            autoComplete="off"
            maxLength={120}
          />
        </div>
        <DateField
          id="review-from"
          label="From"
          value={form.fromDate}
          error={errorFor('fromDate')}
          onChange={(fromDate) => setForm({ ...form, fromDate })}
        />
        <DateField
          id="review-to"
          label="To"
          value={form.toDate}
          error={errorFor('toDate')}
          onChange={(toDate) => setForm({ ...form, toDate })}
        />
        <label className="review-check">
          <input
            type="checkbox"
            checked={form.hadHighAlarm}
            onChange={(e) => setForm({ ...form, hadHighAlarm: e.target.checked })}
          />
          Had a high-priority alarm
        </label>
        <button type="submit" className="button button--primary">
          Search
        </button>
      </form>
      <ResultList
        results={check.ok ? results : { phase: 'error', message: check.message }}
        search={paramsText ? `?${paramsText}` : ''}
        retry={again}
      />
    </section>
  );
}

function DateField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <div className={`review-field${error ? ' review-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
      />
      {error && (
        <p className="review-field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function ResultList({ results, search, retry }: { results: Results; search: string; retry: () => void }) {
  if (results.phase === 'loading') return <p className="muted">Searching…</p>;
  if (results.phase === 'error') {
    return (
      <div className="notice notice--error" role="alert">
        {results.message}.{' '}
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  const { sessions } = results;
  if (sessions.length === 0)
    return (
      <p className="muted" data-testid="review-no-results">
        No sessions match.
      </p>
    );
  return (
    <>
      <p className="muted review-search__count" role="status">
        {sessions.length === 1 ? '1 session' : `${sessions.length} sessions`}, newest first
        {sessions.length >= SERVER_LIMIT && ` (the latest ${SERVER_LIMIT}: narrow the search to see older ones)`}
      </p>
      <div className="review-table-wrap">
        <table className="review-table review-table--results">
          <thead>
            <tr>
              <th scope="col">Opened</th>
              <th scope="col">Patient</th>
              <th scope="col">MRN</th>
              <th scope="col">Chair</th>
              <th scope="col">State</th>
              <th scope="col">Infusion</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const { infusion } = sessionDurations(s);
              return (
                <tr key={s.id} className="review-result" data-testid="review-result" data-session-id={s.id}>
                  <td className="review-table__time">{formatDateTime(s.createdAt)}</td>
                  <td className="review-result__patient">{s.patient.displayName}</td>
                  <td className="review-table__mono">{s.patient.mrn}</td>
                  <td>{s.location}</td>
                  <td>
                    <span className={`state-badge state-badge--${s.state}`}>{STATE_LABEL[s.state]}</span>
                  </td>
                  <td>{infusion === null ? '–' : formatSeconds(infusion / 1000)}</td>
                  <td className="review-result__open">
                    <Link
                      to={`/review/${encodeURIComponent(s.id)}`}
                      state={{ search }}
                      aria-label={`Open the record: ${s.patient.displayName}, ${s.location}, ${formatDateTime(s.createdAt)}`}
                    >
                      Open record ›
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
