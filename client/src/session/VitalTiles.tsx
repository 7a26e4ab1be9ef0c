import { comparePriority, formatVital, VITALS, type Alarm, type Priority, type VitalCode } from '@infusion/shared';
import { oldestOf } from './dataAge';
import type { LiveSessionData } from './liveSessionState';
import { limitsSummary } from './thresholdBands';
import { SECONDARY_VITALS } from './vitalDisplay';
import { VitalTile } from './VitalTile';

/** The most urgent alarm priority on any of `vitals`. */
function alarmOn(alarms: readonly Alarm[], vitals: readonly VitalCode[]): Priority | null {
  let top: Priority | null = null;
  for (const a of alarms) {
    if (a.vital === null || !vitals.includes(a.vital)) continue;
    if (top === null || comparePriority(a.priority, top) > 0) top = a.priority;
  }
  return top;
}

type TileData = Pick<LiveSessionData, 'latest' | 'alarms' | 'profile'>;

function SingleTile({
  code,
  data,
  tone,
  size,
}: {
  code: VitalCode;
  data: TileData;
  tone: string;
  size?: 'large' | 'small';
}) {
  const reading = data.latest[code];
  const info = VITALS[code];
  return (
    <VitalTile
      code={code}
      label={info.label}
      unit={info.unit}
      tone={tone}
      value={reading ? formatVital(code, reading.value) : null}
      measuredAt={reading?.measuredAt ?? null}
      alarmPriority={alarmOn(data.alarms, [code])}
      limits={limitsSummary(data.profile.vitals[code])}
      size={size}
    />
  );
}

function BloodPressureTile({ data }: { data: TileData }) {
  const sbp = data.latest.sbp;
  const dbp = data.latest.dbp;
  const map = data.latest.map;
  const value =
    sbp || dbp ? (
      <>
        <span className="vital-tile__systolic">{sbp ? formatVital('sbp', sbp.value) : '—'}</span>
        <span className="vital-tile__slash">/</span>
        <span className="vital-tile__diastolic" data-testid="vital-value-dbp">
          {dbp ? formatVital('dbp', dbp.value) : '—'}
        </span>
      </>
    ) : null;
  const sbpLimits = limitsSummary(data.profile.vitals.sbp);
  const dbpLimits = limitsSummary(data.profile.vitals.dbp);
  return (
    <VitalTile
      code="sbp"
      label="BP"
      unit="mmHg"
      tone="bp"
      value={value}
      measuredAt={
        oldestOf(sbp?.measuredAt ?? null, dbp?.measuredAt ?? null) ?? sbp?.measuredAt ?? dbp?.measuredAt ?? null
      }
      alarmPriority={alarmOn(data.alarms, ['sbp', 'dbp', 'map'])}
      aside={
        map ? (
          <span className="vital-tile__mean" title="Mean arterial pressure">
            MAP <span data-testid="vital-value-map">{formatVital('map', map.value)}</span>
          </span>
        ) : null
      }
      limits={[sbpLimits, dbpLimits].filter(Boolean).join(' / ') || null}
    />
  );
}

/** One of the four big numbers: HR, BP, SpO2, RR. */
export function PrimaryTile({ kind, data }: { kind: 'hr' | 'bp' | 'spo2' | 'rr'; data: TileData }) {
  return kind === 'bp' ? <BloodPressureTile data={data} /> : <SingleTile code={kind} data={data} tone={kind} />;
}

/** Small tiles for the other vitals this session has readings of (EtCO2, temperature, MOAA/S). */
export function SecondaryTiles({ data }: { data: TileData }) {
  const present = SECONDARY_VITALS.filter((code) => data.latest[code] !== undefined);
  if (present.length === 0) return null;
  return (
    <div className="secondary-tiles">
      {present.map((code) => (
        <SingleTile key={code} code={code} data={data} tone="secondary" size="small" />
      ))}
    </div>
  );
}
