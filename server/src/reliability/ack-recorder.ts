/**
 * Watches a {@link SimulatedMonitor}'s acknowledgements reading by reading, on the client
 * side: which readings the server answered `accepted` or `duplicate` (and so promised are
 * stored), with the exact reading that was sent. The monitor's own counters do not list
 * seqs; this wraps the one method every answer goes through.
 */
import { BatchResult, type Ack, type DeviceReading } from '@infusion/shared';
import type { MonitorStats, SimulatedMonitor } from '../simulator/index.js';

/** What the server promised one monitor. */
export interface AckLog {
  /** Readings answered `accepted` or `duplicate`, by seq, as they were sent. */
  readonly acknowledged: Map<number, DeviceReading>;
  accepted: number;
  duplicate: number;
  /** Readings answered `rejected`, with the reason. */
  readonly rejected: { seq: number; reason: string; message: string }[];
  /** Seqs the monitor had answered twice (it never should: it forgets a reading once answered). */
  answeredTwice: number;
  /** Batches answered `{ ok: false }` (e.g. `internal_error` while the store was going away). */
  refusedBatches: number;
  /** Batches that got no answer (timeout, or cut off by the kill) and so stay in the outbox. */
  unanswered: number;
}

/** The private parts of SimulatedMonitor this hook relies on. */
interface MonitorInternals {
  settle(batchId: number, error: Error | null, ack: Ack<BatchResult> | undefined): void;
  inFlightBatches: Map<number, { reading: DeviceReading }[]>;
}

/**
 * Starts recording a monitor's acknowledgements. Call before `start()`.
 * @throws Error when SimulatedMonitor no longer has the internals this relies on, so a
 *   refactoring of the simulator shows up as a clear failure here rather than as zero counts.
 */
export function recordAcknowledgements(monitor: SimulatedMonitor): AckLog {
  const internals = monitor as unknown as MonitorInternals;
  if (typeof internals.settle !== 'function' || !(internals.inFlightBatches instanceof Map)) {
    throw new Error(
      'SimulatedMonitor no longer has settle(batchId, error, ack) and inFlightBatches: update ' +
        'server/src/reliability/ack-recorder.ts to hook its acknowledgements another way',
    );
  }
  const log: AckLog = {
    acknowledged: new Map(),
    accepted: 0,
    duplicate: 0,
    rejected: [],
    answeredTwice: 0,
    refusedBatches: 0,
    unanswered: 0,
  };
  const settle = internals.settle.bind(monitor);
  internals.settle = (batchId, error, ack) => {
    // Read the batch before the monitor forgets it.
    const entries = internals.inFlightBatches.get(batchId);
    if (entries) {
      if (error || !ack) log.unanswered++;
      else if (!ack.ok) log.refusedBatches++;
      else {
        const parsed = BatchResult.safeParse(ack.data);
        if (parsed.success) {
          const sent = new Map(entries.map((e) => [e.reading.seq, e.reading]));
          parsed.data.results.forEach((result, index) => {
            const seq = result.seq ?? entries[index]?.reading.seq;
            const reading = seq === undefined ? undefined : sent.get(seq);
            if (seq === undefined || !reading) return;
            if (result.status === 'rejected') {
              log.rejected.push({ seq, reason: result.reason, message: result.message });
              return;
            }
            if (log.acknowledged.has(seq)) log.answeredTwice++;
            log.acknowledged.set(seq, reading);
            log[result.status]++;
          });
        }
      }
    }
    settle(batchId, error, ack);
  };
  return log;
}

/**
 * Cross-checks the hook against the monitor's own counters: if they disagree, the hook
 * missed answers and the test's verdict would mean nothing.
 */
export function hookAgreesWithStats(log: AckLog, stats: MonitorStats): string | null {
  if (log.accepted !== stats.accepted || log.duplicate !== stats.duplicate || log.rejected.length !== stats.rejected) {
    return (
      `acknowledgement hook saw accepted ${log.accepted}, duplicate ${log.duplicate}, rejected ${log.rejected.length}; ` +
      `the monitor counted ${stats.accepted}, ${stats.duplicate}, ${stats.rejected}`
    );
  }
  return null;
}
