import { comparePriority, formatVital, VITALS, type Alarm, type Priority, type VitalCode } from '@infusion/shared';
import { memo, useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { PRIORITY_PREFIX } from '../alarms/alarmList';
import { useConnectionView, useServerNow } from '../connection/ConnectionContext';
import { freshnessLabel, oldestOf, vitalFreshness } from '../session/dataAge';
import type { VitalPoint } from '../session/readingBuffer';
import { VITAL_COLOUR } from '../session/vitalDisplay';
import { formatElapsed, isOverrun, STATE_LABEL } from '../sessions/sessionTiming';
import { formatClock } from '../time/format';
import { Sparkline, type SparkLine } from './Sparkline';
import { useStale } from './useStale';
import { alarmRank, RANK, topAlarm } from './wardOrder';
import { WARD_TREND_MS, type WardTileData } from './wardState';
import type { AckStatus } from './wardStore';

type TileVital = 'hr' | 'bp' | 'spo2' | 'rr';

/** Smallest span a trend line is drawn over, so monitor noise stays small. */
const MIN_SPAN: Readonly<Record<TileVital, number>> = { hr: 20, bp: 30, spo2: 6, rr: 8 };
const TILE_VITALS: readonly TileVital[] = ['hr', 'spo2', 'bp', 'rr'];
const ALARM_VITALS: Readonly<Record<TileVital, readonly VitalCode[]>> = {
  hr: ['hr'],
  bp: ['sbp', 'dbp', 'map'],
  spo2: ['spo2'],
  rr: ['rr'],
};
const NO_POINTS: readonly VitalPoint[] = [];
const PRIORITY_WORD = { high: 'High priority', medium: 'Medium priority', low: 'Low priority' } as const;

/** The most urgent alarm priority on any of `vitals` whose condition holds, acknowledged or not. */
function alarmOn(alarms: readonly Alarm[], vitals: readonly VitalCode[]): Priority | null {
  let top: Priority | null = null;
  for (const a of alarms) {
    if (a.vital === null || !vitals.includes(a.vital) || a.state === 'latched') continue;
    if (top === null || comparePriority(a.priority, top) > 0) top = a.priority;
  }
  return top;
}

/** The alarm colour: low-priority technical alarms are cyan, other lows yellow (IEC 60601-1-8). */
function alarmColour(alarm: Alarm): string {
  return alarm.priority === 'low' && alarm.kind === 'technical' ? 'technical' : alarm.priority;
}

export interface WardTileProps {
  tile: WardTileData;
  /** Whether the tile is the grid's one Tab stop (roving focus). */
  tabbable: boolean;
  ack: AckStatus | undefined;
  onAcknowledge: (sessionId: string) => void;
}

/**
 * One chair: patient, infusion state and time, the four big numbers with their trend lines,
 * the age of the newest reading, and the session's most urgent alarm by colour, with its
 * Acknowledge button. The chair and patient name open the session's live view; the link
 * covers the whole tile (see `.ward-tile__open::after`).
 */
export const WardTile = memo(function WardTile({ tile, tabbable, ack, onAcknowledge }: WardTileProps) {
  const { session, alarms } = tile;
  const id = useId();
  const stale = useStale(tile.newestAt);
  const top = topAlarm(alarms);
  const rank = top === null ? RANK.none : alarmRank(top);
  const state =
    top === null
      ? 'none'
      : rank === RANK.acknowledged
        ? 'acknowledged'
        : rank === RANK.latched
          ? 'latched'
          : 'unacknowledged';
  const classes = [
    'ward-tile',
    top ? `ward-tile--${alarmColour(top)}` : 'ward-tile--quiet',
    `ward-tile--${state}`,
    stale ? 'is-stale' : '',
    tile.newestAt === null ? 'is-empty' : '',
  ].join(' ');
  const to = tile.newestAt ?? 0;
  return (
    <li
      className={classes}
      data-testid="ward-tile"
      data-session-id={session.id}
      data-rank={rank}
      data-alarm={state}
      data-priority={top?.priority ?? 'none'}
      data-stale={stale}
    >
      <header className="ward-tile__head">
        <Link
          to={`/sessions/${encodeURIComponent(session.id)}`}
          className="ward-tile__open"
          tabIndex={tabbable ? 0 : -1}
          data-ward-tile-link=""
          aria-describedby={`${id}-alarm ${id}-age`}
          aria-keyshortcuts="A"
        >
          <span className="ward-tile__chair">{session.location}</span>{' '}
          <span className="ward-tile__patient">{session.patient.displayName}</span>
        </Link>
        <span className={`state-badge state-badge--${session.state}`}>{STATE_LABEL[session.state]}</span>
        <Elapsed session={session} />
      </header>
      <TileAlarm id={`${id}-alarm`} alarms={alarms} top={top} ack={ack} onAcknowledge={onAcknowledge} />
      <div className="ward-tile__vitals">
        {TILE_VITALS.map((kind) => (
          <WardVital key={kind} kind={kind} tile={tile} priority={alarmOn(alarms, ALARM_VITALS[kind])} to={to} />
        ))}
      </div>
      <footer className="ward-tile__foot">
        <TileAge id={`${id}-age`} newestAt={tile.newestAt} />
      </footer>
    </li>
  );
});

function Elapsed({ session }: { session: WardTileData['session'] }) {
  const now = useServerNow();
  return (
    <span className={isOverrun(session, now) ? 'ward-tile__time ward-tile__time--over' : 'ward-tile__time'}>
      {formatElapsed(session, now)}
    </span>
  );
}

function TileAlarm({
  id,
  alarms,
  top,
  ack,
  onAcknowledge,
}: {
  id: string;
  alarms: readonly Alarm[];
  top: Alarm | null;
  ack: AckStatus | undefined;
  onAcknowledge: (sessionId: string) => void;
}) {
  const { status } = useConnectionView();
  if (top === null) {
    return (
      <div id={id} className="ward-tile__alarm ward-tile__alarm--quiet" data-testid="ward-tile-alarm">
        {status === 'live' ? 'No alarms' : 'Alarm state unknown'}
      </div>
    );
  }
  const more = alarms.length - 1;
  const acknowledged = top.acknowledgedAt !== null;
  return (
    <div id={id} className="ward-tile__alarm" data-testid="ward-tile-alarm">
      <span className="ward-tile__alarm-text">
        <span className="ward-tile__prefix" aria-hidden="true">
          {PRIORITY_PREFIX[top.priority]}
        </span>
        <span className="visually-hidden">{PRIORITY_WORD[top.priority]}: </span> {top.message}
        {top.state === 'latched' && <span className="ward-tile__latched"> · ended</span>}
        {more > 0 && <span className="ward-tile__more"> +{more}</span>}
      </span>
      {acknowledged ? (
        <span className="ward-tile__acked">
          Ack&rsquo;d <span className="ward-tile__acked-by">{top.acknowledgedBy ?? ''} </span>
          {top.acknowledgedAt !== null && formatClock(top.acknowledgedAt)}
        </span>
      ) : (
        <button
          type="button"
          className="button button--alarm ward-tile__ack"
          disabled={ack?.kind === 'busy'}
          aria-label={`Acknowledge ${top.message}`}
          onClick={() => onAcknowledge(top.sessionId)}
        >
          {ack?.kind === 'busy' ? (
            '…'
          ) : (
            <>
              <span className="ward-tile__ack-long">Acknowledge</span>
              <span className="ward-tile__ack-short">Ack</span>
            </>
          )}
        </button>
      )}
      {ack?.kind === 'error' && (
        <span className="ward-tile__error" role="alert">
          {ack.message}
        </span>
      )}
    </div>
  );
}

function TileAge({ id, newestAt }: { id: string; newestAt: number | null }) {
  const now = useServerNow();
  const { status } = useConnectionView();
  const freshness = vitalFreshness(newestAt, now, status === 'live');
  const label = freshnessLabel(freshness);
  if (freshness.kind === 'stale') {
    return (
      <span id={id} className="ward-tile__age ward-tile__age--stale" data-testid="ward-tile-age">
        {label}
        {freshness.reason === 'connection' && <span className="visually-hidden"> (connection lost)</span>}
      </span>
    );
  }
  return (
    <span id={id} className="ward-tile__age" data-testid="ward-tile-age">
      {freshness.kind === 'live' ? `Newest reading ${label}` : label}
    </span>
  );
}

const WardVital = memo(function WardVital({
  kind,
  tile,
  priority,
  to,
}: {
  kind: TileVital;
  tile: WardTileData;
  priority: Priority | null;
  to: number;
}) {
  if (kind === 'bp') return <BloodPressure tile={tile} priority={priority} to={to} />;
  const point = tile.latest[kind];
  return (
    <VitalCell
      kind={kind}
      label={VITALS[kind].label}
      unit={VITALS[kind].unit}
      measuredAt={point?.t ?? null}
      priority={priority}
      value={point ? formatVital(kind, point.v) : null}
      lines={[{ key: kind, colour: VITAL_COLOUR[kind], points: tile.trends[kind] ?? NO_POINTS }]}
      to={to}
    />
  );
});

function BloodPressure({ tile, priority, to }: { tile: WardTileData; priority: Priority | null; to: number }) {
  const { sbp, dbp } = tile.latest;
  const value =
    sbp || dbp ? (
      <>
        {sbp ? formatVital('sbp', sbp.v) : '—'}
        <span className="ward-vital__slash">/</span>
        <span className="ward-vital__diastolic">{dbp ? formatVital('dbp', dbp.v) : '—'}</span>
      </>
    ) : null;
  return (
    <VitalCell
      kind="bp"
      label="BP"
      unit="mmHg"
      measuredAt={oldestOf(sbp?.t ?? null, dbp?.t ?? null) ?? sbp?.t ?? dbp?.t ?? null}
      priority={priority}
      value={value}
      lines={[
        { key: 'sbp', colour: VITAL_COLOUR.sbp, points: tile.trends.sbp ?? NO_POINTS },
        { key: 'dbp', colour: VITAL_COLOUR.dbp, points: tile.trends.dbp ?? NO_POINTS },
      ]}
      to={to}
    />
  );
}

function VitalCell({
  kind,
  label,
  unit,
  measuredAt,
  priority,
  value,
  lines,
  to,
}: {
  kind: TileVital;
  label: string;
  unit: string;
  measuredAt: number | null;
  priority: Priority | null;
  value: ReactNode | null;
  lines: readonly SparkLine[];
  to: number;
}) {
  const stale = useStale(measuredAt);
  const classes = [
    'ward-vital',
    `ward-vital--${kind}`,
    priority ? `ward-vital--alarm-${priority}` : '',
    stale ? 'is-stale' : '',
  ].join(' ');
  return (
    <div className={classes} data-testid={`ward-vital-${kind}`} data-stale={stale}>
      <span className="ward-vital__label">
        {label} <span className="ward-vital__unit">{unit}</span>
      </span>
      <span className="ward-vital__value" data-testid={`ward-value-${kind}`}>
        {value ?? '—'}
        {stale && <span className="visually-hidden"> (not live)</span>}
      </span>
      <Sparkline lines={lines} from={to - WARD_TREND_MS} to={to} minSpan={MIN_SPAN[kind]} />
    </div>
  );
}
