import type { Alarm, AlarmEvent } from '@infusion/shared';
import { sortAlarms } from './alarmList';

/** Whether an alarm is an unanswered escalation the whole ward must see. */
export function isOpenEscalation(alarm: Alarm): boolean {
  return alarm.escalatedAt !== null && alarm.acknowledgedAt === null;
}

/**
 * The ward's open escalations after an alarm event from any session: an acknowledged or
 * cleared alarm leaves the list, an escalated one joins it, any other known one is updated.
 */
export function applyToEscalations(list: readonly Alarm[], event: AlarmEvent): readonly Alarm[] {
  const known = list.some((a) => a.id === event.alarm.id);
  const open = event.type !== 'cleared' && isOpenEscalation(event.alarm);
  if (!known && !open) return list;
  const others = list.filter((a) => a.id !== event.alarm.id);
  return open ? sortAlarms([...others, event.alarm]) : others;
}
