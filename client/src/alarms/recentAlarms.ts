import type { Alarm, AlarmEvent } from '@infusion/shared';

/** How far back the live view lists cleared alarms. */
export const RECENT_ALARMS_MS = 60 * 60_000;

/** An alarm that has cleared: as it stood when it cleared, and when. */
export interface RecentAlarm {
  alarm: Alarm;
  clearedAt: number;
}

/** Adds events to a list without duplicates (the same event from the fetch and the socket). */
export function mergeAlarmEvents(events: readonly AlarmEvent[], more: readonly AlarmEvent[]): AlarmEvent[] {
  const key = (e: AlarmEvent) => `${e.alarm.id}|${e.type}|${e.at}`;
  const seen = new Set(events.map(key));
  const merged = [...events];
  for (const e of more) {
    if (seen.has(key(e))) continue;
    seen.add(key(e));
    merged.push(e);
  }
  return merged;
}

/** The session's alarms that cleared within `windowMs` before `now`, newest first. */
export function recentAlarms(
  events: readonly AlarmEvent[],
  sessionId: string,
  now: number,
  windowMs = RECENT_ALARMS_MS,
): RecentAlarm[] {
  const byAlarm = new Map<string, RecentAlarm>();
  for (const e of events) {
    if (e.type !== 'cleared' || e.alarm.sessionId !== sessionId || e.at < now - windowMs) continue;
    const seen = byAlarm.get(e.alarm.id);
    if (!seen || e.at > seen.clearedAt) byAlarm.set(e.alarm.id, { alarm: e.alarm, clearedAt: e.at });
  }
  return [...byAlarm.values()].sort((a, b) => b.clearedAt - a.clearedAt);
}
