import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestError, getJson, postJson } from './http';

function answering(status: number, body: unknown): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
}

const schema = z.object({ id: z.string() });

async function failure(fetchFn: typeof fetch): Promise<RequestError> {
  try {
    await getJson('/api/x', schema, undefined, fetchFn);
  } catch (error) {
    if (error instanceof RequestError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('getJson', () => {
  it('returns the parsed body', async () => {
    await expect(getJson('/api/x', schema, undefined, answering(200, { id: 'a', extra: 1 }))).resolves.toEqual({
      id: 'a',
    });
  });

  it.each([
    ['the server error body', answering(404, { code: 'not_found', message: 'No such session' }), 'not_found', 404],
    ['a made-up error when the body is not an error', answering(502, '<html>'), 'http_502', 502],
    ['a malformed answer', answering(200, { id: 3 }), 'invalid_response', 200],
    [
      'a network failure',
      (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      'network_error',
      null,
    ],
  ])('throws %s', async (_name, fetchFn, code, status) => {
    const error = await failure(fetchFn);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });
});

describe('postJson', () => {
  it('sends JSON and parses the answer', async () => {
    let sent: RequestInit | undefined;
    const fetchFn = (async (_url: string, init?: RequestInit) => {
      sent = init;
      return new Response(JSON.stringify({ id: 'made' }), { status: 201 });
    }) as typeof fetch;
    await expect(postJson('/api/x', { a: 1 }, schema, fetchFn)).resolves.toEqual({ id: 'made' });
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toBe('{"a":1}');
    expect(new Headers(sent?.headers).get('content-type')).toBe('application/json');
  });
});
