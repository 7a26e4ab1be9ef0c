import { useEffect } from 'react';
import { useTonePlayer } from '../alarms/SoundContext';
import { burstLengthMs, TONE_PATTERNS } from '../alarms/tonePatterns';
import type { ChimeSignal } from './wardStore';

/** Time after a burst's last pulse before the player is told to stop. */
const AFTER_BURST_MS = 150;

/**
 * Sounds one burst of a new alarm's priority tone, once: the ward screen says "something new
 * happened, look", and each chair's own screen keeps sounding until someone acknowledges.
 */
export function useWardChime(chime: ChimeSignal | null): void {
  const player = useTonePlayer();
  useEffect(() => {
    if (chime === null) return;
    player.play(chime.priority, `ward-chime-${chime.seq}`);
    const timer = setTimeout(() => player.play(null), burstLengthMs(TONE_PATTERNS[chime.priority]) + AFTER_BURST_MS);
    return () => {
      clearTimeout(timer);
      player.play(null);
    };
  }, [player, chime]);
}
