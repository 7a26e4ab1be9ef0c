// Writes from the charting and lifecycle screens, through api/http.ts: a refusal keeps the
// server's field issues, so each message can be shown next to its field.
import type { PayloadIssue } from '@infusion/shared';
import type { z } from 'zod';
import { RequestError, requestJson } from '../api/http';

/** A refused or failed write, with the server's `issues` (empty when it sent none). */
export const RequestFailure = RequestError;
export type RequestFailure = RequestError;

/** Sends `body` as JSON and parses the answer with `schema`. Throws `RequestFailure`. */
export function sendJson<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  return requestJson(method, path, schema, body, signal, fetch);
}

/** What to tell the nurse about a failed request. */
export function failureMessage(error: unknown, fallback: string): string {
  return error instanceof RequestError ? error.message : fallback;
}

/** The server's field issues of a failed request, or none. */
export function failureIssues(error: unknown): readonly PayloadIssue[] {
  return error instanceof RequestFailure ? error.issues : [];
}
