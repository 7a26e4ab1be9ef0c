// Everything from the server is outside input: parsed with the shared schemas before it is used.
import {
  Alarm,
  ClinicalEvent,
  Reading,
  SessionSnapshotMessage as SessionSnapshotSchema,
  unpackReadingsMessage,
  type ApiError,
  type ReadingsMessageEnvelope,
  type SessionSnapshot,
} from '@infusion/shared';
import type { z } from 'zod';

// The envelopes live in shared/ with every other schema; these names are the client's.
export {
  SessionSnapshotMessage as SessionSnapshotSchema,
  WardSnapshotMessage as WardSnapshotSchema,
  ReadingsMessage as ReadingsMessageSchema,
  WhoAmI as WhoAmISchema,
  SignedIn as SignedInSchema,
  Heartbeat as HeartbeatSchema,
} from '@infusion/shared';

/** An error answer from the server, or one the client makes up when there was none. */
export type ServerError = ApiError;

/**
 * Parses a list item by item, keeping the good ones: one malformed reading must not hide
 * the rest of its batch. Rejects are reported to the console for the developers.
 */
export function parseEach<T>(schema: z.ZodType<T>, items: readonly unknown[], what: string): T[] {
  const out: T[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
    else console.warn(`Ignored a malformed ${what} from the server`, parsed.error.issues);
  }
  return out;
}

/**
 * Hands each message of a `readings` or `ward:readings` broadcast (both are lists) to the
 * handler; each is parsed there (`ReadingsMessageSchema`, then `readingsOf`).
 */
export function forEachReadingsMessage(raw: unknown, handle: (message: unknown) => void): void {
  if (!Array.isArray(raw)) {
    console.warn('Ignored a malformed readings broadcast', raw);
    return;
  }
  for (const message of raw) handle(message);
}

/**
 * The readings of one message of a `readings` or `ward:readings` broadcast whose envelope was
 * parsed (`ReadingsMessageSchema`), row by row: a malformed row is reported to the console and
 * left out, the rest of the message is kept.
 */
export function readingsOf(message: ReadingsMessageEnvelope): Reading[] {
  return unpackReadingsMessage(message, (issues) =>
    console.warn('Ignored a malformed reading from the server', issues),
  );
}

/** Parses a whole `session:watch` answer into the shared snapshot type. */
export function parseSnapshot(raw: unknown): { ok: true; data: SessionSnapshot } | { ok: false; error: ServerError } {
  const parsed = SessionSnapshotSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_response', message: 'The server sent a malformed session snapshot' } };
  }
  return {
    ok: true,
    data: {
      ...parsed.data,
      readings: parseEach(Reading, parsed.data.readings, 'reading'),
      alarms: parseEach(Alarm, parsed.data.alarms, 'alarm'),
      clinicalEvents: parseEach(ClinicalEvent, parsed.data.clinicalEvents, 'charted entry'),
    },
  };
}
