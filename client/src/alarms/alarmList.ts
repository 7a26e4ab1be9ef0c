import { comparePriority, type Alarm, type AlarmEvent, type Priority } from '@infusion/shared';

/** The IEC 60601-1-8 prefix a nurse reads before the message. */
export const PRIORITY_PREFIX: Readonly<Record<Priority, string>> = { high: '***', medium: '**', low: '*' };

/** The alarm bar's order: most urgent first, then the newest. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  return comparePriority(b.priority, a.priority) || b.raisedAt - a.raisedAt || a.id.localeCompare(b.id);
}

export function sortAlarms(alarms: readonly Alarm[]): Alarm[] {
  return [...alarms].sort(compareAlarms);
}

/**
 * The session's alarm list after one event: a cleared alarm leaves the bar, any other event
 * carries the alarm as it now stands. Events for other sessions are ignored.
 */
export function applyAlarmEvent(alarms: readonly Alarm[], event: AlarmEvent, sessionId: string): readonly Alarm[] {
  if (event.alarm.sessionId !== sessionId) return alarms;
  const others = alarms.filter((a) => a.id !== event.alarm.id);
  if (event.type === 'cleared') return others.length === alarms.length ? alarms : others;
  return sortAlarms([...others, event.alarm]);
}

/** Replaces alarms in the list by the versions the server sent back (after a pause, say). */
export function upsertAlarms(alarms: readonly Alarm[], updated: readonly Alarm[]): readonly Alarm[] {
  if (updated.length === 0) return alarms;
  const byId = new Map(alarms.map((a) => [a.id, a]));
  for (const a of updated) if (byId.has(a.id)) byId.set(a.id, a);
  return sortAlarms([...byId.values()]);
}
