import type { Alarm, AlarmEvent } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { mergeAlarmEvents, recentAlarms } from './recentAlarms';

const alarm = (over: Partial<Alarm> = {}): Alarm => ({
  id: 'a',
  sessionId: 's1',
  condition: 'spo2.limit',
  kind: 'physiological',
  vital: 'spo2',
  priority: 'high',
  message: 'SpO2 75 < 80',
  value: 75,
  state: 'active',
  raisedAt: 1_000,
  acknowledgedAt: null,
  acknowledgedBy: null,
  audioPausedUntil: null,
  audioPausedBy: null,
  escalatedAt: null,
  ...over,
});
const event = (type: AlarmEvent['type'], at: number, over: Partial<Alarm> = {}): AlarmEvent => ({
  type,
  at,
  by: null,
  alarm: alarm(over),
});

const HOUR = 60 * 60_000;

describe('recentAlarms', () => {
  it('lists cleared alarms of the session within the window, newest first', () => {
    const now = 10 * HOUR;
    const events = [
      event('raised', now - 30_000, { id: 'x' }),
      event('cleared', now - 2 * HOUR, { id: 'old' }),
      event('cleared', now - 20 * 60_000, { id: 'b' }),
      event('cleared', now - 5 * 60_000, { id: 'c', acknowledgedBy: 'Nora Nurse', acknowledgedAt: 5 }),
      event('cleared', now - 60_000, { id: 'other', sessionId: 's2' }),
    ];
    const list = recentAlarms(events, 's1', now);
    expect(list.map((r) => r.alarm.id)).toEqual(['c', 'b']);
    expect(list[0]?.alarm.acknowledgedBy).toBe('Nora Nurse');
    expect(list[0]?.clearedAt).toBe(now - 5 * 60_000);
  });

  it('is empty with nothing cleared', () => {
    expect(recentAlarms([event('raised', 5)], 's1', 10)).toEqual([]);
  });
});

describe('mergeAlarmEvents', () => {
  it('adds only events not yet in the list', () => {
    const a = event('raised', 1);
    const b = event('cleared', 2);
    expect(mergeAlarmEvents([a], [a, b])).toEqual([a, b]);
  });
});
