import { describeEntry, type ClinicalEvent } from '@infusion/shared';
import { STATE_LABEL } from '../sessions/sessionTiming';

/** A charted entry drawn on the live charts as a vertical line at its time. */
export interface ChartMarker {
  id: number;
  t: number;
  kind: ClinicalEvent['entry']['kind'];
  label: string;
}

/** Most charted entries kept for the live view; the session log has them all. */
export const MAX_CLINICAL_EVENTS = 200;

function label(event: ClinicalEvent): string {
  const { entry } = event;
  return entry.kind === 'lifecycle' ? STATE_LABEL[entry.to] : describeEntry(entry);
}

/**
 * The entries to mark between `from` and `to`: a corrected entry shows as its correction,
 * at the correction's time of occurrence, never twice.
 */
export function chartMarkers(events: readonly ClinicalEvent[], from: number, to: number): ChartMarker[] {
  const amended = new Set<number>();
  for (const e of events) if (e.amends) amended.add(e.amends.eventId);
  return events
    .filter((e) => !amended.has(e.id) && e.occurredAt >= from && e.occurredAt <= to)
    .map((e) => ({ id: e.id, t: e.occurredAt, kind: e.entry.kind, label: label(e) }))
    .sort((a, b) => a.t - b.t || a.id - b.id);
}

/** Adds newly charted entries, without duplicates, keeping the newest `MAX_CLINICAL_EVENTS`. */
export function mergeClinicalEvents(
  events: readonly ClinicalEvent[],
  incoming: readonly ClinicalEvent[],
): readonly ClinicalEvent[] {
  if (incoming.length === 0) return events;
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const e of incoming) byId.set(e.id, e);
  const all = [...byId.values()].sort((a, b) => a.id - b.id);
  return all.length > MAX_CLINICAL_EVENTS ? all.slice(all.length - MAX_CLINICAL_EVENTS) : all;
}

/**
 * The label each marker gets on a chart: entries closer together than `minGapMs` share one
 * label, on the newest, as "Nausea (moderate) +2", so labels never print over each other.
 */
export function markerLabels(markers: readonly ChartMarker[], minGapMs: number): Map<number, string> {
  const labels = new Map<number, string>();
  let group: ChartMarker[] = [];
  const flush = () => {
    const last = group.at(-1);
    if (last) labels.set(last.id, group.length > 1 ? `${last.label} +${group.length - 1}` : last.label);
    group = [];
  };
  for (const m of markers) {
    const first = group[0];
    if (first && m.t - first.t >= minGapMs) flush();
    group.push(m);
  }
  flush();
  return labels;
}
