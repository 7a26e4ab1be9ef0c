import { ClinicalEvent, Reading, type ClinicalEntry, type VitalCode } from '@infusion/shared';
import { sendJson } from './request';

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

/** Charts one entry (or a correction of an earlier one). The server stamps who and when. */
export function postChartEntry(
  sessionId: string,
  input: { entry: ClinicalEntry; occurredAt?: number; amends?: { eventId: number; reason: string } },
): Promise<ClinicalEvent> {
  return sendJson('POST', `${sessionPath(sessionId)}/events`, input, ClinicalEvent);
}

/** A reading typed in by a nurse: it goes through the same limits and alarms as a monitor's. */
export function postManualReading(
  sessionId: string,
  input: { vital: VitalCode; value: number; measuredAt?: number },
): Promise<Reading | null> {
  // The server answers null when the very same reading was already stored.
  return sendJson('POST', `${sessionPath(sessionId)}/readings`, input, Reading.nullable());
}
