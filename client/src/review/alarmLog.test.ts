import type { Alarm, AlarmEvent } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { alarmEnd, alarmLog } from './alarmLog';

const base: Alarm = {
  id: 'a1',
  sessionId: 's1',
  condition: 'spo2.limit',
  kind: 'physiological',
  vital: 'spo2',
  priority: 'medium',
  message: 'SpO2 91 < 92',
  value: 91,
  state: 'active',
  raisedAt: 1000,
  acknowledgedAt: null,
  acknowledgedBy: null,
  audioPausedUntil: null,
  audioPausedBy: null,
  escalatedAt: null,
};

const ev = (
  type: AlarmEvent['type'],
  at: number,
  alarm: Partial<Alarm> = {},
  by: string | null = null,
): AlarmEvent => ({
  type,
  at,
  by,
  alarm: { ...base, ...alarm },
});

describe('alarmLog', () => {
  it('tells one alarm from raise to clear: priority raised, escalated, acknowledged by whom and after how long', () => {
    const rows = alarmLog([
      ev('raised', 1000),
      ev('priority-raised', 16_000, { priority: 'high', message: 'SpO2 88 < 90' }),
      ev('escalated', 76_000, { priority: 'high' }),
      ev('audio-paused', 80_000, { priority: 'high' }, 'Nora Nurse'),
      ev('acknowledged', 91_000, { priority: 'high', acknowledgedBy: 'Nora Nurse' }, 'Nora Nurse'),
      ev('condition-ended', 120_000, { priority: 'high', state: 'latched' }),
      ev('cleared', 120_000, { priority: 'high' }),
    ]);
    expect(rows).toEqual([
      {
        id: 'a1',
        kind: 'physiological',
        vital: 'spo2',
        message: 'SpO2 91 < 92',
        worstMessage: 'SpO2 88 < 90',
        raisedPriority: 'medium',
        priority: 'high',
        raisedAt: 1000,
        priorityRaisedAt: 16_000,
        escalatedAt: 76_000,
        acknowledgements: [{ at: 91_000, by: 'Nora Nurse', afterMs: 90_000 }],
        audioPauses: 1,
        conditionEndedAt: 120_000,
        clearedAt: 120_000,
      },
    ]);
    expect(rows.map(alarmEnd)).toEqual([120_000]);
  });

  it('keeps alarms apart, in the order they were raised, even if their events came in another order', () => {
    const rows = alarmLog([
      ev('raised', 5000, {
        id: 'b',
        raisedAt: 5000,
        kind: 'technical',
        vital: null,
        priority: 'low',
        message: 'No SpO2 data',
      }),
      ev('raised', 1000),
      ev('cleared', 9000, { id: 'b', raisedAt: 5000, priority: 'low' }),
    ]);
    expect(rows.map((r) => [r.id, r.priority, alarmEnd(r)])).toEqual([
      ['a1', 'medium', null],
      ['b', 'low', 9000],
    ]);
  });

  it('records a second acknowledgement after a re-alert', () => {
    const rows = alarmLog([
      ev('raised', 1000),
      ev('acknowledged', 6000, { acknowledgedBy: 'Nick Nurse' }, 'Nick Nurse'),
      ev('priority-raised', 20_000, { priority: 'high' }),
      ev('acknowledged', 26_000, { priority: 'high' }, 'Carla Charge'),
    ]);
    expect(rows[0]?.acknowledgements).toEqual([
      { at: 6000, by: 'Nick Nurse', afterMs: 5000 },
      { at: 26_000, by: 'Carla Charge', afterMs: 25_000 },
    ]);
  });
});
