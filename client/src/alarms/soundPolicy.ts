import type { Alarm } from '@infusion/shared';
import { compareAlarms } from './alarmList';

/** Whether an alarm's tone is paused at server time `now`. */
export function isAudioPaused(alarm: Alarm, now: number): boolean {
  return alarm.audioPausedUntil !== null && alarm.audioPausedUntil > now;
}

/**
 * The one alarm whose tone plays: the most urgent unacknowledged alarm whose audio is not
 * paused. Latched alarms count: IEC 60601-1-8 latching signals go on, sound included,
 * until someone acknowledges them, even though the condition itself has ended.
 */
export function alarmToSound(alarms: readonly Alarm[], now: number): Alarm | null {
  let chosen: Alarm | null = null;
  for (const alarm of alarms) {
    if (alarm.acknowledgedAt !== null || isAudioPaused(alarm, now)) continue;
    if (chosen === null || compareAlarms(alarm, chosen) < 0) chosen = alarm;
  }
  return chosen;
}
