import type { Alarm, AlarmEvent } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { applyAlarmEvent, sortAlarms, upsertAlarms } from './alarmList';
import { alarm } from './fixtures/alarms';

const ids = (alarms: readonly Alarm[]) => alarms.map((a) => a.id);

describe('sortAlarms', () => {
  it('puts high before medium before low, newest first within a priority', () => {
    const list = [
      alarm({ id: 'low-old', priority: 'low', raisedAt: 1 }),
      alarm({ id: 'med-old', priority: 'medium', raisedAt: 2 }),
      alarm({ id: 'high-old', priority: 'high', raisedAt: 3 }),
      alarm({ id: 'med-new', priority: 'medium', raisedAt: 9 }),
      alarm({ id: 'high-new', priority: 'high', raisedAt: 8 }),
    ];
    expect(ids(sortAlarms(list))).toEqual(['high-new', 'high-old', 'med-new', 'med-old', 'low-old']);
  });
});

describe('applyAlarmEvent', () => {
  const base = [alarm({ id: 'a', priority: 'medium', raisedAt: 5 })];
  const event = (type: AlarmEvent['type'], a: Alarm): AlarmEvent => ({ type, at: 10, by: null, alarm: a });

  it.each<[string, AlarmEvent, string[]]>([
    ['a raised alarm joins, sorted', event('raised', alarm({ id: 'b', priority: 'high', raisedAt: 6 })), ['b', 'a']],
    ['a cleared alarm leaves', event('cleared', alarm({ id: 'a' })), []],
    ['an alarm of another session is ignored', event('raised', alarm({ id: 'c', sessionId: 'other' })), ['a']],
    [
      'an acknowledged alarm is updated in place',
      event('acknowledged', alarm({ id: 'a', acknowledgedBy: 'A. Nurse' })),
      ['a'],
    ],
  ])('%s', (_name, ev, expected) => {
    expect(ids(applyAlarmEvent(base, ev, 's1'))).toEqual(expected);
  });

  it('carries the new state of the alarm', () => {
    const next = applyAlarmEvent(
      base,
      event('priority-raised', alarm({ id: 'a', priority: 'high', raisedAt: 5 })),
      's1',
    );
    expect(next[0]?.priority).toBe('high');
  });

  it('returns the same list when a cleared alarm was not there', () => {
    expect(applyAlarmEvent(base, event('cleared', alarm({ id: 'zzz' })), 's1')).toBe(base);
  });
});

describe('upsertAlarms', () => {
  it('replaces known alarms and ignores unknown ones', () => {
    const base = [alarm({ id: 'a' }), alarm({ id: 'b' })];
    const next = upsertAlarms(base, [alarm({ id: 'b', audioPausedUntil: 99 }), alarm({ id: 'x' })]);
    expect(ids(next)).toEqual(['a', 'b']);
    expect(next.find((a) => a.id === 'b')?.audioPausedUntil).toBe(99);
  });
});
