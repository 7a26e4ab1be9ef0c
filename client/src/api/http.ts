// JSON over HTTP, parsed with zod: the server is outside input like any other.
import { ApiError, Session, type PayloadIssue } from '@infusion/shared';
import { z } from 'zod';
import type { ServerError } from './wire';

/**
 * A failed request, carrying the server's `{ code, message }` (or one made up here) and its
 * field `issues`, so each message can be shown next to its field.
 */
export class RequestError extends Error {
  readonly code: string;
  readonly status: number | null;
  readonly issues: readonly PayloadIssue[];

  constructor(error: ServerError, status: number | null) {
    super(error.message);
    this.name = 'RequestError';
    this.code = error.code;
    this.status = status;
    this.issues = error.issues ?? [];
  }
}

type Fetch = typeof fetch;

/** GETs `path` and parses the JSON body with `schema`. Throws `RequestError` on any failure. */
export function getJson<T>(
  path: string,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
  fetchFn: Fetch = fetch,
): Promise<T> {
  return requestJson('GET', path, schema, undefined, signal, fetchFn);
}

/** POSTs `body` as JSON to `path` and parses the answer with `schema`. */
export function postJson<T>(path: string, body: unknown, schema: z.ZodType<T>, fetchFn: Fetch = fetch): Promise<T> {
  return requestJson('POST', path, schema, body, undefined, fetchFn);
}

/** PUTs `body` as JSON to `path` and parses the answer with `schema`. */
export function putJson<T>(path: string, body: unknown, schema: z.ZodType<T>, fetchFn: Fetch = fetch): Promise<T> {
  return requestJson('PUT', path, schema, body, undefined, fetchFn);
}

/** Sends a request with an optional JSON body and parses the answer with `schema`. */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  schema: z.ZodType<T>,
  body: unknown,
  signal: AbortSignal | undefined,
  fetchFn: Fetch,
): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    response = await fetchFn(path, {
      method,
      headers,
      credentials: 'same-origin',
      signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestError({ code: 'network_error', message: 'Could not reach the server' }, null);
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    answer = null;
  }
  if (!response.ok) {
    const error = ApiError.safeParse(answer);
    throw new RequestError(
      error.success
        ? error.data
        : { code: `http_${response.status}`, message: `The server answered ${response.status}` },
      response.status,
    );
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new RequestError(
      { code: 'invalid_response', message: 'The server sent a malformed answer' },
      response.status,
    );
  }
  return parsed.data;
}

/** All sessions the server lists (the ward's board). */
export function fetchSessions(signal?: AbortSignal): Promise<Session[]> {
  return getJson('/api/sessions', z.array(Session), signal);
}

/** One session. */
export function fetchSession(id: string, signal?: AbortSignal): Promise<Session> {
  return getJson(`/api/sessions/${encodeURIComponent(id)}`, Session, signal);
}
