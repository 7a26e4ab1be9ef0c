// The live view's data as pure functions of what the server sent, so the merge rules are
// testable without a socket or a screen.
import type {
  Alarm,
  AlarmEvent,
  ClinicalEvent,
  Reading,
  Session,
  SessionSnapshot,
  ThresholdProfile,
  VitalCode,
} from '@infusion/shared';
import { applyAlarmEvent, sortAlarms } from '../alarms/alarmList';
import { mergeClinicalEvents } from './chartMarkers';
import { CHART_WINDOW_MS, mergePoints, type VitalPoint } from './readingBuffer';

export type VitalBuffers = Readonly<Partial<Record<VitalCode, readonly VitalPoint[]>>>;
export type LatestReadings = Readonly<Partial<Record<VitalCode, Reading>>>;

/** Everything the live session view draws. Replaced, never mutated, on each update. */
export interface LiveSessionData {
  session: Session;
  profile: ThresholdProfile;
  /** Chart history per vital, bounded by time and by points. */
  buffers: VitalBuffers;
  /** Newest reading per vital, kept even once it has scrolled off the chart. */
  latest: LatestReadings;
  alarms: readonly Alarm[];
  /** Side effects, scores, interventions and state changes charted (the newest few hundred). */
  clinicalEvents: readonly ClinicalEvent[];
  /** Highest reading id seen: where a catch-up after a reconnect starts. */
  lastReadingId: number;
  /** Right edge of the charts: the server's time at the last update. */
  windowEnd: number;
}

/** Messages gathered between two renders. */
export interface PendingUpdates {
  readings: Reading[];
  alarmEvents: AlarmEvent[];
  clinicalEvents: ClinicalEvent[];
  session: Session | null;
}

export function noUpdates(): PendingUpdates {
  return { readings: [], alarmEvents: [], clinicalEvents: [], session: null };
}

function isNewer(a: Reading, than: Reading | undefined): boolean {
  return than === undefined || a.measuredAt > than.measuredAt || (a.measuredAt === than.measuredAt && a.id > than.id);
}

interface ReadingsPart {
  buffers: VitalBuffers;
  latest: LatestReadings;
  lastReadingId: number;
  added: number;
}

function addReadings(
  part: Omit<ReadingsPart, 'added'>,
  sessionId: string,
  readings: readonly Reading[],
  now: number,
): ReadingsPart {
  const incoming = new Map<VitalCode, VitalPoint[]>();
  const latest: Partial<Record<VitalCode, Reading>> = { ...part.latest };
  let lastReadingId = part.lastReadingId;
  for (const r of readings) {
    if (r.sessionId !== sessionId) continue;
    let list = incoming.get(r.vital);
    if (!list) incoming.set(r.vital, (list = []));
    list.push({ id: r.id, t: r.measuredAt, v: r.value });
    if (isNewer(r, latest[r.vital])) latest[r.vital] = r;
    lastReadingId = Math.max(lastReadingId, r.id);
  }
  const keepFrom = now - CHART_WINDOW_MS;
  const buffers: Partial<Record<VitalCode, readonly VitalPoint[]>> = {};
  let added = 0;
  const vitals = new Set<VitalCode>([...(Object.keys(part.buffers) as VitalCode[]), ...incoming.keys()]);
  for (const vital of vitals) {
    const merged = mergePoints(part.buffers[vital] ?? [], incoming.get(vital) ?? [], keepFrom);
    buffers[vital] = merged.points;
    added += merged.added;
  }
  return { buffers, latest, lastReadingId, added };
}

/** The first picture of a session, from the answer to `session:watch`. */
export function fromSnapshot(snapshot: SessionSnapshot, now: number): LiveSessionData {
  const part = addReadings({ buffers: {}, latest: {}, lastReadingId: 0 }, snapshot.session.id, snapshot.readings, now);
  return {
    session: snapshot.session,
    profile: snapshot.profile,
    buffers: part.buffers,
    latest: part.latest,
    lastReadingId: part.lastReadingId,
    alarms: sortAlarms(snapshot.alarms.filter((a) => a.sessionId === snapshot.session.id)),
    clinicalEvents: mergeClinicalEvents([], ofSession(snapshot.clinicalEvents, snapshot.session.id)),
    windowEnd: now,
  };
}

function ofSession(events: readonly ClinicalEvent[], sessionId: string): ClinicalEvent[] {
  return events.filter((e) => e.sessionId === sessionId);
}

/**
 * After a reconnect: the catch-up snapshot fills in the readings missed while away and
 * replaces the session, its limits and its alarms with the server's current view.
 * `filled` counts the readings that were new to this screen.
 */
export function mergeSnapshot(
  data: LiveSessionData,
  snapshot: SessionSnapshot,
  now: number,
): { data: LiveSessionData; filled: number } {
  const part = addReadings(data, data.session.id, snapshot.readings, now);
  return {
    data: {
      session: snapshot.session,
      profile: snapshot.profile,
      buffers: part.buffers,
      latest: part.latest,
      lastReadingId: part.lastReadingId,
      alarms: sortAlarms(snapshot.alarms.filter((a) => a.sessionId === data.session.id)),
      clinicalEvents: mergeClinicalEvents(data.clinicalEvents, ofSession(snapshot.clinicalEvents, data.session.id)),
      windowEnd: now,
    },
    filled: part.added,
  };
}

/** Applies what arrived since the last render, and moves the chart window to `now`. */
export function applyUpdates(data: LiveSessionData, updates: PendingUpdates, now: number): LiveSessionData {
  const sessionId = data.session.id;
  const part = addReadings(data, sessionId, updates.readings, now);
  let alarms = data.alarms;
  for (const event of updates.alarmEvents) alarms = applyAlarmEvent(alarms, event, sessionId);
  const session = updates.session && updates.session.id === sessionId ? updates.session : data.session;
  return {
    ...data,
    session,
    buffers: part.buffers,
    latest: part.latest,
    lastReadingId: part.lastReadingId,
    alarms,
    clinicalEvents: mergeClinicalEvents(data.clinicalEvents, ofSession(updates.clinicalEvents, sessionId)),
    windowEnd: now,
  };
}
