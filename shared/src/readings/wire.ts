import { z } from 'zod';
import { Reading } from './schemas.js';

// The live `readings` / `ward:readings` broadcasts carry what a run of readings shares once,
// and each reading as a short row. `Reading` stays the one set of rules: a row is rebuilt
// into a reading and parsed with it.

/**
 * One reading on the wire: `[id, vital, value, measuredAt, seq]`. Only the shape is checked
 * here (positions and JSON types); `unpackReadingsMessage` checks the rebuilt reading with
 * `Reading`, so every rule of a reading applies to a row as well.
 */
export const ReadingRow = z.tuple([z.number(), z.string(), z.number(), z.number(), z.number().nullable()]);

/** A row as the sender builds it from a stored reading. */
export type ReadingRow = [
  id: Reading['id'],
  vital: Reading['vital'],
  value: Reading['value'],
  measuredAt: Reading['measuredAt'],
  seq: Reading['seq'],
];

/**
 * Readings that share session, source, monitor, nurse and arrival time, on the wire. The
 * envelope is checked as a whole; its rows are `unknown` here and parsed one by one by
 * `unpackReadingsMessage`, so one malformed row cannot hide the rest.
 */
export const ReadingsMessage = z.object({
  sessionId: Reading.shape.sessionId,
  source: Reading.shape.source,
  deviceId: Reading.shape.deviceId,
  enteredBy: Reading.shape.enteredBy,
  receivedAt: Reading.shape.receivedAt,
  /** One row per reading (see `ReadingRow`), in the order they were stored. */
  rows: z.array(z.unknown()),
});

/** A received readings message: envelope checked, rows not yet. */
export type ReadingsMessageEnvelope = z.infer<typeof ReadingsMessage>;

/** A readings message as the server sends it. */
export interface ReadingsMessage extends Omit<ReadingsMessageEnvelope, 'rows'> {
  rows: ReadingRow[];
}

function sharesFields(message: ReadingsMessage, reading: Reading): boolean {
  return (
    message.sessionId === reading.sessionId &&
    message.source === reading.source &&
    message.deviceId === reading.deviceId &&
    message.enteredBy === reading.enteredBy &&
    message.receivedAt === reading.receivedAt
  );
}

/**
 * Packs readings for the wire: one message per run of consecutive readings that share session,
 * source, monitor, nurse and arrival time (a stored batch is one run), in the order given.
 */
export function packReadingsMessages(readings: readonly Reading[]): ReadingsMessage[] {
  const messages: ReadingsMessage[] = [];
  let current: ReadingsMessage | undefined;
  for (const r of readings) {
    if (current === undefined || !sharesFields(current, r)) {
      current = {
        sessionId: r.sessionId,
        source: r.source,
        deviceId: r.deviceId,
        enteredBy: r.enteredBy,
        receivedAt: r.receivedAt,
        rows: [],
      };
      messages.push(current);
    }
    current.rows.push([r.id, r.vital, r.value, r.measuredAt, r.seq]);
  }
  return messages;
}

/** Told about each row `unpackReadingsMessage` leaves out, with what was wrong with it. */
export type OnMalformedRow = (issues: z.ZodError['issues'], row: unknown) => void;

/**
 * The readings of a message, each row rebuilt and parsed with `Reading`. A malformed row is
 * left out and handed to `onMalformed` (shared code has no console: the caller reports it);
 * the others are kept, in order.
 */
export function unpackReadingsMessage(
  message: ReadingsMessageEnvelope,
  onMalformed: OnMalformedRow = () => {},
): Reading[] {
  const out: Reading[] = [];
  for (const raw of message.rows) {
    const row = ReadingRow.safeParse(raw);
    if (!row.success) {
      onMalformed(row.error.issues, raw);
      continue;
    }
    const [id, vital, value, measuredAt, seq] = row.data;
    const reading = Reading.safeParse({
      id,
      sessionId: message.sessionId,
      vital,
      value,
      measuredAt,
      receivedAt: message.receivedAt,
      source: message.source,
      deviceId: message.deviceId,
      seq,
      enteredBy: message.enteredBy,
    });
    if (reading.success) out.push(reading.data);
    else onMalformed(reading.error.issues, raw);
  }
  return out;
}
