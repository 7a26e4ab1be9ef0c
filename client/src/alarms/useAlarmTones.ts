import type { Alarm } from '@infusion/shared';
import { useEffect } from 'react';
import { useServerNow } from '../connection/ConnectionContext';
import { useTonePlayer } from './SoundContext';
import { alarmToSound } from './soundPolicy';

/** Sounds the watched session's most urgent unacknowledged, un-paused alarm. */
export function useAlarmTones(alarms: readonly Alarm[]): void {
  const player = useTonePlayer();
  const now = useServerNow();
  const sounding = alarmToSound(alarms, now);
  const priority = sounding?.priority ?? null;
  const key = sounding?.id ?? '';
  useEffect(() => {
    player.play(priority, key);
  }, [player, priority, key]);
  useEffect(() => () => player.play(null), [player]);
}
