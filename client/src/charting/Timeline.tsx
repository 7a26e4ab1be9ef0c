import type { ClinicalEvent } from '@infusion/shared';
import { memo, useMemo, useState } from 'react';
import { formatClock } from '../time/format';
import { CorrectionForm } from './CorrectionForm';
import { timelineRows, type TimelineRow } from './timeline';
import './charting.css';

/**
 * Everything charted in this session, newest first, live for every nurse watching.
 * Nothing disappears: a corrected entry stays, struck through and pointing at its correction.
 */
export const Timeline = memo(function Timeline({
  sessionId,
  events,
  canCorrect,
}: {
  sessionId: string;
  events: readonly ClinicalEvent[];
  /** False once the session has ended: the log is then closed. */
  canCorrect: boolean;
}) {
  const rows = useMemo(() => timelineRows(events), [events]);
  const [correcting, setCorrecting] = useState<number | null>(null);

  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title" className="timeline__title">
        Timeline <span className="muted">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted timeline__empty">Nothing charted yet.</p>
      ) : (
        <ol className="timeline__list">
          {rows.map((row) => (
            <TimelineEntry
              key={row.event.id}
              row={row}
              sessionId={sessionId}
              canCorrect={canCorrect}
              correcting={correcting === row.event.id}
              onCorrect={(open) => setCorrecting(open ? row.event.id : null)}
            />
          ))}
        </ol>
      )}
    </section>
  );
});

function TimelineEntry({
  row,
  sessionId,
  canCorrect,
  correcting,
  onCorrect,
}: {
  row: TimelineRow;
  sessionId: string;
  canCorrect: boolean;
  correcting: boolean;
  onCorrect: (open: boolean) => void;
}) {
  const { event } = row;
  const classes = [
    'timeline__entry',
    `timeline__entry--${event.entry.kind}`,
    row.amendedBy !== null ? 'is-amended' : '',
    row.corrects !== null ? 'is-correction' : '',
  ].join(' ');
  return (
    <li
      className={classes}
      data-testid="timeline-entry"
      data-event-id={event.id}
      data-kind={event.entry.kind}
      data-amended={row.amendedBy !== null}
    >
      <time className="timeline__time" dateTime={new Date(event.occurredAt).toISOString()}>
        {formatClock(event.occurredAt)}
      </time>
      <div className="timeline__what">
        <span className="timeline__text">
          {row.amendedBy !== null && <span className="visually-hidden">Corrected: </span>}
          {row.text}
        </span>
        {row.corrects && (
          <span className="timeline__correction">
            Corrects #{row.corrects.eventId}: {row.corrects.reason}
          </span>
        )}
        {row.amendedBy !== null && <span className="timeline__badge">Amended by #{row.amendedBy}</span>}
        <span className="timeline__meta">
          #{event.id} · {event.chartedBy}
          {row.chartedLaterMs !== null && <> · charted {formatClock(event.chartedAt)}</>}
        </span>
      </div>
      {canCorrect && row.correctable && !correcting && (
        <button
          type="button"
          className="button button--quiet timeline__correct"
          aria-label={`Correct #${event.id} ${row.text}`}
          onClick={() => onCorrect(true)}
        >
          Correct
        </button>
      )}
      {correcting && (
        <CorrectionForm sessionId={sessionId} original={event} text={row.text} onDone={() => onCorrect(false)} />
      )}
    </li>
  );
}
