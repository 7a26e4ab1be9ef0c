// The ward screen's data as pure functions of what the server sent: one tile per monitored
// session, each replaced (never mutated) only when its own session changes, so a memoised
// tile re-renders only when something on it moved.
import {
  comparePriority,
  isMonitored,
  type Alarm,
  type AlarmEvent,
  type Priority,
  type Reading,
  type Session,
  type VitalCode,
} from '@infusion/shared';
import { applyAlarmEvent, sortAlarms, upsertAlarms } from '../alarms/alarmList';
import { mergePoints, type VitalPoint } from '../session/readingBuffer';

/** How much history a tile's trend lines show (the server sends as much on `ward:watch`). */
export const WARD_TREND_MS = 5 * 60_000;
/** Most points kept per vital and tile: 4 readings a second over the trend window. */
export const MAX_TREND_POINTS = 1_200;

export type TrendBuffers = Readonly<Partial<Record<VitalCode, readonly VitalPoint[]>>>;
export type LatestValues = Readonly<Partial<Record<VitalCode, VitalPoint>>>;

/** One chair on the ward screen. */
export interface WardTileData {
  session: Session;
  /** Recent history per vital, bounded by time and by points. */
  trends: TrendBuffers;
  /** Newest value per vital. */
  latest: LatestValues;
  /** When the newest reading of any vital was measured; null before the first. */
  newestAt: number | null;
  /** The session's alarms, most urgent first (see `sortAlarms`). */
  alarms: readonly Alarm[];
}

export interface WardData {
  tiles: ReadonlyMap<string, WardTileData>;
  /** Highest reading id seen: readings at or below it are known already. */
  lastReadingId: number;
}

/** What a tile needs of a reading. */
export type TrendReading = Pick<Reading, 'id' | 'sessionId' | 'vital' | 'value' | 'measuredAt'>;

/** What the ward's `ward:watch` answer carries, parsed. */
export interface WardSnapshot {
  sessions: readonly Session[];
  alarms: readonly Alarm[];
  readings: readonly TrendReading[];
}

/** Messages gathered between two renders. */
export interface PendingWardUpdates {
  readings: TrendReading[];
  alarmEvents: AlarmEvent[];
  sessions: Session[];
}

export function noWardUpdates(): PendingWardUpdates {
  return { readings: [], alarmEvents: [], sessions: [] };
}

export const EMPTY_WARD: WardData = { tiles: new Map(), lastReadingId: 0 };

/** A newly raised (or newly more urgent) alarm the ward screen should sound once for. */
export type Chime = Priority | null;

function emptyTile(session: Session): WardTileData {
  return { session, trends: {}, latest: {}, newestAt: null, alarms: [] };
}

function louder(a: Chime, b: Priority): Chime {
  return a === null || comparePriority(b, a) > 0 ? b : a;
}

/** Adds readings to one tile; returns the same tile when none were new. */
function addReadings(tile: WardTileData, readings: readonly TrendReading[], now: number): WardTileData {
  const incoming = new Map<VitalCode, VitalPoint[]>();
  for (const r of readings) {
    let list = incoming.get(r.vital);
    if (!list) incoming.set(r.vital, (list = []));
    list.push({ id: r.id, t: r.measuredAt, v: r.value });
  }
  const keepFrom = now - WARD_TREND_MS;
  const trends: Partial<Record<VitalCode, readonly VitalPoint[]>> = { ...tile.trends };
  const latest: Partial<Record<VitalCode, VitalPoint>> = { ...tile.latest };
  let newestAt = tile.newestAt;
  let changed = false;
  for (const [vital, points] of incoming) {
    const before = tile.trends[vital] ?? [];
    const merged = mergePoints(before, points, keepFrom, MAX_TREND_POINTS);
    if (merged.added === 0) continue;
    changed = true;
    trends[vital] = merged.points;
    for (const p of points) {
      const known = latest[vital];
      if (known === undefined || p.t > known.t || (p.t === known.t && p.id > known.id)) latest[vital] = p;
      if (newestAt === null || p.t > newestAt) newestAt = p.t;
    }
  }
  return changed ? { ...tile, trends, latest, newestAt } : tile;
}

function groupBySession(readings: readonly TrendReading[]): Map<string, TrendReading[]> {
  const groups = new Map<string, TrendReading[]>();
  for (const r of readings) {
    let list = groups.get(r.sessionId);
    if (!list) groups.set(r.sessionId, (list = []));
    list.push(r);
  }
  return groups;
}

function maxId(readings: readonly TrendReading[], from: number): number {
  let id = from;
  for (const r of readings) if (r.id > id) id = r.id;
  return id;
}

/**
 * The ward after a `ward:watch` answer, the first or one after a reconnect. The server's list
 * of sessions and alarms replaces the screen's; readings are merged into the trends already
 * shown. `chime` is the most urgent unacknowledged alarm the screen had not seen before
 * (none on the first answer: a screen just opened does not sound for what is already there).
 */
export function fromWardSnapshot(
  before: WardData,
  snapshot: WardSnapshot,
  now: number,
  first: boolean,
): { data: WardData; chime: Chime } {
  const knownAlarms = new Set<string>();
  for (const tile of before.tiles.values()) for (const a of tile.alarms) knownAlarms.add(a.id);
  const readings = groupBySession(snapshot.readings);
  const alarms = new Map<string, Alarm[]>();
  let chime: Chime = null;
  for (const a of snapshot.alarms) {
    let list = alarms.get(a.sessionId);
    if (!list) alarms.set(a.sessionId, (list = []));
    list.push(a);
    if (!first && !knownAlarms.has(a.id) && a.acknowledgedAt === null) chime = louder(chime, a.priority);
  }
  const tiles = new Map<string, WardTileData>();
  for (const session of snapshot.sessions) {
    if (!isMonitored(session.state)) continue;
    const previous = before.tiles.get(session.id) ?? emptyTile(session);
    const tile = addReadings({ ...previous, session }, readings.get(session.id) ?? [], now);
    tiles.set(session.id, { ...tile, alarms: sortAlarms(alarms.get(session.id) ?? []) });
  }
  return { data: { tiles, lastReadingId: maxId(snapshot.readings, before.lastReadingId) }, chime };
}

/**
 * Applies what arrived since the last render. Tiles nothing happened to stay the same
 * objects. A session that leaves monitoring (discharged, ended early) leaves the screen; one
 * that starts being monitored joins it.
 */
export function applyWardUpdates(
  data: WardData,
  updates: PendingWardUpdates,
  now: number,
): { data: WardData; chime: Chime } {
  if (updates.readings.length === 0 && updates.alarmEvents.length === 0 && updates.sessions.length === 0) {
    return { data, chime: null };
  }
  const tiles = new Map(data.tiles);
  for (const session of updates.sessions) {
    const known = tiles.get(session.id);
    if (!isMonitored(session.state)) tiles.delete(session.id);
    else tiles.set(session.id, known ? { ...known, session } : emptyTile(session));
  }
  for (const [sessionId, readings] of groupBySession(updates.readings)) {
    const tile = tiles.get(sessionId);
    if (tile) tiles.set(sessionId, addReadings(tile, readings, now));
  }
  let chime: Chime = null;
  for (const event of updates.alarmEvents) {
    const sessionId = event.alarm.sessionId;
    const tile = tiles.get(sessionId);
    if (!tile) continue;
    const alarms = applyAlarmEvent(tile.alarms, event, sessionId);
    if (alarms !== tile.alarms) tiles.set(sessionId, { ...tile, alarms });
    if ((event.type === 'raised' || event.type === 'priority-raised') && event.alarm.acknowledgedAt === null) {
      chime = louder(chime, event.alarm.priority);
    }
  }
  return { data: { tiles, lastReadingId: maxId(updates.readings, data.lastReadingId) }, chime };
}

/** Puts the server's answer to an acknowledgement on its tile at once, before the broadcast. */
export function upsertWardAlarm(data: WardData, alarm: Alarm): WardData {
  const tile = data.tiles.get(alarm.sessionId);
  if (!tile) return data;
  const alarms = upsertAlarms(tile.alarms, [alarm]);
  if (alarms === tile.alarms) return data;
  const tiles = new Map(data.tiles);
  tiles.set(alarm.sessionId, { ...tile, alarms });
  return { ...data, tiles };
}
