// Acknowledgements of socket messages are a tagged union; the client checks the envelope
// and then the payload with its own schema, so a malformed answer becomes an error value.
import { ApiError } from '@infusion/shared';
import { z } from 'zod';
import type { ServerError } from './wire';

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ServerError };

const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);

/** Checks an acknowledgement, then reads its data with `readData`. */
export function parseAck<T>(raw: unknown, readData: (data: unknown) => AckResult<T>): AckResult<T> {
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, error: { code: 'invalid_response', message: 'The server sent a malformed answer' } };
  }
  if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
  return readData(envelope.data.data);
}

/** A `readData` for payloads with a plain zod schema. */
export function withSchema<T>(schema: z.ZodType<T>, what: string): (data: unknown) => AckResult<T> {
  return (data) => {
    const parsed = schema.safeParse(data);
    return parsed.success
      ? { ok: true, data: parsed.data }
      : { ok: false, error: { code: 'invalid_response', message: `The server sent a malformed ${what}` } };
  };
}

/** The error the client reports when the server did not answer in time. */
export const TIMEOUT_ERROR: ServerError = { code: 'timeout', message: 'The server did not answer in time' };
