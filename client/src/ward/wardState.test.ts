import { describe, expect, it } from 'vitest';
import { alarm, event, reading, session } from './fixtures/ward';
import {
  applyWardUpdates,
  EMPTY_WARD,
  fromWardSnapshot,
  MAX_TREND_POINTS,
  noWardUpdates,
  upsertWardAlarm,
  WARD_TREND_MS,
  type WardData,
} from './wardState';

const NOW = 10_000_000;
const A = session('a', 'Chair 1');
const B = session('b', 'Chair 2');

function loaded(): WardData {
  return fromWardSnapshot(
    EMPTY_WARD,
    {
      sessions: [A, B],
      alarms: [alarm({ id: 'b-spo2', sessionId: 'b', priority: 'medium' })],
      readings: [reading(1, 'a', 'hr', 80, NOW - 2_000), reading(2, 'a', 'hr', 82, NOW - 1_000)],
    },
    NOW,
    true,
  ).data;
}

describe('fromWardSnapshot', () => {
  it('makes a tile per monitored session with its trends, newest values and alarms', () => {
    const data = loaded();
    expect([...data.tiles.keys()]).toEqual(['a', 'b']);
    const a = data.tiles.get('a');
    expect(a?.trends.hr?.map((p) => p.v)).toEqual([80, 82]);
    expect(a?.latest.hr?.v).toBe(82);
    expect(a?.newestAt).toBe(NOW - 1_000);
    expect(data.tiles.get('b')?.alarms.map((x) => x.id)).toEqual(['b-spo2']);
    expect(data.tiles.get('b')?.newestAt).toBeNull();
    expect(data.lastReadingId).toBe(2);
  });

  it('leaves out sessions no longer monitored', () => {
    const snap = { sessions: [A, session('c', 'Chair 3', { state: 'discharged' })], alarms: [], readings: [] };
    expect([...fromWardSnapshot(EMPTY_WARD, snap, NOW, true).data.tiles.keys()]).toEqual(['a']);
  });

  it('sounds for no alarm on the first answer, and for alarms new to the screen after a reconnect', () => {
    const snap = {
      sessions: [A, B],
      alarms: [
        alarm({ id: 'b-spo2', sessionId: 'b', priority: 'medium' }),
        alarm({ id: 'a-hr', sessionId: 'a', priority: 'high' }),
      ],
      readings: [],
    };
    expect(fromWardSnapshot(EMPTY_WARD, snap, NOW, true).chime).toBeNull();
    expect(fromWardSnapshot(loaded(), snap, NOW, false).chime).toBe('high');
    expect(fromWardSnapshot(loaded(), { ...snap, alarms: snap.alarms.slice(0, 1) }, NOW, false).chime).toBeNull();
  });

  it('keeps the trends seen before a reconnect and fills in what was missed, once', () => {
    const again = fromWardSnapshot(
      loaded(),
      {
        sessions: [A],
        alarms: [],
        readings: [reading(2, 'a', 'hr', 82, NOW - 1_000), reading(3, 'a', 'hr', 84, NOW)],
      },
      NOW,
      false,
    ).data;
    expect(again.tiles.get('a')?.trends.hr?.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(again.tiles.has('b')).toBe(false);
  });
});

describe('applyWardUpdates', () => {
  it('changes only the tiles that something happened to', () => {
    const before = loaded();
    const updates = { ...noWardUpdates(), readings: [reading(3, 'a', 'spo2', 97, NOW)] };
    const { data } = applyWardUpdates(before, updates, NOW);
    expect(data.tiles.get('b')).toBe(before.tiles.get('b'));
    expect(data.tiles.get('a')).not.toBe(before.tiles.get('a'));
    expect(data.tiles.get('a')?.latest.spo2?.v).toBe(97);
    expect(data.tiles.get('a')?.trends.hr).toBe(before.tiles.get('a')?.trends.hr);
  });

  it('returns the same data when nothing arrived or nothing was new', () => {
    const before = loaded();
    expect(applyWardUpdates(before, noWardUpdates(), NOW).data).toBe(before);
    const dup = { ...noWardUpdates(), readings: [reading(2, 'a', 'hr', 82, NOW - 1_000)] };
    expect(applyWardUpdates(before, dup, NOW).data.tiles.get('a')).toBe(before.tiles.get('a'));
  });

  it('keeps a late reading out of the newest value', () => {
    const late = { ...noWardUpdates(), readings: [reading(9, 'a', 'hr', 50, NOW - 60_000)] };
    const tile = applyWardUpdates(loaded(), late, NOW).data.tiles.get('a');
    expect(tile?.latest.hr?.v).toBe(82);
    expect(tile?.trends.hr?.map((p) => p.v)).toEqual([50, 80, 82]);
  });

  it('bounds the trends by time and by points', () => {
    const old = { ...noWardUpdates(), readings: [reading(9, 'a', 'hr', 50, NOW - WARD_TREND_MS - 1)] };
    expect(applyWardUpdates(loaded(), old, NOW).data.tiles.get('a')?.trends.hr).toHaveLength(2);
    const flood = Array.from({ length: MAX_TREND_POINTS + 50 }, (_, i) =>
      reading(100 + i, 'a', 'rr', 14, NOW - 60_000 + i * 10),
    );
    const tile = applyWardUpdates(loaded(), { ...noWardUpdates(), readings: flood }, NOW).data.tiles.get('a');
    expect(tile?.trends.rr).toHaveLength(MAX_TREND_POINTS);
  });

  it('ignores readings and alarms of sessions not on the ward', () => {
    const before = loaded();
    const updates = {
      ...noWardUpdates(),
      readings: [reading(5, 'zz', 'hr', 80, NOW)],
      alarmEvents: [event('raised', alarm({ id: 'zz-1', sessionId: 'zz' }))],
    };
    const result = applyWardUpdates(before, updates, NOW);
    expect([...result.data.tiles.keys()]).toEqual(['a', 'b']);
    expect(result.chime).toBeNull();
  });

  it.each([
    ['raised', 'medium', 'medium'],
    ['priority-raised', 'high', 'high'],
    ['acknowledged', 'high', null],
    ['escalated', 'high', null],
    ['condition-ended', 'high', null],
  ] as const)('a %s %s alarm event chimes %s', (type, priority, chime) => {
    const a = alarm({ id: 'a-x', sessionId: 'a', priority });
    const updates = { ...noWardUpdates(), alarmEvents: [event(type, a)] };
    expect(applyWardUpdates(loaded(), updates, NOW).chime).toBe(chime);
  });

  it('chimes the loudest of several new alarms', () => {
    const updates = {
      ...noWardUpdates(),
      alarmEvents: [
        event('raised', alarm({ id: 'a-1', sessionId: 'a', priority: 'low' })),
        event('raised', alarm({ id: 'b-1', sessionId: 'b', priority: 'high' })),
        event('raised', alarm({ id: 'a-2', sessionId: 'a', priority: 'medium' })),
      ],
    };
    expect(applyWardUpdates(loaded(), updates, NOW).chime).toBe('high');
  });

  it('takes acknowledgements and clearances onto the tile', () => {
    const acked = alarm({
      id: 'b-spo2',
      sessionId: 'b',
      priority: 'medium',
      acknowledgedAt: NOW,
      acknowledgedBy: 'Nora',
    });
    let data = applyWardUpdates(
      loaded(),
      { ...noWardUpdates(), alarmEvents: [event('acknowledged', acked)] },
      NOW,
    ).data;
    expect(data.tiles.get('b')?.alarms[0]?.acknowledgedBy).toBe('Nora');
    data = applyWardUpdates(data, { ...noWardUpdates(), alarmEvents: [event('cleared', acked)] }, NOW).data;
    expect(data.tiles.get('b')?.alarms).toEqual([]);
  });

  it('adds a session that starts being monitored and removes one that ends', () => {
    const updates = {
      ...noWardUpdates(),
      sessions: [session('c', 'Chair 3'), { ...A, state: 'discharged' as const }, { ...B, location: 'Chair 7' }],
    };
    const { data } = applyWardUpdates(loaded(), updates, NOW);
    expect([...data.tiles.keys()].sort()).toEqual(['b', 'c']);
    expect(data.tiles.get('b')?.session.location).toBe('Chair 7');
    expect(data.tiles.get('b')?.alarms).toHaveLength(1);
  });
});

describe('upsertWardAlarm', () => {
  it('puts the acknowledged alarm on its tile', () => {
    const acked = alarm({
      id: 'b-spo2',
      sessionId: 'b',
      priority: 'medium',
      acknowledgedAt: NOW,
      acknowledgedBy: 'Nora',
    });
    const data = upsertWardAlarm(loaded(), acked);
    expect(data.tiles.get('b')?.alarms[0]?.acknowledgedAt).toBe(NOW);
  });

  it('leaves the ward alone for an alarm of a session not on it', () => {
    const before = loaded();
    expect(upsertWardAlarm(before, alarm({ sessionId: 'zz' }))).toBe(before);
  });
});
