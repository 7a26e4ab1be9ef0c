// Which tile comes first on the ward screen, and which alarm a tile shows and acknowledges.
import type { Alarm, Session } from '@infusion/shared';
import { byLocation } from '../sessions/sessionTiming';

/**
 * A tile's place in the ward order, most urgent first. Unacknowledged alarms come first by
 * priority; a latched alarm (its condition has ended, nobody has acknowledged it yet) comes
 * next, then alarms already acknowledged, then quiet tiles.
 */
export const RANK = {
  unacknowledgedHigh: 0,
  unacknowledgedMedium: 1,
  unacknowledgedLow: 2,
  latched: 3,
  acknowledged: 4,
  none: 5,
} as const;
export type Rank = (typeof RANK)[keyof typeof RANK];

const UNACKNOWLEDGED: Readonly<Record<Alarm['priority'], Rank>> = {
  high: RANK.unacknowledgedHigh,
  medium: RANK.unacknowledgedMedium,
  low: RANK.unacknowledgedLow,
};

const PRIORITY_ORDER: Readonly<Record<Alarm['priority'], number>> = { high: 0, medium: 1, low: 2 };

/** One alarm's rank. */
export function alarmRank(alarm: Alarm): Rank {
  if (alarm.acknowledgedAt !== null) return RANK.acknowledged;
  if (alarm.state === 'latched') return RANK.latched;
  return UNACKNOWLEDGED[alarm.priority];
}

/** Most urgent first: by rank, then priority, then the newest. */
function compareForTile(a: Alarm, b: Alarm): number {
  return (
    alarmRank(a) - alarmRank(b) ||
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
    b.raisedAt - a.raisedAt ||
    a.id.localeCompare(b.id)
  );
}

/** The alarm a tile shows, colours itself by and ranks by; null when the session is quiet. */
export function topAlarm(alarms: readonly Alarm[]): Alarm | null {
  let top: Alarm | null = null;
  for (const alarm of alarms) if (top === null || compareForTile(alarm, top) < 0) top = alarm;
  return top;
}

/** The alarm the tile's Acknowledge button (and the A key) acknowledges, if any waits. */
export function alarmToAcknowledge(alarms: readonly Alarm[]): Alarm | null {
  const top = topAlarm(alarms);
  return top !== null && top.acknowledgedAt === null ? top : null;
}

/** A tile's rank: its top alarm's, or `none`. */
export function tileRank(alarms: readonly Alarm[]): Rank {
  const top = topAlarm(alarms);
  return top === null ? RANK.none : alarmRank(top);
}

/** What the order needs of a tile. */
export interface Orderable {
  session: Session;
  alarms: readonly Alarm[];
}

/** The ward screen's order: most urgent alarm state first, then by chair as the ward walks it. */
export function orderTiles<T extends Orderable>(tiles: Iterable<T>): T[] {
  const ranked = [...tiles].map((tile) => ({ tile, rank: tileRank(tile.alarms) }));
  ranked.sort((a, b) => a.rank - b.rank || byLocation(a.tile.session, b.tile.session));
  return ranked.map((r) => r.tile);
}
