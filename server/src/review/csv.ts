import { stringify } from 'csv-stringify/sync';
import { VITALS, describeEntry, type AlarmEvent, type ClinicalEvent, type Reading } from '@infusion/shared';

const iso = (ms: number): string => new Date(ms).toISOString();

export const READINGS_CSV_HEADER = [
  'reading_id',
  'measured_at',
  'vital',
  'value',
  'unit',
  'loinc',
  'source',
  'entered_by',
  'device_id',
  'seq',
  'received_at',
] as const;

/** Readings as CSV, one row per reading, yielded in chunks so a long session streams. */
export function* readingsCsv(readings: Iterable<Reading>): Generator<string> {
  yield stringify([READINGS_CSV_HEADER as unknown as string[]]);
  let chunk: unknown[][] = [];
  for (const r of readings) {
    const info = VITALS[r.vital];
    chunk.push([
      r.id,
      iso(r.measuredAt),
      r.vital,
      r.value,
      info.ucum,
      info.loinc ?? '',
      r.source,
      r.enteredBy ?? '',
      r.deviceId ?? '',
      r.seq ?? '',
      iso(r.receivedAt),
    ]);
    if (chunk.length >= 1000) {
      yield stringify(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) yield stringify(chunk);
}

/** Alarm events and charted entries on one timeline, as CSV. */
export function eventsCsv(alarmEvents: readonly AlarmEvent[], clinical: readonly ClinicalEvent[]): string {
  const rows: (string | number)[][] = [];
  for (const e of alarmEvents) {
    rows.push([iso(e.at), 'alarm', e.type, e.alarm.priority, e.alarm.message, e.by ?? '', '', e.alarm.id]);
  }
  for (const e of clinical) {
    rows.push([
      iso(e.occurredAt),
      e.entry.kind,
      e.amends ? 'correction' : 'charted',
      e.entry.kind === 'side-effect' ? e.entry.severity : '',
      describeEntry(e.entry) + (e.amends ? ` (corrects #${e.amends.eventId}: ${e.amends.reason})` : ''),
      e.chartedBy,
      iso(e.chartedAt),
      String(e.id),
    ]);
  }
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return stringify([
    ['time', 'kind', 'event', 'priority_or_severity', 'description', 'by', 'charted_at', 'id'],
    ...rows,
  ]);
}
