import type { Session } from '@infusion/shared';
import { STATE_LABEL } from '../sessions/sessionTiming';
import { formatDateTime, formatMoment, formatSeconds, sessionDurations } from './format';

/** Who, where, when and how long: the top of the screen and of the printed report. */
export function ReviewHeader({ session }: { session: Session }) {
  const { patient, course } = session;
  const durations = sessionDurations(session);
  const day = session.createdAt;
  return (
    <header className="review-header" data-testid="review-header">
      <p className="review-header__kind">Infusion session record</p>
      <h1 className="review-header__patient">{patient.displayName}</h1>
      <dl className="review-facts review-facts--header">
        <div>
          <dt>MRN</dt>
          <dd data-testid="review-mrn">{patient.mrn}</dd>
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
          <dt>Opened</dt>
          <dd>{formatDateTime(session.createdAt)}</dd>
        </div>
        <div>
          <dt>Infusion started</dt>
          <dd>{session.infusionStartedAt === null ? '–' : formatMoment(session.infusionStartedAt, day)}</dd>
        </div>
        <div>
          <dt>Recovery from</dt>
          <dd>{session.recoveryStartedAt === null ? '–' : formatMoment(session.recoveryStartedAt, day)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{session.endedAt === null ? 'not yet' : formatMoment(session.endedAt, day)}</dd>
        </div>
        <div>
          <dt>Infusion</dt>
          <dd>
            {durations.infusion === null ? '–' : formatSeconds(durations.infusion / 1000)}
            <span className="muted"> of {session.plannedDurationMin} min planned</span>
          </dd>
        </div>
        <div>
          <dt>Session</dt>
          <dd>{durations.session === null ? '–' : formatSeconds(durations.session / 1000)}</dd>
        </div>
        {patient.weightKg !== null && (
          <div>
            <dt>Weight</dt>
            <dd>{patient.weightKg} kg</dd>
          </div>
        )}
        {session.doseMgPerKg !== null && (
          <div>
            <dt>Dose</dt>
            <dd>
              {session.doseMgPerKg} mg/kg
              {session.rateMgPerKgPerHour !== null && ` at ${session.rateMgPerKgPerHour} mg/kg/h`}
            </dd>
          </div>
        )}
        {course && (
          <div>
            <dt>Course</dt>
            <dd>
              {course.phase === 'induction' ? 'Induction' : 'Maintenance'}, infusion {course.infusionNumber}
              {course.seriesSize !== null && ` of ${course.seriesSize}`}
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}
