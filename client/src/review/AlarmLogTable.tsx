import { PRIORITY_PREFIX } from '../alarms/alarmList';
import type { AlarmLogRow } from './alarmLog';
import { formatMoment, formatSeconds } from './format';

const PRIORITY_WORD = { high: 'High', medium: 'Medium', low: 'Low' } as const;

/** Every alarm of the session: raised, priority raised, escalated, acknowledged by whom and after how long, ended. */
export function AlarmLogTable({
  rows,
  day,
  onShow,
}: {
  rows: readonly AlarmLogRow[];
  /** The session's day: times on another day carry their date. */
  day: number;
  onShow: (row: AlarmLogRow) => void;
}) {
  return (
    <section className="review-section" aria-labelledby="alarm-log-title" data-testid="alarm-log">
      <h2 id="alarm-log-title">
        Alarm log <span className="muted">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">No alarms in this session.</p>
      ) : (
        <div className="review-table-wrap">
          <table className="review-table review-table--alarms">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">Alarm</th>
                <th scope="col">Raised</th>
                <th scope="col">Priority raised</th>
                <th scope="col">Escalated</th>
                <th scope="col">Acknowledged</th>
                <th scope="col">Ended</th>
                <th scope="col" className="no-print">
                  <span className="visually-hidden">Chart</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const ended = row.clearedAt ?? row.conditionEndedAt;
                return (
                  <tr key={row.id} data-testid="alarm-log-row" data-priority={row.priority}>
                    <td>
                      <span className={`priority-tag priority-tag--${row.priority}`}>
                        <span aria-hidden="true">{PRIORITY_PREFIX[row.priority]} </span>
                        {PRIORITY_WORD[row.priority]}
                      </span>
                      {row.kind === 'technical' && <span className="review-badge">technical</span>}
                    </td>
                    <td>
                      {row.message}
                      {row.worstMessage && row.worstMessage !== row.message && (
                        <span className="review-table__sub">worst: {row.worstMessage}</span>
                      )}
                    </td>
                    <td className="review-table__time">{formatMoment(row.raisedAt, day)}</td>
                    <td className="review-table__time">
                      {row.priorityRaisedAt === null ? (
                        '–'
                      ) : (
                        <>
                          {formatMoment(row.priorityRaisedAt, day)}
                          <span className="review-table__sub">
                            {PRIORITY_WORD[row.raisedPriority]} → {PRIORITY_WORD[row.priority]}
                          </span>
                        </>
                      )}
                    </td>
                    <td className="review-table__time">
                      {row.escalatedAt === null ? '–' : formatMoment(row.escalatedAt, day)}
                    </td>
                    <td className="review-table__time" data-testid="alarm-log-ack">
                      {row.acknowledgements.length === 0 ? (
                        <span
                          className={`review-table__none${row.priority === 'high' ? ' review-table__none--high' : ''}`}
                        >
                          not acknowledged
                        </span>
                      ) : (
                        row.acknowledgements.map((ack) => (
                          <span key={ack.at} className="review-table__ack">
                            {formatMoment(ack.at, day)} by {ack.by ?? 'unknown'}
                            <span className="review-table__sub">after {formatSeconds(ack.afterMs / 1000)}</span>
                          </span>
                        ))
                      )}
                    </td>
                    <td className="review-table__time">
                      {ended === null ? (
                        <span className="review-table__none">still active at the end</span>
                      ) : (
                        <>
                          {formatMoment(ended, day)}
                          <span className="review-table__sub">
                            {row.clearedAt !== null ? 'cleared' : 'condition ended'}
                            {row.audioPauses > 0 && ` · audio paused ${row.audioPauses}×`}
                          </span>
                        </>
                      )}
                    </td>
                    <td className="no-print">
                      <button
                        type="button"
                        className="button button--quiet"
                        onClick={() => onShow(row)}
                        aria-label={`Show ${row.message} on the charts`}
                      >
                        Show
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
