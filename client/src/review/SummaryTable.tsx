import { VITAL_CODES, VITALS } from '@infusion/shared';
import type { SessionRecord } from './api';
import { formatSeconds } from './format';

const ORDER = new Map(VITAL_CODES.map((code, i) => [code, i]));

function fixed(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Per vital: readings, lowest, highest, mean, baseline, time beyond the limits; then the alarms. */
export function SummaryTable({ summary }: { summary: SessionRecord['summary'] }) {
  const vitals = [...summary.vitals].sort((a, b) => (ORDER.get(a.vital) ?? 0) - (ORDER.get(b.vital) ?? 0));
  const { high, medium, low } = summary.alarmsByPriority;
  return (
    <section className="review-section" aria-labelledby="summary-title" data-testid="review-summary">
      <h2 id="summary-title">Summary</h2>
      <div className="review-table-wrap">
        <table className="review-table review-table--summary">
          <thead>
            <tr>
              <th scope="col">Vital</th>
              <th scope="col">Unit</th>
              <th scope="col" className="review-table__num">
                Readings
              </th>
              <th scope="col" className="review-table__num">
                Min
              </th>
              <th scope="col" className="review-table__num">
                Max
              </th>
              <th scope="col" className="review-table__num">
                Mean
              </th>
              <th scope="col" className="review-table__num">
                Baseline
              </th>
              <th scope="col" className="review-table__num">
                Beyond medium limits
              </th>
              <th scope="col" className="review-table__num">
                Beyond high limits
              </th>
            </tr>
          </thead>
          <tbody>
            {vitals.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No readings were recorded.
                </td>
              </tr>
            )}
            {vitals.map((v) => {
              const info = VITALS[v.vital];
              return (
                <tr key={v.vital} data-testid="summary-row" data-vital={v.vital}>
                  <th scope="row">
                    {info.label}
                    <span className="review-table__sub">{info.name}</span>
                  </th>
                  <td>{info.unit}</td>
                  <td className="review-table__num">{v.count}</td>
                  <td className="review-table__num">{fixed(v.min, info.decimals)}</td>
                  <td className="review-table__num">{fixed(v.max, info.decimals)}</td>
                  <td className="review-table__num">{fixed(v.mean, info.decimals + 1)}</td>
                  <td className="review-table__num">{v.baseline === null ? '–' : fixed(v.baseline, info.decimals)}</td>
                  <td className={`review-table__num${v.secondsBeyondMedium > 0 ? ' review-table__beyond' : ''}`}>
                    {formatSeconds(v.secondsBeyondMedium)}
                  </td>
                  <td className={`review-table__num${v.secondsBeyondHigh > 0 ? ' review-table__beyond--high' : ''}`}>
                    {formatSeconds(v.secondsBeyondHigh)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <dl className="review-facts" data-testid="alarm-summary">
        <div>
          <dt>Alarms by priority</dt>
          <dd>
            <span className="priority-tag priority-tag--high">{high} high</span>{' '}
            <span className="priority-tag priority-tag--medium">{medium} medium</span>{' '}
            <span className="priority-tag priority-tag--low">{low} low</span>
          </dd>
        </div>
        <div>
          <dt>Median time to acknowledge</dt>
          <dd>
            {summary.medianSecondsToAcknowledge === null
              ? 'no alarm was acknowledged'
              : `${formatSeconds(summary.medianSecondsToAcknowledge)} (${summary.acknowledgedCount} acknowledged)`}
          </dd>
        </div>
      </dl>
      <p className="muted review-note">
        Time beyond a limit counts from each reading to the next, at most 10 s, so a gap in the data is not counted as
        time in alarm. Baseline: mean of the readings before the infusion started.
      </p>
    </section>
  );
}
