import type { ClinicalEvent } from '@infusion/shared';
import { useMemo } from 'react';
import { timelineRows } from '../charting/timeline';
import { formatMoment } from './format';

const KIND_LABEL: Readonly<Record<ClinicalEvent['entry']['kind'], string>> = {
  'side-effect': 'Side effect',
  score: 'Score',
  intervention: 'Intervention',
  note: 'Note',
  lifecycle: 'Session step',
};

/**
 * Everything charted, in the order it happened: side effects, scores, interventions, notes
 * and the session's steps. A corrected entry stays, struck through, beside its correction.
 */
export function ChartedEntries({
  events,
  day,
  onShow,
}: {
  events: readonly ClinicalEvent[];
  day: number;
  onShow: (at: number) => void;
}) {
  const rows = useMemo(() => timelineRows(events).reverse(), [events]);
  return (
    <section className="review-section" aria-labelledby="charted-title" data-testid="charted-entries">
      <h2 id="charted-title">
        Charted entries and session steps <span className="muted">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing was charted.</p>
      ) : (
        <div className="review-table-wrap">
          <table className="review-table review-table--entries">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Kind</th>
                <th scope="col">Entry</th>
                <th scope="col">Charted by</th>
                <th scope="col">#</th>
                <th scope="col" className="no-print">
                  <span className="visually-hidden">Chart</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const e = row.event;
                const amended = row.amendedBy !== null;
                return (
                  <tr
                    key={e.id}
                    className={`review-entry review-entry--${e.entry.kind}${amended ? ' is-amended' : ''}`}
                    data-testid="charted-entry"
                    data-kind={e.entry.kind}
                  >
                    <td className="review-table__time">{formatMoment(e.occurredAt, day)}</td>
                    <td>
                      <span className={`kind-tag kind-tag--${e.entry.kind}`}>{KIND_LABEL[e.entry.kind]}</span>
                    </td>
                    <td>
                      <span className="review-entry__text">
                        {amended && <span className="visually-hidden">Corrected: </span>}
                        {row.text}
                      </span>
                      {row.corrects && (
                        <span className="review-table__sub">
                          Correction of #{row.corrects.eventId}: {row.corrects.reason}
                        </span>
                      )}
                      {amended && <span className="review-table__sub">Corrected by #{row.amendedBy}</span>}
                    </td>
                    <td>
                      {e.chartedBy}
                      {row.chartedLaterMs !== null && (
                        <span className="review-table__sub">charted {formatMoment(e.chartedAt, day)}</span>
                      )}
                    </td>
                    <td className="review-table__num">{e.id}</td>
                    <td className="no-print">
                      <button
                        type="button"
                        className="button button--quiet"
                        onClick={() => onShow(e.occurredAt)}
                        aria-label={`Show #${e.id} on the charts`}
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
