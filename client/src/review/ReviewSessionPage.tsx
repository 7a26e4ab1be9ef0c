import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { RequestError } from '../api/http';
import { useAuth } from '../auth/AuthContext';
import { isActiveSession } from '../sessions/sessionTiming';
import { AlarmLogTable } from './AlarmLogTable';
import { alarmEnd, alarmLog, type AlarmLogRow } from './alarmLog';
import { exportLinks, fetchSessionRecord, type SessionRecord } from './api';
import { AuditTable } from './AuditTable';
import { ChartedEntries } from './ChartedEntries';
import { formatClock } from '../time/format';
import { printPageCss } from './format';
import { ReviewHeader } from './ReviewHeader';
import { ReviewTimeline } from './ReviewTimeline';
import { SummaryTable } from './SummaryTable';
import { around, type TimeRange } from './zoom';
import './review.css';

type Load =
  | { phase: 'loading' }
  | { phase: 'error'; message: string; notFound: boolean }
  | { phase: 'ready'; record: SessionRecord; loadedAt: number };

/** `/review/:id`: one session, whole, as a record to read, export and print. */
export function ReviewSessionPage() {
  const { id = '' } = useParams();
  return <ReviewSession key={id} sessionId={id} />;
}

function ReviewSession({ sessionId }: { sessionId: string }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { recheck } = useAuth();

  useEffect(() => {
    const controller = new AbortController();
    fetchSessionRecord(sessionId, controller.signal).then(
      (record) => setLoad({ phase: 'ready', record, loadedAt: Date.now() }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof RequestError && error.status === 401) recheck();
        setLoad({
          phase: 'error',
          message: error instanceof RequestError ? error.message : 'Could not load the session',
          notFound: error instanceof RequestError && error.status === 404,
        });
      },
    );
    return () => controller.abort();
  }, [sessionId, attempt, recheck]);

  switch (load.phase) {
    case 'loading':
      return (
        <div className="review-page" aria-busy="true">
          <BackToSearch />
          <p className="muted">Loading the session record…</p>
        </div>
      );
    case 'error':
      return (
        <div className="review-page">
          <BackToSearch />
          <div className="notice notice--error" role="alert">
            {load.notFound ? 'No such session.' : `Could not load this session: ${load.message}.`}{' '}
            {!load.notFound && (
              <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
            )}
          </div>
        </div>
      );
    case 'ready':
      return <SessionRecordView record={load.record} loadedAt={load.loadedAt} />;
  }
}

function BackToSearch() {
  const location = useLocation();
  const state: unknown = location.state;
  const search = typeof state === 'object' && state !== null && 'search' in state ? String(state.search) : '';
  return (
    <nav className="review-page__nav no-print">
      <Link to={`/review${search}`}>‹ Back to the search</Link>
    </nav>
  );
}

/** Puts the patient, MRN and date at the top of every printed page (and the page number at the foot). */
function usePrintPageCss(record: SessionRecord) {
  const { session } = record;
  useEffect(() => {
    const style = document.createElement('style');
    style.dataset.review = 'print-page';
    const update = () => {
      style.textContent = printPageCss(session, Date.now());
    };
    update();
    document.head.append(style);
    window.addEventListener('beforeprint', update);
    return () => {
      window.removeEventListener('beforeprint', update);
      style.remove();
    };
  }, [session]);
}

const MINUTE = 60_000;

function SessionRecordView({ record, loadedAt }: { record: SessionRecord; loadedAt: number }) {
  const { session } = record;
  const full = useMemo<TimeRange>(
    () => ({ from: session.createdAt, to: Math.max(session.endedAt ?? loadedAt, session.createdAt + 1000) }),
    [session, loadedAt],
  );
  const [view, setView] = useState<TimeRange>(full);
  const alarms = useMemo(() => alarmLog(record.alarmEvents), [record.alarmEvents]);
  usePrintPageCss(record);

  const show = (range: TimeRange) => {
    setView(range);
    document.getElementById('review-timeline')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const showAlarm = (row: AlarmLogRow) => show(around(row.raisedAt, alarmEnd(row) ?? row.raisedAt, full));
  const showMoment = (at: number) => show(around(at, at, full, 2 * MINUTE));

  return (
    <div className="review-page" data-testid="review-page" data-session-id={session.id}>
      <BackToSearch />
      <ReviewHeader session={session} />
      <div className="review-actions no-print">
        <span className="review-actions__label">Export</span>
        {exportLinks(session.id).map((link) => (
          <a key={link.href} className="button" href={link.href} download data-testid={link.testId}>
            {link.label}
          </a>
        ))}
        <button type="button" className="button button--primary" onClick={() => window.print()} data-testid="print">
          Print report
        </button>
        {isActiveSession(session) && (
          <Link className="button button--quiet" to={`/sessions/${encodeURIComponent(session.id)}`}>
            Open live view
          </Link>
        )}
      </div>
      {session.endedAt === null && (
        <div className="notice notice--info" role="status">
          This session is still under way: the record runs to {formatClock(loadedAt)}, when this page was opened.
        </div>
      )}
      <div id="review-timeline">
        <ReviewTimeline
          sessionId={session.id}
          full={full}
          view={view}
          onView={setView}
          profile={record.profile}
          alarms={alarms}
          clinicalEvents={record.clinicalEvents}
        />
      </div>
      <SummaryTable summary={record.summary} />
      <AlarmLogTable rows={alarms} day={session.createdAt} onShow={showAlarm} />
      <ChartedEntries events={record.clinicalEvents} day={session.createdAt} onShow={showMoment} />
      <section
        className="review-section review-section--audit"
        aria-labelledby="audit-title"
        data-testid="session-audit"
      >
        <h2 id="audit-title">
          Audit trail <span className="muted">({record.audit.length})</span>
        </h2>
        <AuditTable entries={record.audit} />
      </section>
    </div>
  );
}
