import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { Link, useMatch } from 'react-router';
import { useConnection } from '../connection/ConnectionContext';
import { formatClock } from '../time/format';
import { PRIORITY_PREFIX } from './alarmList';
import { WardEscalations } from './wardEscalations';

/** On every screen: high-priority alarms nobody has acknowledged in time, with a way there. */
export function EscalationBanner() {
  const connection = useConnection();
  const ward = useMemo(() => new WardEscalations(connection), [connection]);
  useEffect(() => ward.start(), [ward]);
  const { escalations, locations } = useSyncExternalStore(ward.subscribe, ward.getView);
  // The session on screen shows its own escalations in its alarm bar.
  const watched = useMatch('/sessions/:id')?.params.id;
  const shown = escalations.filter((a) => a.sessionId !== watched);
  if (shown.length === 0) return null;
  return (
    <section className="escalation-banner" data-testid="escalation-banner" role="alert" aria-label="Escalated alarms">
      {shown.map((alarm) => {
        const where = locations.get(alarm.sessionId) ?? `Session ${alarm.sessionId}`;
        return (
          <div key={alarm.id} className="escalation-banner__row">
            <strong>{PRIORITY_PREFIX[alarm.priority]} ESCALATED</strong>
            <span>
              {where}: {alarm.message}
            </span>
            <span>unacknowledged since {formatClock(alarm.raisedAt)}</span>
            <Link className="button button--alarm" to={`/sessions/${encodeURIComponent(alarm.sessionId)}`}>
              Go to {where}
            </Link>
          </div>
        );
      })}
    </section>
  );
}
