import type { AuditEntry } from '@infusion/shared';
import { Link } from 'react-router';
import { actionText, auditDetails, formatDateTimeSeconds } from './format';

/** The append-only audit log: who did what, when (and to which session, on the global log). */
export function AuditTable({
  entries,
  showSession = false,
  testId = 'audit-table',
}: {
  entries: readonly AuditEntry[];
  showSession?: boolean;
  testId?: string;
}) {
  if (entries.length === 0) return <p className="muted">Nothing in the audit log.</p>;
  return (
    <div className="review-table-wrap">
      <table className="review-table review-table--audit" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            {showSession && <th scope="col">Session</th>}
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <td className="review-table__time">{formatDateTimeSeconds(entry.at)}</td>
              <td>{entry.userName}</td>
              <td>{actionText(entry.action)}</td>
              {showSession && (
                <td>
                  {entry.sessionId ? (
                    <Link to={`/review/${encodeURIComponent(entry.sessionId)}`}>{entry.sessionId.slice(0, 8)}</Link>
                  ) : (
                    '–'
                  )}
                </td>
              )}
              <td className="review-table__details">{auditDetails(entry.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
