import { Session, SESSION_STATES, TRANSITIONS } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { aldreteTotal, circulationHint, EMPTY_ALDRETE, toAldreteScore } from './aldrete';
import { courseLine, courseText, previousInfusion } from './course';
import { nextActions } from './nextActions';

const DAY = 86_400_000;
const NOW = new Date(2025, 10, 20, 10, 0).getTime();

function session(overrides: Partial<Session> & { id: string }): Session {
  return Session.parse({
    patient: { id: 'p1', mrn: '123', displayName: 'Jane Doe', weightKg: 70 },
    location: 'Chair 1',
    state: 'scheduled',
    protocolId: 'default',
    deviceId: null,
    plannedDurationMin: 40,
    createdAt: NOW,
    infusionStartedAt: null,
    endedAt: null,
    baseline: {},
    ...overrides,
  });
}

const ALL_TICKED = { consent: true, fasting: true, transportHome: true, baselineVitals: true };

describe('nextActions', () => {
  it.each(SESSION_STATES)('offers exactly the steps the lifecycle allows from %s', (state) => {
    const offered = nextActions(session({ id: 's', state })).map((a) => a.to);
    expect([...offered].sort()).toEqual([...TRANSITIONS[state]].sort());
  });

  it.each([
    ['scheduled', ['Start pre-check', 'End early…']],
    ['pre-check', ['Start infusion', 'End early…']],
    ['infusing', ['Pause infusion', 'Stop infusion', 'End early…']],
    ['paused', ['Resume infusion', 'Stop infusion', 'End early…']],
    ['recovery', ['Discharge…', 'End early…']],
    ['discharged', []],
  ] as const)('from %s: %j, usual step first', (state, labels) => {
    expect(nextActions(session({ id: 's', state, checklist: ALL_TICKED })).map((a) => a.label)).toEqual(labels);
  });

  it('holds the infusion back until the checklist is complete, saying what is missing', () => {
    const start = (checklist: Session['checklist']) =>
      nextActions(session({ id: 's', state: 'pre-check', checklist })).find((a) => a.to === 'infusing');
    expect(start({ ...ALL_TICKED, fasting: false, transportHome: false })?.blockedBy).toBe(
      'Still to tick: Fasting confirmed, Transport home arranged',
    );
    expect(start(ALL_TICKED)?.blockedBy).toBeNull();
  });

  it('asks before stopping, for an Aldrete score before discharge, and for a reason to end early', () => {
    const asks = (state: Session['state']) =>
      Object.fromEntries(nextActions(session({ id: 's', state })).map((a) => [a.to, a.asks]));
    expect(asks('infusing')).toEqual({ paused: 'nothing', recovery: 'confirm', 'ended-early': 'reason' });
    expect(asks('recovery')).toEqual({ discharged: 'aldrete', 'ended-early': 'reason' });
  });
});

describe('course', () => {
  const current = session({
    id: 'now',
    createdAt: NOW,
    course: { phase: 'induction', infusionNumber: 3, seriesSize: 6 },
  });
  const first = session({ id: 'a', createdAt: NOW - 9 * DAY, infusionStartedAt: NOW - 9 * DAY + 60_000 });
  const second = session({ id: 'b', createdAt: NOW - 8 * DAY, infusionStartedAt: new Date(2025, 10, 12, 9).getTime() });
  const neverStarted = session({ id: 'c', createdAt: NOW - DAY, state: 'ended-early' });
  const later = session({ id: 'd', createdAt: NOW + DAY, infusionStartedAt: NOW + DAY });

  it.each([
    [{ phase: 'induction', infusionNumber: 3, seriesSize: 6 }, 'Infusion 3 of 6 (induction)'],
    [{ phase: 'maintenance', infusionNumber: 2, seriesSize: null }, 'Infusion 2 (maintenance)'],
    [null, 'Course not recorded'],
  ] as const)('%j → %s', (course, text) => {
    expect(courseText(course)).toBe(text);
  });

  it('finds the last infusion before this one, skipping one that never started and later ones', () => {
    expect(previousInfusion(current, [first, second, neverStarted, current, later])?.id).toBe('b');
  });

  it('writes the course line with the date of the last infusion', () => {
    expect(courseLine(current, [first, second, neverStarted, current], NOW)).toBe(
      'Infusion 3 of 6 (induction) · last on 12 Nov',
    );
    expect(courseLine(current, [current], NOW)).toBe('Infusion 3 of 6 (induction) · first infusion on record');
    expect(courseLine(current, null, NOW)).toBe('Infusion 3 of 6 (induction)');
  });

  it('adds the year to a date in another year', () => {
    const lastYear = session({
      id: 'y',
      createdAt: NOW - 300 * DAY,
      infusionStartedAt: new Date(2024, 11, 30).getTime(),
    });
    expect(courseLine(current, [lastYear], NOW)).toBe('Infusion 3 of 6 (induction) · last on 30 Dec 2024');
  });
});

describe('modified Aldrete', () => {
  it.each([
    [{}, { total: 0, complete: false, meets: false }],
    [
      { activity: 2, breathing: 2, circulation: 2, consciousness: 2 },
      { total: 8, complete: false, meets: false },
    ],
    [
      { activity: 2, breathing: 2, circulation: 2, consciousness: 2, spo2: 1 },
      { total: 9, complete: true, meets: true },
    ],
    [
      { activity: 2, breathing: 2, circulation: 1, consciousness: 1, spo2: 2 },
      { total: 8, complete: true, meets: false },
    ],
  ] as const)('%j → %j', (scored, expected) => {
    expect(aldreteTotal({ ...EMPTY_ALDRETE, ...scored })).toEqual(expected);
  });

  it('is sent only once every criterion is scored', () => {
    expect(toAldreteScore({ ...EMPTY_ALDRETE, activity: 2 })).toBeNull();
    const full = { activity: 2, breathing: 2, circulation: 1, consciousness: 2, spo2: 0 } as const;
    expect(toAldreteScore(full)).toEqual(full);
  });

  it.each([
    [150, 120, 'Latest SBP 150, baseline 120 (+25 %)'],
    [110, 120, 'Latest SBP 110, baseline 120 (-8 %)'],
    [undefined, 120, null],
    [130, undefined, null],
  ])('circulation hint for %s over %s', (latest, baseline, hint) => {
    expect(circulationHint(latest, baseline)).toBe(hint);
  });
});
