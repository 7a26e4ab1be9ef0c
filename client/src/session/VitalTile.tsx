import type { Priority } from '@infusion/shared';
import type { ReactNode } from 'react';
import { useConnectionView, useServerNow } from '../connection/ConnectionContext';
import { freshnessLabel, vitalFreshness } from './dataAge';

export interface VitalTileProps {
  /** Vital code used in test ids: `vital-${code}`, `vital-value-${code}`. */
  code: string;
  label: string;
  unit: string;
  /** Colour family: hr, bp, spo2, rr or secondary. */
  tone: string;
  /** The number(s) to show; null when there is no reading. */
  value: ReactNode | null;
  /** When the shown value was measured (the older one, for a pair): decides its age. */
  measuredAt: number | null;
  /** The most urgent alarm on this vital, to outline the tile in its colour. */
  alarmPriority: Priority | null;
  limits: string | null;
  /** Shown under the value, outside its test id (the mean pressure under "142/88"). */
  aside?: ReactNode;
  size?: 'large' | 'small';
}

/**
 * A vital's current value with its age. A value that is old, or shown while the connection
 * is not live, is greyed and struck through and labelled STALE: it must never look live.
 */
export function VitalTile({
  code,
  label,
  unit,
  tone,
  value,
  measuredAt,
  alarmPriority,
  limits,
  aside,
  size = 'large',
}: VitalTileProps) {
  const now = useServerNow();
  const { status } = useConnectionView();
  const freshness = vitalFreshness(measuredAt, now, status === 'live');
  const stale = freshness.kind === 'stale';
  const classes = [
    'vital-tile',
    `vital-tile--${tone}`,
    `vital-tile--${size}`,
    stale ? 'is-stale' : '',
    freshness.kind === 'none' ? 'is-empty' : '',
    alarmPriority ? `vital-tile--alarm-${alarmPriority}` : '',
  ].join(' ');
  return (
    <section className={classes} data-testid={`vital-${code}`} data-fresh={freshness.kind} aria-label={label}>
      <header className="vital-tile__head">
        <span className="vital-tile__label">{label}</span>
        <span className="vital-tile__unit">{unit}</span>
        {limits && (
          <span className="vital-tile__limits" title="Alarm limits">
            {limits}
          </span>
        )}
      </header>
      <div className="vital-tile__value" data-testid={`vital-value-${code}`}>
        {value ?? '—'}
      </div>
      <footer className="vital-tile__foot">
        {aside}
        {stale ? (
          <span className="vital-tile__age vital-tile__age--stale" data-testid="stale">
            {freshnessLabel(freshness)}
            {freshness.reason === 'connection' && <span className="visually-hidden"> (connection lost)</span>}
          </span>
        ) : (
          <span className="vital-tile__age" data-testid={freshness.kind === 'none' ? 'no-data' : 'data-age'}>
            {freshnessLabel(freshness)}
          </span>
        )}
      </footer>
    </section>
  );
}
