import { describeEntry, VITALS, type ClinicalEntry, type PayloadIssue, type VitalCode } from '@infusion/shared';
import { formatClock } from '../time/format';
import { failureIssues, failureMessage } from './request';

/** What came of sending one entry: the time it was charted at, or the server's refusal. */
export type Outcome =
  { ok: true; occurredAt: number } | { ok: false; message: string; issues: readonly PayloadIssue[] };

export function refused(error: unknown, fallback: string): Outcome {
  return { ok: false, message: failureMessage(error, fallback), issues: failureIssues(error) };
}

/** The confirmation a nurse reads after charting, e.g. "Charted Nausea (moderate) · 14:02". */
export function chartedText(entry: ClinicalEntry, occurredAt: number): string {
  return `Charted ${describeEntry(entry)} · ${formatClock(occurredAt)}`;
}

/** "Recorded BP 205/95, HR 88 · 14:02" for typed-in vitals. */
export function recordedText(readings: readonly { vital: VitalCode; value: number }[], at: number): string {
  const value = (code: VitalCode) => readings.find((r) => r.vital === code)?.value;
  const parts: string[] = [];
  const sbp = value('sbp');
  const dbp = value('dbp');
  if (sbp !== undefined && dbp !== undefined) parts.push(`BP ${sbp}/${dbp}`);
  for (const r of readings) {
    if ((r.vital === 'sbp' || r.vital === 'dbp') && sbp !== undefined && dbp !== undefined) continue;
    parts.push(`${VITALS[r.vital].label} ${r.value}`);
  }
  return `Recorded ${parts.join(', ')} · ${formatClock(at)}`;
}
