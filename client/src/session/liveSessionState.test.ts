import { describe, expect, it } from 'vitest';
import { alarm } from '../alarms/fixtures/alarms';
import { reading, SESSION, snapshot } from './fixtures/session';
import { applyUpdates, fromSnapshot, mergeSnapshot, noUpdates } from './liveSessionState';

const MIN = 60_000;

describe('fromSnapshot', () => {
  it('splits readings by vital and remembers the newest of each', () => {
    const data = fromSnapshot(
      snapshot([reading(1, 'hr', 80, 1000), reading(2, 'spo2', 97, 1000), reading(3, 'hr', 82, 2000)], 3000),
      3000,
    );
    expect(data.buffers.hr?.map((p) => p.v)).toEqual([80, 82]);
    expect(data.latest.hr?.value).toBe(82);
    expect(data.latest.spo2?.value).toBe(97);
    expect(data.lastReadingId).toBe(3);
    expect(data.windowEnd).toBe(3000);
  });

  it('keeps only this session’s alarms, most urgent first', () => {
    const data = fromSnapshot(
      snapshot([], 0, {
        alarms: [
          alarm({ id: 'm', priority: 'medium' }),
          alarm({ id: 'h', priority: 'high' }),
          alarm({ id: 'x', sessionId: 'other' }),
        ],
      }),
      0,
    );
    expect(data.alarms.map((a) => a.id)).toEqual(['h', 'm']);
  });
});

describe('applyUpdates', () => {
  const start = fromSnapshot(snapshot([reading(1, 'hr', 80, 1000)], 1000), 1000);

  it('adds readings and moves the window', () => {
    const next = applyUpdates(start, { ...noUpdates(), readings: [reading(2, 'hr', 85, 2000)] }, 2500);
    expect(next.buffers.hr?.map((p) => p.id)).toEqual([1, 2]);
    expect(next.latest.hr?.id).toBe(2);
    expect(next.lastReadingId).toBe(2);
    expect(next.windowEnd).toBe(2500);
  });

  it('ignores readings of another session', () => {
    const next = applyUpdates(
      start,
      { ...noUpdates(), readings: [{ ...reading(2, 'hr', 85, 2000), sessionId: 'x' }] },
      2500,
    );
    expect(next.buffers.hr).toBe(start.buffers.hr);
    expect(next.lastReadingId).toBe(1);
  });

  it('does not let a late, older reading replace the current value', () => {
    const later = applyUpdates(start, { ...noUpdates(), readings: [reading(5, 'hr', 90, 5000)] }, 5000);
    const next = applyUpdates(later, { ...noUpdates(), readings: [reading(6, 'hr', 70, 3000)] }, 6000);
    expect(next.latest.hr?.value).toBe(90);
    expect(next.buffers.hr?.map((p) => p.v)).toEqual([80, 70, 90]);
  });

  it('scrolls old readings off the chart but keeps the newest value for its age', () => {
    const next = applyUpdates(start, noUpdates(), 1000 + 16 * MIN);
    expect(next.buffers.hr).toEqual([]);
    expect(next.latest.hr?.value).toBe(80);
  });

  it('applies alarm events and session changes', () => {
    const next = applyUpdates(
      start,
      {
        ...noUpdates(),
        alarmEvents: [{ type: 'raised', at: 2000, by: null, alarm: alarm({ id: 'a' }) }],
        session: { ...SESSION, state: 'recovery' },
      },
      2000,
    );
    expect(next.alarms.map((a) => a.id)).toEqual(['a']);
    expect(next.session.state).toBe('recovery');
  });
});

describe('mergeSnapshot', () => {
  it('fills in what was missed while disconnected and counts it', () => {
    const before = fromSnapshot(snapshot([reading(1, 'hr', 80, 1000), reading(2, 'hr', 81, 2000)], 2000), 2000);
    const catchUp = snapshot(
      [
        reading(2, 'hr', 81, 2000),
        reading(3, 'hr', 82, 3000),
        reading(4, 'spo2', 96, 3000),
        reading(5, 'hr', 83, 4000),
      ],
      9000,
      { alarms: [alarm({ id: 'new' })] },
    );
    const { data, filled } = mergeSnapshot(before, catchUp, 9000);
    expect(filled).toBe(3);
    expect(data.buffers.hr?.map((p) => p.id)).toEqual([1, 2, 3, 5]);
    expect(data.lastReadingId).toBe(5);
    expect(data.alarms.map((a) => a.id)).toEqual(['new']);
  });

  it('replaces alarms that ended while away', () => {
    const before = fromSnapshot(snapshot([], 0, { alarms: [alarm({ id: 'old' })] }), 0);
    const { data, filled } = mergeSnapshot(before, snapshot([], 5000), 5000);
    expect(data.alarms).toEqual([]);
    expect(filled).toBe(0);
  });
});
