import { describeEntry, type ClinicalEntry, type ClinicalEvent, type SessionState } from '@infusion/shared';

/** One line of the session's timeline of charted entries. */
export interface TimelineRow {
  event: ClinicalEvent;
  /** What happened, as a nurse says it. */
  text: string;
  /** The newest entry that corrects this one; the original stays in the list, marked. */
  amendedBy: number | null;
  /** Set on a correction: which entry it replaces and why. */
  corrects: { eventId: number; reason: string } | null;
  /** How long after it happened it was charted, when that was over a minute (a back-dated entry). */
  chartedLaterMs: number | null;
  /** Whether a nurse may correct it: not a state change, and not already corrected. */
  correctable: boolean;
}

const BACKDATED_AFTER_MS = 60_000;

/** A state change as the ward says it: "Infusion started", "Infusion resumed", … */
export function lifecycleText(from: SessionState, to: SessionState, reason?: string): string {
  let text: string;
  switch (to) {
    case 'pre-check':
      text = 'Pre-check started';
      break;
    case 'infusing':
      text = from === 'paused' ? 'Infusion resumed' : 'Infusion started';
      break;
    case 'paused':
      text = 'Infusion paused';
      break;
    case 'recovery':
      text = 'Infusion stopped – recovery';
      break;
    case 'discharged':
      text = 'Discharged';
      break;
    case 'ended-early':
      text = 'Session ended early';
      break;
    case 'scheduled':
      text = 'Scheduled';
      break;
  }
  return reason ? `${text}: ${reason}` : text;
}

/** What an entry says on the timeline. */
export function entryText(entry: ClinicalEntry): string {
  if (entry.kind === 'lifecycle') return lifecycleText(entry.from, entry.to, entry.reason);
  if (entry.kind === 'intervention' && entry.action === 'other') return entry.note ?? 'Intervention';
  return describeEntry(entry);
}

/**
 * The timeline, newest first by when it happened (a back-dated entry sits at its time, not
 * at the time it was typed). Nothing is dropped: a corrected entry stays, marked with the
 * correction that amends it.
 */
export function timelineRows(events: readonly ClinicalEvent[]): TimelineRow[] {
  const amendedBy = new Map<number, number>();
  for (const e of events) {
    if (!e.amends) continue;
    const before = amendedBy.get(e.amends.eventId);
    if (before === undefined || e.id > before) amendedBy.set(e.amends.eventId, e.id);
  }
  return [...events]
    .sort((a, b) => b.occurredAt - a.occurredAt || b.id - a.id)
    .map((event) => {
      const later = event.chartedAt - event.occurredAt;
      const amended = amendedBy.get(event.id) ?? null;
      return {
        event,
        text: entryText(event.entry),
        amendedBy: amended,
        corrects: event.amends,
        chartedLaterMs: later > BACKDATED_AFTER_MS ? later : null,
        correctable: event.entry.kind !== 'lifecycle' && amended === null,
      };
    });
}

/** The latest rate charted, for the rate-change form's default. */
export function latestRate(events: readonly ClinicalEvent[], sessionRate: number | null): number | null {
  const amended = new Set(events.flatMap((e) => (e.amends ? [e.amends.eventId] : [])));
  let best: ClinicalEvent | null = null;
  for (const e of events) {
    if (amended.has(e.id)) continue;
    if (e.entry.kind !== 'intervention' || e.entry.action !== 'rate-changed') continue;
    if (e.entry.rateMgPerKgPerHour === undefined) continue;
    if (best === null || e.occurredAt > best.occurredAt || (e.occurredAt === best.occurredAt && e.id > best.id)) {
      best = e;
    }
  }
  return best?.entry.kind === 'intervention' ? (best.entry.rateMgPerKgPerHour ?? sessionRate) : sessionRate;
}
