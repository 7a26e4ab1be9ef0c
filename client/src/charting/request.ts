// Writes from the charting and lifecycle screens. Like api/http.ts, but a refusal keeps the
// server's field issues, so each message can be shown next to its field, and PUT is possible.
import { ApiError, type PayloadIssue } from '@infusion/shared';
import type { z } from 'zod';
import { RequestError } from '../api/http';

/** A refused or failed write, with the server's `issues` (empty when it sent none). */
export class RequestFailure extends RequestError {
  readonly issues: readonly PayloadIssue[];

  constructor(error: ApiError, status: number | null) {
    super(error, status);
    this.name = 'RequestFailure';
    this.issues = error.issues ?? [];
  }
}

/** Sends `body` as JSON and parses the answer with `schema`. Throws `RequestFailure`. */
export async function sendJson<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestFailure({ code: 'network_error', message: 'Could not reach the server' }, null);
  }
  let answer: unknown = null;
  try {
    answer = await response.json();
  } catch {
    // An empty or non-JSON body is judged by the status alone.
  }
  if (!response.ok) {
    const error = ApiError.safeParse(answer);
    throw new RequestFailure(
      error.success
        ? error.data
        : { code: `http_${response.status}`, message: `The server answered ${response.status}` },
      response.status,
    );
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new RequestFailure(
      { code: 'invalid_response', message: 'The server sent a malformed answer' },
      response.status,
    );
  }
  return parsed.data;
}

/** What to tell the nurse about a failed request. */
export function failureMessage(error: unknown, fallback: string): string {
  return error instanceof RequestError ? error.message : fallback;
}

/** The server's field issues of a failed request, or none. */
export function failureIssues(error: unknown): readonly PayloadIssue[] {
  return error instanceof RequestFailure ? error.issues : [];
}
