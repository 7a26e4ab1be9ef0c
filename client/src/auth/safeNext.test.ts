import { describe, expect, it } from 'vitest';
import { safeNext } from './safeNext';

describe('safeNext', () => {
  it.each<[string | null, string]>([
    [null, '/'],
    ['', '/'],
    ['/sessions/s1', '/sessions/s1'],
    ['/sessions/s1?x=1', '/sessions/s1?x=1'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['sessions', '/'],
  ])('%j → %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
