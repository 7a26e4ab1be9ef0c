// Schemas for what the server sends that shared/ types but does not (yet) give a zod
// schema for. Everything from the server is outside input: parsed before it is used.
import {
  Alarm,
  ClinicalEvent,
  EpochMs,
  Reading,
  Session,
  ThresholdProfile,
  User,
  type ApiError,
  type SessionSnapshot,
} from '@infusion/shared';
import { z } from 'zod';

/** Answer to `session:watch`. */
export const SessionSnapshotSchema = z.object({
  session: Session,
  profile: ThresholdProfile,
  readings: z.array(z.unknown()),
  alarms: z.array(z.unknown()),
  /** Older servers sent none. */
  clinicalEvents: z.array(z.unknown()).default([]),
  serverTime: EpochMs,
});

/** Answer to `ward:watch`. */
export const WardSnapshotSchema = z.object({
  sessions: z.array(z.unknown()),
  alarms: z.array(z.unknown()),
});

/** The `readings` broadcast. Readings are checked one by one (see `parseEach`). */
export const ReadingsMessageSchema = z.object({
  sessionId: z.string(),
  readings: z.array(z.unknown()),
});

/** Answer to `GET /api/auth/me`. */
export const WhoAmISchema = z.object({ user: User.nullable(), setupNeeded: z.boolean() });

/** Answer to a sign-in or to the first-start setup. */
export const SignedInSchema = z.object({ user: User });

/** The `heartbeat` broadcast. */
export const HeartbeatSchema = z.object({ serverTime: EpochMs });

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
