import type { Session } from '@infusion/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { fetchSessions, RequestError } from '../api/http';
import { useAuth } from '../auth/AuthContext';
import { useServerNow } from '../connection/ConnectionContext';
import { formatClockSeconds } from '../time/format';
import { byLocation, formatElapsed, isActiveSession, isOverrun, STATE_LABEL } from './sessionTiming';
import './sessions.css';

/** The board refreshes this often; a session's own view is live. */
const REFRESH_MS = 10_000;

interface Board {
  sessions: Session[] | null;
  loadedAt: number | null;
  error: string | null;
}

/** The ward's sessions under way, one row per chair, each opening its live view. */
export function SessionListPage() {
  const [board, setBoard] = useState<Board>({ sessions: null, loadedAt: null, error: null });
  const [reload, setReload] = useState(0);
  const { recheck } = useAuth();

  useEffect(() => {
    const controller = new AbortController();
    const load = () => {
      fetchSessions(controller.signal).then(
        (sessions) => setBoard({ sessions, loadedAt: Date.now(), error: null }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof RequestError && error.status === 401) recheck();
          const message = error instanceof RequestError ? error.message : 'Could not load the sessions';
          setBoard((b) => ({ ...b, error: message }));
        },
      );
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [reload, recheck]);

  const active = board.sessions?.filter(isActiveSession).sort(byLocation) ?? null;

  return (
    <section className="session-list" aria-labelledby="session-list-title">
      <header className="session-list__head">
        <h1 id="session-list-title">Sessions under way</h1>
        {board.loadedAt !== null && (
          <span className="session-list__updated">List updated {formatClockSeconds(board.loadedAt)}</span>
        )}
        <Link to="/ward" className="button session-list__ward" data-testid="open-ward">
          Ward view – all chairs
        </Link>
        <Link to="/sessions/new" className="button button--primary session-list__new">
          New session
        </Link>
      </header>
      {board.error !== null && (
        <div className="notice notice--error" role="alert">
          {board.error}.{' '}
          <button type="button" className="button" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {active === null && board.error === null && <p className="muted">Loading sessions…</p>}
      {active !== null && active.length === 0 && <p className="muted">No sessions under way.</p>}
      {active !== null && active.length > 0 && <SessionRows sessions={active} />}
    </section>
  );
}

function SessionRows({ sessions }: { sessions: Session[] }) {
  const now = useServerNow();
  return (
    <div className="session-table" role="list">
      <div className="session-table__head" aria-hidden="true">
        <span>Chair</span>
        <span>Patient</span>
        <span>MRN</span>
        <span>State</span>
        <span>Elapsed / planned</span>
        <span />
      </div>
      {sessions.map((s) => (
        <div
          role="listitem"
          key={s.id}
          className={`session-row session-row--${s.state}`}
          data-testid="session-row"
          data-session-id={s.id}
        >
          <span className="session-row__location">{s.location}</span>
          <span className="session-row__patient">{s.patient.displayName}</span>
          <span className="session-row__mrn">{s.patient.mrn}</span>
          <span className={`state-badge state-badge--${s.state}`}>{STATE_LABEL[s.state]}</span>
          <span className={isOverrun(s, now) ? 'session-row__time session-row__time--over' : 'session-row__time'}>
            {formatElapsed(s, now)}
          </span>
          {/* The link covers the whole row (see .session-row__open::after): click anywhere on it. */}
          <Link
            to={`/sessions/${encodeURIComponent(s.id)}`}
            className="session-row__open"
            aria-label={`Open live view: ${s.location}, ${s.patient.displayName}`}
          >
            Live view ›
          </Link>
        </div>
      ))}
    </div>
  );
}
