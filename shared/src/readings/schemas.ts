import { z } from 'zod';
import { RejectionReason } from '../protocol/errors.js';
import { VitalCode } from '../vitals/catalogue.js';

/** Epoch milliseconds (UTC). All times on the wire are numbers, never local strings. */
export const EpochMs = z.number().int().nonnegative();

/** Largest number of readings a device may send in one batch. */
export const MAX_READINGS_PER_BATCH = 500;

/**
 * One reading as a device sends it. `seq` is the device's own counter, unique per device
 * for ever (it survives device restarts); the server keys idempotency on (device, seq).
 * `vital` and `value` are only checked loosely here so that one bad reading is rejected
 * with its own reason while the rest of the batch is still taken in.
 */
export const DeviceReading = z.object({
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  vital: z.string().min(1).max(32),
  value: z.number(),
  /** When the device measured it. */
  measuredAt: EpochMs,
});
export type DeviceReading = z.infer<typeof DeviceReading>;

/** A batch of readings from one monitor. */
export const ReadingBatch = z.object({
  protocolVersion: z.literal(1),
  readings: z.array(z.unknown()).min(1).max(MAX_READINGS_PER_BATCH),
});
export type ReadingBatch = z.infer<typeof ReadingBatch>;

/** What happened to one reading of a batch. */
export const ReadingResult = z.discriminatedUnion('status', [
  z.object({ seq: z.number().nullable(), status: z.literal('accepted') }),
  /** Already stored from an earlier send: safe to forget on the device. */
  z.object({ seq: z.number().nullable(), status: z.literal('duplicate') }),
  z.object({
    seq: z.number().nullable(),
    status: z.literal('rejected'),
    reason: RejectionReason,
    message: z.string(),
  }),
]);
export type ReadingResult = z.infer<typeof ReadingResult>;

/** Acknowledgement payload for a batch: one result per reading, in batch order. */
export const BatchResult = z.object({
  sessionId: z.string().nullable(),
  results: z.array(ReadingResult),
});
export type BatchResult = z.infer<typeof BatchResult>;

/** Where a reading came from. */
export const ReadingSource = z.enum(['device', 'manual']);
export type ReadingSource = z.infer<typeof ReadingSource>;

/** A stored reading, as the server broadcasts and the store returns it. */
export const Reading = z.object({
  /** Server-assigned, increasing across the whole store: dashboards catch up by it. */
  id: z.number().int().positive(),
  sessionId: z.string(),
  vital: VitalCode,
  value: z.number(),
  measuredAt: EpochMs,
  receivedAt: EpochMs,
  source: ReadingSource,
  deviceId: z.string().nullable(),
  seq: z.number().int().nullable(),
  /** User who typed it in, for manual readings. */
  enteredBy: z.string().nullable(),
});
export type Reading = z.infer<typeof Reading>;

/** A reading ready to store: everything but the id the store assigns. */
export type NewReading = Omit<Reading, 'id'>;

/** A manual reading typed in by a nurse (a cuff pressure, a sedation score). */
export const ManualReadingInput = z.object({
  vital: VitalCode,
  value: z.number().finite(),
  /** Defaults to now; a nurse may back-date by a few minutes. */
  measuredAt: EpochMs.optional(),
});
export type ManualReadingInput = z.infer<typeof ManualReadingInput>;
