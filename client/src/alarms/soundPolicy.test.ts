import type { Alarm } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { alarm } from './fixtures/alarms';
import { alarmToSound } from './soundPolicy';

const now = 100_000;

describe('alarmToSound', () => {
  it.each<[string, Alarm[], string | null]>([
    ['nothing without alarms', [], null],
    [
      'the most urgent alarm',
      [alarm({ id: 'm', priority: 'medium', raisedAt: 9 }), alarm({ id: 'h', priority: 'high', raisedAt: 1 })],
      'h',
    ],
    [
      'not an acknowledged one',
      [alarm({ id: 'h', acknowledgedAt: 5, acknowledgedBy: 'A. Nurse' }), alarm({ id: 'l', priority: 'low' })],
      'l',
    ],
    [
      'not one whose audio is paused',
      [alarm({ id: 'h', audioPausedUntil: now + 60_000 }), alarm({ id: 'm', priority: 'medium' })],
      'm',
    ],
    ['one whose pause has run out', [alarm({ id: 'h', audioPausedUntil: now - 1 })], 'h'],
    ['a latched alarm until it is acknowledged', [alarm({ id: 'h', state: 'latched' })], 'h'],
    [
      'nothing when every alarm is handled',
      [alarm({ acknowledgedAt: 1 }), alarm({ id: 'b', audioPausedUntil: now + 1 })],
      null,
    ],
  ])('%s', (_name, alarms, expected) => {
    expect(alarmToSound(alarms, now)?.id ?? null).toBe(expected);
  });
});
