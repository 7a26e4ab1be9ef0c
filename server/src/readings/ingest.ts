import {
  ERROR_CODES,
  MAX_READINGS_PER_BATCH,
  REJECTION_REASONS,
  ReadingBatch,
  invalidPayload,
  isMonitored,
  type Ack,
  type AlarmReadingInput,
  type BatchResult,
  type Reading,
  type ReadingResult,
  type RejectionReason,
  type Session,
} from '@infusion/shared';
import type { Ward, WardBroadcaster } from '../sessions/ward.js';
import type { InsertOutcome } from '../store/store.js';
import { checkDeviceReading } from './validate.js';

/**
 * Takes in one batch from a monitor: validates each reading, stores the good ones durably
 * with the alarm evaluation they cause, and only then answers, one result per reading.
 */
export async function ingestDeviceBatch(
  ward: Ward,
  broadcaster: WardBroadcaster,
  deviceId: string,
  payload: unknown,
  now: number,
): Promise<Ack<BatchResult>> {
  if (
    typeof payload === 'object' &&
    payload !== null &&
    'readings' in payload &&
    Array.isArray(payload.readings) &&
    payload.readings.length > MAX_READINGS_PER_BATCH
  ) {
    return {
      ok: false,
      error: {
        code: ERROR_CODES.payloadTooLarge,
        message: `a batch holds at most ${MAX_READINGS_PER_BATCH} readings; this one had ${payload.readings.length}`,
      },
    };
  }
  if (
    typeof payload === 'object' &&
    payload !== null &&
    'protocolVersion' in payload &&
    payload.protocolVersion !== 1
  ) {
    return {
      ok: false,
      error: {
        code: ERROR_CODES.unsupportedProtocol,
        message: `protocolVersion ${String(payload.protocolVersion)} is not supported; this server speaks 1`,
      },
    };
  }
  const batch = ReadingBatch.safeParse(payload);
  if (!batch.success) return invalidPayload(batch.error, 'reading batch');

  const session = ward.sessionForDevice(deviceId);
  const results: ReadingResult[] = [];
  const accepted: { index: number; seq: number; vital: Reading['vital']; value: number; measuredAt: number }[] = [];
  batch.data.readings.forEach((raw, index) => {
    const checked = checkDeviceReading(raw, now);
    if (!checked.ok) {
      results.push(checked.result);
      return;
    }
    const refusal = sessionRefusal(session);
    if (refusal) {
      results.push({ seq: checked.seq, status: 'rejected', ...refusal });
      return;
    }
    results.push({ seq: checked.seq, status: 'accepted' });
    accepted.push({ index, ...checked });
  });
  if (!session || accepted.length === 0) return { ok: true, data: { sessionId: session?.id ?? null, results } };

  const outcomes = await storeReadings(ward, broadcaster, session.id, accepted, now, { source: 'device', deviceId });
  outcomes.forEach((outcome, i) => {
    const a = accepted[i];
    if (!a) return;
    if (outcome.status === 'duplicate') results[a.index] = { seq: a.seq, status: 'duplicate' };
    if (outcome.status === 'conflict') {
      results[a.index] = {
        seq: a.seq,
        status: 'rejected',
        reason: REJECTION_REASONS.seqConflict,
        message: `seq ${a.seq} was already used for a different reading (${outcome.existing.vital} ${outcome.existing.value})`,
      };
    }
  });
  return { ok: true, data: { sessionId: session.id, results } };
}

function sessionRefusal(session: Session | null): { reason: RejectionReason; message: string } | null {
  if (!session) {
    return {
      reason: REJECTION_REASONS.deviceNotBound,
      message: 'this monitor is not bound to a session; bind it to a chair first',
    };
  }
  if (!isMonitored(session.state)) {
    return {
      reason: REJECTION_REASONS.sessionNotMonitoring,
      message: `session is ${session.state}; readings are not taken in`,
    };
  }
  return null;
}

/** Where readings come from: a monitor (with its sequence numbers) or a nurse's hand. */
export type ReadingOrigin = { source: 'device'; deviceId: string } | { source: 'manual'; enteredBy: string };

/**
 * The one path every reading takes, from a monitor or typed in by a nurse: stored in the
 * group commit together with the alarm evaluation it causes, broadcast after the commit.
 */
export function storeReadings(
  ward: Ward,
  broadcaster: WardBroadcaster,
  sessionId: string,
  readings: readonly { seq: number | null; vital: Reading['vital']; value: number; measuredAt: number }[],
  now: number,
  origin: ReadingOrigin,
): Promise<InsertOutcome[]> {
  return ward.committer.submit((uow) => {
    const stored: Reading[] = [];
    const alarmInputs: AlarmReadingInput[] = [];
    const outcomes = readings.map((r) => {
      const outcome = uow.tx.insertReading({
        sessionId,
        vital: r.vital,
        value: r.value,
        measuredAt: r.measuredAt,
        receivedAt: now,
        source: origin.source,
        deviceId: origin.source === 'device' ? origin.deviceId : null,
        seq: r.seq,
        enteredBy: origin.source === 'manual' ? origin.enteredBy : null,
      });
      if (outcome.status === 'inserted') {
        stored.push(outcome.reading);
        alarmInputs.push({
          type: 'reading',
          at: now,
          vital: r.vital,
          value: r.value,
          measuredAt: r.measuredAt,
          source: origin.source,
        });
      }
      return outcome;
    });
    ward.feedReadings(uow, sessionId, alarmInputs);
    if (stored.length > 0) uow.afterCommit(() => broadcaster.readings(sessionId, stored));
    return outcomes;
  });
}
