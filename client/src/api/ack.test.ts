import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseAck, withSchema } from './ack';

const readNumber = withSchema(z.number(), 'number');

describe('parseAck', () => {
  it.each([
    ['a good answer', { ok: true, data: 3 }, { ok: true, data: 3 }],
    [
      'an error answer',
      { ok: false, error: { code: 'not_found', message: 'No such session' } },
      { ok: false, error: { code: 'not_found', message: 'No such session' } },
    ],
    [
      'no envelope',
      3,
      { ok: false, error: { code: 'invalid_response', message: 'The server sent a malformed answer' } },
    ],
    [
      'an error without a message',
      { ok: false, error: { code: 'x' } },
      { ok: false, error: { code: 'invalid_response', message: 'The server sent a malformed answer' } },
    ],
    [
      'data of the wrong shape',
      { ok: true, data: 'three' },
      { ok: false, error: { code: 'invalid_response', message: 'The server sent a malformed number' } },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(parseAck(raw, readNumber)).toEqual(expected);
  });
});
