import type { Alarm, AlarmEvent } from '@infusion/shared';

/** One alarm's whole story, as the review's alarm log shows it. */
export interface AlarmLogRow {
  id: string;
  kind: Alarm['kind'];
  vital: Alarm['vital'];
  /** The message when it was raised, and when it last went up a priority (the worst it said). */
  message: string;
  worstMessage: string | null;
  /** Priority when raised, and the highest it reached. */
  raisedPriority: Alarm['priority'];
  priority: Alarm['priority'];
  raisedAt: number;
  priorityRaisedAt: number | null;
  escalatedAt: number | null;
  /** Every acknowledgement (an alarm that re-alerts at a crisis value is acknowledged again). */
  acknowledgements: { at: number; by: string | null; afterMs: number }[];
  audioPauses: number;
  conditionEndedAt: number | null;
  clearedAt: number | null;
}

const RANK = { low: 0, medium: 1, high: 2 } as const;

/**
 * Groups a session's alarm events (in the order they happened) into one row per alarm,
 * in the order the alarms were raised. Time to acknowledge counts from the raise, as the
 * summary's median does.
 */
export function alarmLog(events: readonly AlarmEvent[]): AlarmLogRow[] {
  const rows = new Map<string, AlarmLogRow>();
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const a = e.alarm;
    let row = rows.get(a.id);
    if (!row) {
      row = {
        id: a.id,
        kind: a.kind,
        vital: a.vital,
        message: a.message,
        worstMessage: null,
        raisedPriority: a.priority,
        priority: a.priority,
        raisedAt: a.raisedAt,
        priorityRaisedAt: null,
        escalatedAt: null,
        acknowledgements: [],
        audioPauses: 0,
        conditionEndedAt: null,
        clearedAt: null,
      };
      rows.set(a.id, row);
    }
    switch (e.type) {
      case 'raised':
        row.message = a.message;
        row.raisedPriority = a.priority;
        row.raisedAt = a.raisedAt;
        break;
      case 'priority-raised':
        row.priorityRaisedAt ??= e.at;
        row.worstMessage = a.message;
        break;
      case 'escalated':
        row.escalatedAt ??= e.at;
        break;
      case 'acknowledged':
        row.acknowledgements.push({ at: e.at, by: e.by ?? a.acknowledgedBy, afterMs: e.at - row.raisedAt });
        break;
      case 'audio-paused':
        row.audioPauses += 1;
        break;
      case 'condition-ended':
        row.conditionEndedAt = e.at;
        break;
      case 'cleared':
        row.clearedAt = e.at;
        break;
      case 'audio-resumed':
        break;
    }
    if (RANK[a.priority] > RANK[row.priority]) row.priority = a.priority;
  }
  return [...rows.values()].sort((x, y) => x.raisedAt - y.raisedAt || x.id.localeCompare(y.id));
}

/** When the alarm stopped sounding on its own (cleared, or its condition ended), or null if it never did. */
export function alarmEnd(row: AlarmLogRow): number | null {
  return row.clearedAt ?? row.conditionEndedAt;
}
