import { AlarmEvent, AuditEntry, ClinicalEvent, Session, ThresholdProfile } from '@infusion/shared';
import { z } from 'zod';
import { getJson } from '../api/http';
import { SeriesSchema, SessionSummarySchema, type Series } from './wire';
import type { SearchQuery } from './search';

const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/** Past (and current) sessions matching the reviewer's search, newest first. */
export function searchSessions(query: SearchQuery, signal?: AbortSignal): Promise<Session[]> {
  const params = new URLSearchParams();
  if (query.patient) params.set('patient', query.patient);
  if (query.from !== null) params.set('from', String(query.from));
  if (query.to !== null) params.set('to', String(query.to));
  if (query.hadHighAlarm) params.set('hadHighAlarm', 'true');
  const qs = params.toString();
  return getJson(`/api/review/sessions${qs ? `?${qs}` : ''}`, z.array(Session), signal);
}

/** Every vital between `from` and `to`, at most `maxPoints` points each (exact when fewer readings). */
export function fetchSeries(
  id: string,
  range: { from: number; to: number } | null,
  maxPoints: number,
  signal?: AbortSignal,
): Promise<Series> {
  const params = new URLSearchParams({ maxPoints: String(maxPoints) });
  if (range) {
    params.set('from', String(Math.floor(range.from)));
    params.set('to', String(Math.ceil(range.to)));
  }
  return getJson(`${sessionPath(id)}/series?${params.toString()}`, SeriesSchema, signal);
}

/** Everything the review page shows besides the charts, loaded together. */
export interface SessionRecord {
  session: Session;
  profile: ThresholdProfile;
  summary: z.infer<typeof SessionSummarySchema>;
  alarmEvents: AlarmEvent[];
  clinicalEvents: ClinicalEvent[];
  audit: AuditEntry[];
}

export async function fetchSessionRecord(id: string, signal?: AbortSignal): Promise<SessionRecord> {
  const path = sessionPath(id);
  const [session, profile, summary, alarmEvents, clinicalEvents, audit] = await Promise.all([
    getJson(path, Session, signal),
    getJson(`${path}/profile`, ThresholdProfile, signal),
    getJson(`${path}/summary`, SessionSummarySchema, signal),
    getJson(`${path}/alarm-events`, z.array(AlarmEvent), signal),
    getJson(`${path}/events`, z.array(ClinicalEvent), signal),
    getJson(`${path}/audit`, z.array(AuditEntry), signal),
  ]);
  return { session, profile, summary, alarmEvents, clinicalEvents, audit };
}

/** The three downloads, each a file the server names. */
export function exportLinks(id: string): { label: string; href: string; testId: string }[] {
  const path = `${sessionPath(id)}/export`;
  return [
    { label: 'Readings (CSV)', href: `${path}/readings.csv`, testId: 'export-readings-csv' },
    { label: 'Events (CSV)', href: `${path}/events.csv`, testId: 'export-events-csv' },
    { label: 'FHIR R4 Bundle', href: `${path}/fhir.json`, testId: 'export-fhir' },
  ];
}
