import {
  DeviceReading,
  REJECTION_REASONS,
  VITALS,
  VitalCode,
  toPayloadIssues,
  type ReadingResult,
  type RejectionReason,
  type VitalCode as VitalCodeT,
} from '@infusion/shared';

/** How far ahead of the server's clock a device's timestamp may be (clock drift). */
export const MAX_FUTURE_SKEW_MS = 60_000;
/** Oldest reading a device may still deliver (a monitor buffering through an outage). */
export const MAX_READING_AGE_MS = 24 * 3600_000;

export type CheckedReading =
  | { ok: true; seq: number; vital: VitalCodeT; value: number; measuredAt: number }
  | { ok: false; result: Extract<ReadingResult, { status: 'rejected' }> };

function seqOf(raw: unknown): number | null {
  if (typeof raw === 'object' && raw !== null && 'seq' in raw) {
    const seq = (raw as { seq: unknown }).seq;
    if (typeof seq === 'number' && Number.isSafeInteger(seq)) return seq;
  }
  return null;
}

/**
 * Checks one reading of a device batch on its own, so that a bad one is rejected with a
 * specific reason while the rest of the batch is still taken in.
 */
export function checkDeviceReading(raw: unknown, now: number): CheckedReading {
  const reject = (reason: RejectionReason, message: string): CheckedReading => ({
    ok: false,
    result: { seq: seqOf(raw), status: 'rejected', reason, message },
  });
  const parsed = DeviceReading.safeParse(raw);
  if (!parsed.success) {
    const valueIssue = parsed.error.issues.find((i) => i.path[0] === 'value');
    if (valueIssue && typeof raw === 'object' && raw !== null && 'value' in raw && typeof raw.value === 'number') {
      return reject(REJECTION_REASONS.notAFiniteNumber, 'value must be a finite number');
    }
    const issue = toPayloadIssues(parsed.error)[0];
    return reject(REJECTION_REASONS.malformed, issue ? `${issue.path}: ${issue.message}` : 'malformed reading');
  }
  const r = parsed.data;
  const vital = VitalCode.safeParse(r.vital);
  if (!vital.success) {
    return reject(
      REJECTION_REASONS.unknownVital,
      `unknown vital "${r.vital}"; expected one of ${VitalCode.options.join(', ')}`,
    );
  }
  if (!Number.isFinite(r.value)) return reject(REJECTION_REASONS.notAFiniteNumber, 'value must be a finite number');
  const info = VITALS[vital.data];
  if (r.value < info.plausible.min || r.value > info.plausible.max) {
    return reject(
      REJECTION_REASONS.outOfPlausibleRange,
      `${info.label} ${r.value} is outside the plausible range ${info.plausible.min}–${info.plausible.max} ${info.unit}`,
    );
  }
  if (r.measuredAt > now + MAX_FUTURE_SKEW_MS) {
    return reject(
      REJECTION_REASONS.timestampInFuture,
      `measuredAt is ${Math.round((r.measuredAt - now) / 1000)} s ahead of the server clock (limit ${MAX_FUTURE_SKEW_MS / 1000} s)`,
    );
  }
  if (r.measuredAt < now - MAX_READING_AGE_MS) {
    return reject(REJECTION_REASONS.timestampTooOld, 'measuredAt is more than 24 h old');
  }
  return { ok: true, seq: r.seq, vital: vital.data, value: r.value, measuredAt: r.measuredAt };
}
