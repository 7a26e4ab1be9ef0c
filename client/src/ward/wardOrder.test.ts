import { describe, expect, it } from 'vitest';
import { alarm, session } from './fixtures/ward';
import { alarmToAcknowledge, orderTiles, RANK, tileRank, topAlarm } from './wardOrder';

const acked = { acknowledgedAt: 5_000, acknowledgedBy: 'Nora Nurse' };

describe('tileRank', () => {
  it.each([
    ['no alarms', [], RANK.none],
    ['an unacknowledged high alarm', [alarm({ priority: 'high' })], RANK.unacknowledgedHigh],
    ['an unacknowledged medium alarm', [alarm({ priority: 'medium' })], RANK.unacknowledgedMedium],
    ['an unacknowledged low alarm', [alarm({ priority: 'low', kind: 'technical' })], RANK.unacknowledgedLow],
    ['a latched high alarm', [alarm({ state: 'latched' })], RANK.latched],
    ['an acknowledged high alarm', [alarm(acked)], RANK.acknowledged],
    [
      'an acknowledged high and an unacknowledged low: the one waiting counts',
      [alarm({ id: 'a', ...acked }), alarm({ id: 'b', priority: 'low' })],
      RANK.unacknowledgedLow,
    ],
    [
      'a latched high and an active medium: the active one first',
      [alarm({ id: 'a', state: 'latched' }), alarm({ id: 'b', priority: 'medium' })],
      RANK.unacknowledgedMedium,
    ],
  ])('%s', (_name, alarms, rank) => {
    expect(tileRank(alarms)).toBe(rank);
  });
});

describe('topAlarm and alarmToAcknowledge', () => {
  it('shows the most urgent waiting alarm, the newest of equals', () => {
    const older = alarm({ id: 'old', priority: 'high', raisedAt: 1_000 });
    const newer = alarm({ id: 'new', priority: 'high', raisedAt: 2_000 });
    const medium = alarm({ id: 'med', priority: 'medium', raisedAt: 3_000 });
    expect(topAlarm([older, medium, newer])?.id).toBe('new');
    expect(alarmToAcknowledge([older, medium, newer])?.id).toBe('new');
  });

  it('shows an acknowledged alarm but offers nothing to acknowledge', () => {
    const a = alarm(acked);
    expect(topAlarm([a])).toBe(a);
    expect(alarmToAcknowledge([a])).toBeNull();
    expect(alarmToAcknowledge([])).toBeNull();
  });

  it('offers a latched alarm for acknowledgement', () => {
    expect(alarmToAcknowledge([alarm({ state: 'latched' })])?.id).toBe('alarm-1');
  });
});

describe('orderTiles', () => {
  const tile = (id: string, location: string, alarms: ReturnType<typeof alarm>[] = []) => ({
    session: session(id, location),
    alarms,
  });

  it('puts unacknowledged high > medium > low > latched > acknowledged > quiet, then by chair', () => {
    const tiles = [
      tile('quiet-2', 'Chair 2'),
      tile('acked', 'Chair 1', [alarm({ sessionId: 'acked', ...acked })]),
      tile('low', 'Chair 9', [alarm({ sessionId: 'low', priority: 'low' })]),
      tile('quiet-10', 'Chair 10'),
      tile('latched', 'Chair 3', [alarm({ sessionId: 'latched', state: 'latched' })]),
      tile('medium', 'Chair 4', [alarm({ sessionId: 'medium', priority: 'medium' })]),
      tile('high-12', 'Chair 12', [alarm({ sessionId: 'high-12' })]),
      tile('high-5', 'Chair 5', [alarm({ sessionId: 'high-5' })]),
      tile('quiet-1', 'Chair 1'),
    ];
    expect(orderTiles(tiles).map((t) => t.session.id)).toEqual([
      'high-5',
      'high-12',
      'medium',
      'low',
      'latched',
      'acked',
      'quiet-1',
      'quiet-2',
      'quiet-10',
    ]);
  });

  it('does not change the order it was given', () => {
    const tiles = [tile('b', 'Chair 2'), tile('a', 'Chair 1')];
    orderTiles(tiles);
    expect(tiles.map((t) => t.session.id)).toEqual(['b', 'a']);
  });
});
