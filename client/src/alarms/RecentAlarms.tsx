import { AlarmEvent } from '@infusion/shared';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { getJson } from '../api/http';
import { useConnection, useServerNow } from '../connection/ConnectionContext';
import { formatClock } from '../time/format';
import { PRIORITY_PREFIX } from './alarmList';
import { mergeAlarmEvents, recentAlarms } from './recentAlarms';
import './limits.css';

/** The session's alarms that cleared in the last hour: fetched once, then kept up from the socket. */
export function RecentAlarms({ sessionId }: { sessionId: string }) {
  const { socket } = useConnection();
  const now = useServerNow();
  const [events, setEvents] = useState<AlarmEvent[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onEvent = (raw: unknown) => {
      const event = AlarmEvent.safeParse(raw);
      if (event.success && event.data.alarm.sessionId === sessionId) {
        setEvents((list) => mergeAlarmEvents(list, [event.data]));
      }
    };
    socket.on('alarm:event', onEvent);
    const abort = new AbortController();
    getJson(`/api/sessions/${encodeURIComponent(sessionId)}/alarm-events`, z.array(AlarmEvent), abort.signal).then(
      (fetched) => setEvents((list) => mergeAlarmEvents(fetched, list)),
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof Error ? e.message : 'Could not load recent alarms');
      },
    );
    return () => {
      socket.off('alarm:event', onEvent);
      abort.abort();
    };
  }, [socket, sessionId]);

  const list = useMemo(() => recentAlarms(events, sessionId, now), [events, sessionId, now]);

  return (
    <section className="recent-alarms" aria-labelledby="recent-alarms-title">
      <h2 id="recent-alarms-title" className="recent-alarms__title">
        Recent alarms <span className="muted">(cleared, last 60 min)</span>
      </h2>
      {error && <p className="field-error">{error}</p>}
      <ul className="recent-alarms__list" data-testid="recent-alarms">
        {list.length === 0 && !error && <li className="muted">None</li>}
        {list.map(({ alarm, clearedAt }) => (
          <li key={alarm.id} className={`recent-alarm recent-alarm--${alarm.priority}`} data-testid="recent-alarm">
            <span className="recent-alarm__message">
              {PRIORITY_PREFIX[alarm.priority]} {alarm.message}
            </span>
            <span className="recent-alarm__times muted">
              raised {formatClock(alarm.raisedAt)}
              {alarm.acknowledgedAt !== null &&
                ` · ack’d by ${alarm.acknowledgedBy ?? 'unknown'} ${formatClock(alarm.acknowledgedAt)}`}
              {` · cleared ${formatClock(clearedAt)}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
