import type { Alarm, AlarmEvent } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { applyToEscalations } from './escalations';
import { alarm } from './fixtures/alarms';

const escalated = alarm({ id: 'e', escalatedAt: 70_000 });
const event = (type: AlarmEvent['type'], a: Alarm): AlarmEvent => ({ type, at: 1, by: null, alarm: a });

describe('applyToEscalations', () => {
  it.each<[string, readonly Alarm[], AlarmEvent, string[]]>([
    ['an escalation joins', [], event('escalated', escalated), ['e']],
    ['an alarm that is not escalated is not listed', [], event('raised', alarm({ id: 'x' })), []],
    [
      'acknowledging ends it',
      [escalated],
      event('acknowledged', { ...escalated, acknowledgedAt: 80_000, acknowledgedBy: 'A. Nurse' }),
      [],
    ],
    ['clearing ends it', [escalated], event('cleared', escalated), []],
    ['an audio pause keeps it', [escalated], event('audio-paused', { ...escalated, audioPausedUntil: 9e12 }), ['e']],
  ])('%s', (_name, list, ev, expected) => {
    expect(applyToEscalations(list, ev).map((a) => a.id)).toEqual(expected);
  });

  it('returns the same list for unrelated events', () => {
    const list = [escalated];
    expect(applyToEscalations(list, event('raised', alarm({ id: 'x' })))).toBe(list);
  });
});
