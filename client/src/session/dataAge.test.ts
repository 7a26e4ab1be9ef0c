import { describe, expect, it } from 'vitest';
import { freshnessLabel, oldestOf, vitalFreshness, type Freshness } from './dataAge';

const now = 1_000_000;

describe('vitalFreshness', () => {
  it.each<[string, number | null, boolean, Freshness]>([
    ['no reading yet', null, true, { kind: 'none' }],
    ['2 s old', now - 2_000, true, { kind: 'live', ageMs: 2_000 }],
    ['exactly 10 s old', now - 10_000, true, { kind: 'live', ageMs: 10_000 }],
    ['just over 10 s old', now - 10_001, true, { kind: 'stale', ageMs: 10_001, reason: 'old' }],
    ['fresh but the connection is lost', now - 1_000, false, { kind: 'stale', ageMs: 1_000, reason: 'connection' }],
    ['measured ahead of the server clock', now + 3_000, true, { kind: 'live', ageMs: 0 }],
  ])('%s', (_name, measuredAt, live, expected) => {
    expect(vitalFreshness(measuredAt, now, live)).toEqual(expected);
  });
});

describe('freshnessLabel', () => {
  it.each<[Freshness, string]>([
    [{ kind: 'none' }, 'No data'],
    [{ kind: 'live', ageMs: 2_400 }, '2 s ago'],
    [{ kind: 'stale', ageMs: 34_000, reason: 'old' }, 'STALE · 34 s'],
    [{ kind: 'stale', ageMs: 4 * 60_000, reason: 'connection' }, 'STALE · 4 min'],
  ])('%j reads "%s"', (freshness, text) => {
    expect(freshnessLabel(freshness)).toBe(text);
  });
});

describe('oldestOf', () => {
  it.each<[(number | null)[], number | null]>([
    [[5, 3], 3],
    [[5, null], null],
    [[7], 7],
  ])('%j → %j', (input, expected) => {
    expect(oldestOf(...input)).toBe(expected);
  });
});
