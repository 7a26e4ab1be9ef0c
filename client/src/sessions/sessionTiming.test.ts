import type { Session } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { SESSION } from '../session/fixtures/session';
import { byLocation, formatElapsed, isActiveSession, isOverrun } from './sessionTiming';

const MIN = 60_000;
const started = { ...SESSION, infusionStartedAt: 10 * MIN, plannedDurationMin: 40 };

describe('formatElapsed', () => {
  it.each<[string, Session, number, string]>([
    ['not started', { ...SESSION, infusionStartedAt: null }, 99 * MIN, '40 min planned'],
    ['12.5 min in', started, 22.5 * MIN, '12 / 40 min'],
    ['ended: counts to the end', { ...started, endedAt: 55 * MIN, state: 'discharged' }, 90 * MIN, '45 / 40 min'],
    ['clock behind the start', started, 9 * MIN, '0 / 40 min'],
  ])('%s', (_name, session, now, text) => {
    expect(formatElapsed(session, now)).toBe(text);
  });
});

describe('isOverrun', () => {
  it.each([
    [49 * MIN, false],
    [50 * MIN, false],
    [50 * MIN + 1, true],
  ])('at %i ms: %s', (now, overrun) => {
    expect(isOverrun(started, now)).toBe(overrun);
  });
});

describe('isActiveSession', () => {
  it.each([
    ['scheduled', true],
    ['infusing', true],
    ['recovery', true],
    ['discharged', false],
    ['ended-early', false],
  ] as const)('%s: %s', (state, active) => {
    expect(isActiveSession({ ...SESSION, state })).toBe(active);
  });
});

describe('byLocation', () => {
  it('orders chairs as numbers, not text', () => {
    const names = ['Chair 10', 'Chair 2', 'Chair 1'].map((location, i) => ({ ...SESSION, id: `s${i}`, location }));
    expect(names.sort(byLocation).map((s) => s.location)).toEqual(['Chair 1', 'Chair 2', 'Chair 10']);
  });
});
