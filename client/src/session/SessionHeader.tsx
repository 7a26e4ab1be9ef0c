import type { Session } from '@infusion/shared';
import { useServerNow } from '../connection/ConnectionContext';
import { formatElapsed, isOverrun, STATE_LABEL } from '../sessions/sessionTiming';

function ElapsedTime({ session }: { session: Session }) {
  const now = useServerNow();
  return (
    <span
      className={isOverrun(session, now) ? 'session-header__time session-header__time--over' : 'session-header__time'}
    >
      {formatElapsed(session, now)}
    </span>
  );
}

/** Who, where, and how far into the infusion. */
export function SessionHeader({ session }: { session: Session }) {
  return (
    <header className="session-header">
      <h1 className="session-header__patient">{session.patient.displayName}</h1>
      <dl className="session-header__facts">
        <div>
          <dt>MRN</dt>
          <dd>{session.patient.mrn}</dd>
        </div>
        <div>
          <dt>Chair</dt>
          <dd>{session.location}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            <span className={`state-badge state-badge--${session.state}`}>{STATE_LABEL[session.state]}</span>
          </dd>
        </div>
        <div>
          <dt>Elapsed / planned</dt>
          <dd>
            <ElapsedTime session={session} />
          </dd>
        </div>
        {session.baseline.sbp !== undefined && (
          <div>
            <dt>Baseline BP</dt>
            <dd>
              {Math.round(session.baseline.sbp)}
              {session.baseline.dbp !== undefined && `/${Math.round(session.baseline.dbp)}`}
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}
