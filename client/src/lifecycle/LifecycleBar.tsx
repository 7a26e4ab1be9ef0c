import type { Session, ThresholdProfile, TransitionInput } from '@infusion/shared';
import { memo, useEffect, useState, type FormEvent } from 'react';
import { checkReason } from '../charting/forms';
import { failureMessage } from '../charting/request';
import { describedBy, Field } from '../charting/ui';
import { useServerNow } from '../connection/ConnectionContext';
import { STATE_LABEL } from '../sessions/sessionTiming';
import { formatClock } from '../time/format';
import { fetchPatientSessions, transitionSession } from './api';
import { BindMonitor } from './BindMonitor';
import { ChecklistControl } from './ChecklistControl';
import { courseLine } from './course';
import { DischargeForm } from './DischargeForm';
import { nextActions, type LifecycleAction } from './nextActions';
import './lifecycle.css';

/**
 * The live session shows what the server last broadcast; an answer to this screen's own
 * request may come first. It is shown until the broadcast catches up, so a button is
 * never offered twice.
 */
function useNewestSession(live: Session): [Session, (session: Session) => void] {
  const [adopted, setAdopted] = useState<{ base: Session; session: Session } | null>(null);
  const current = adopted !== null && adopted.base === live ? adopted.session : live;
  return [current, (session) => setAdopted({ base: live, session })];
}

type Open = null | 'confirm-stop' | 'discharge' | 'end-early';

/** Where the session is in its life, and the next steps as big buttons. */
export const LifecycleBar = memo(function LifecycleBar({
  session: live,
  profile,
  latestSbp,
  latestSpo2,
}: {
  session: Session;
  profile: ThresholdProfile;
  /** Latest values, for the discharge form's hints. */
  latestSbp: number | undefined;
  latestSpo2: number | undefined;
}) {
  const [session, adopt] = useNewestSession(live);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const actions = nextActions(session);
  const ended = actions.length === 0;

  const move = (input: TransitionInput) => {
    setBusy(true);
    setError(null);
    transitionSession(session.id, input).then(
      (updated) => {
        setBusy(false);
        setOpen(null);
        adopt(updated);
      },
      (err: unknown) => {
        setBusy(false);
        setError(failureMessage(err, 'Could not change the session’s state'));
      },
    );
  };

  const press = (action: LifecycleAction) => {
    setError(null);
    if (action.asks === 'nothing') move({ to: action.to });
    else if (action.asks === 'confirm') setOpen('confirm-stop');
    else if (action.asks === 'aldrete') setOpen(open === 'discharge' ? null : 'discharge');
    else setOpen(open === 'end-early' ? null : 'end-early');
  };

  return (
    <section
      className={`lifecycle lifecycle--${session.state}`}
      aria-label="Session state and next steps"
      data-testid="lifecycle"
    >
      <div className="lifecycle__main">
        <div className="lifecycle__facts">
          <span className={`state-badge state-badge--${session.state}`} data-testid="lifecycle-state">
            {STATE_LABEL[session.state]}
          </span>
          <CourseLine session={session} />
          <Progress session={session} minRecoveryMin={profile.minRecoveryMin} />
          {!ended && <BindMonitor session={session} onBound={adopt} />}
        </div>
        {(session.state === 'scheduled' || session.state === 'pre-check') && (
          <ChecklistControl session={session} onSaved={adopt} />
        )}
        {!ended && (
          <div className="lifecycle__actions">
            {open === 'confirm-stop' ? (
              <div className="lifecycle__confirm" role="group" aria-label="Confirm stopping the infusion">
                <span>Stop the infusion and start recovery?</span>
                <button
                  type="button"
                  className="button button--caution tap--big"
                  disabled={busy}
                  autoFocus
                  onClick={() => move({ to: 'recovery' })}
                >
                  {busy ? 'Stopping…' : 'Yes, stop infusion'}
                </button>
                <button type="button" className="button button--quiet" onClick={() => setOpen(null)}>
                  Cancel
                </button>
              </div>
            ) : (
              actions.map((action) => (
                <span key={action.to} className="lifecycle__action">
                  <button
                    type="button"
                    className={`button tap--big lifecycle__button--${action.tone}${action.tone === 'primary' ? ' button--primary' : ''}`}
                    disabled={busy || action.blockedBy !== null}
                    aria-expanded={
                      action.asks === 'aldrete' || action.asks === 'reason' ? open === formOf(action) : undefined
                    }
                    aria-describedby={action.blockedBy ? `blocked-${action.to}` : undefined}
                    onClick={() => press(action)}
                  >
                    {action.label}
                  </button>
                  {action.blockedBy && (
                    <span className="lifecycle__blocked" id={`blocked-${action.to}`}>
                      {action.blockedBy}
                    </span>
                  )}
                </span>
              ))
            )}
          </div>
        )}
      </div>
      {error && (
        <p className="field-error lifecycle__error" role="alert">
          {error}
        </p>
      )}
      {open === 'end-early' && !ended && (
        <EndEarlyForm
          busy={busy}
          onEnd={(reason) => move({ to: 'ended-early', reason })}
          onCancel={() => setOpen(null)}
        />
      )}
      {open === 'discharge' && session.state === 'recovery' && (
        <DischargeForm
          session={session}
          latestSbp={latestSbp}
          latestSpo2={latestSpo2}
          onDischarged={(updated) => {
            setOpen(null);
            adopt(updated);
          }}
          onCancel={() => setOpen(null)}
        />
      )}
    </section>
  );
});

function formOf(action: LifecycleAction): Open {
  return action.asks === 'aldrete' ? 'discharge' : action.asks === 'reason' ? 'end-early' : null;
}

function EndEarlyForm({
  busy,
  onEnd,
  onCancel,
}: {
  busy: boolean;
  onEnd: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkReason(reason);
    if (!checked.ok) {
      setError(checked.errors.reason ?? 'Say why');
      return;
    }
    setError(null);
    onEnd(checked.value);
  };
  return (
    <form className="end-early" onSubmit={onSubmit} noValidate aria-label="End the session early">
      <Field id="end-early-reason" label="Why is the session ending early?" error={error}>
        <input
          id="end-early-reason"
          className="input"
          autoComplete="off"
          autoFocus
          placeholder="e.g. patient asked to stop; hypertension not settling"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedBy('end-early-reason', error)}
        />
      </Field>
      <div className="end-early__actions">
        <button type="submit" className="button button--caution tap--big" disabled={busy}>
          {busy ? 'Ending…' : 'End session early'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Infusion 3 of 6 (induction) · last on 12 Nov", from the patient's earlier sessions. */
function CourseLine({ session }: { session: Session }) {
  const [history, setHistory] = useState<{ patientId: string; sessions: Session[] } | null>(null);
  const now = useServerNow();
  const patientId = session.patient.id;
  useEffect(() => {
    const controller = new AbortController();
    fetchPatientSessions(patientId, controller.signal).then(
      (sessions) => setHistory({ patientId, sessions }),
      () => {
        // Without the history the line still says which infusion this is; the date is left out.
      },
    );
    return () => controller.abort();
  }, [patientId]);
  const sessions = history?.patientId === patientId ? history.sessions : null;
  return (
    <span className="lifecycle__course" data-testid="course-line">
      {courseLine(session, sessions, now)}
    </span>
  );
}

/** Elapsed against planned while infusing; recovery time against the minimum in recovery. */
function Progress({ session, minRecoveryMin }: { session: Session; minRecoveryMin: number }) {
  const now = useServerNow();
  if (session.state === 'recovery' && session.recoveryStartedAt !== null) {
    const min = Math.floor(Math.max(0, now - session.recoveryStartedAt) / 60_000);
    return (
      <Meter
        label={`Recovery ${min} / ${minRecoveryMin} min minimum`}
        fraction={minRecoveryMin > 0 ? min / minRecoveryMin : 1}
        over={false}
      />
    );
  }
  if ((session.state === 'infusing' || session.state === 'paused') && session.infusionStartedAt !== null) {
    // The header says "12 / 40 min"; the bar says what is left, which is what the nurse plans by.
    const min = Math.floor(Math.max(0, now - session.infusionStartedAt) / 60_000);
    const left = session.plannedDurationMin - min;
    const paused = session.state === 'paused' ? ' (paused)' : '';
    return (
      <Meter
        label={left >= 0 ? `${left} min left${paused}` : `${-left} min over plan${paused}`}
        fraction={min / session.plannedDurationMin}
        over={left < 0}
      />
    );
  }
  if (session.endedAt !== null) {
    return <span className="muted">Ended {formatClock(session.endedAt)}</span>;
  }
  return <span className="muted">{session.plannedDurationMin} min planned</span>;
}

function Meter({ label, fraction, over }: { label: string; fraction: number; over: boolean }) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <span className={`meter${over ? ' meter--over' : ''}`} data-testid="lifecycle-progress">
      <span className="meter__bar" aria-hidden="true">
        <span className="meter__fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="meter__label">{label}</span>
    </span>
  );
}
