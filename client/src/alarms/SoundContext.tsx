import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AlarmTonePlayer, SoundState } from './tones';

const SoundContext = createContext<AlarmTonePlayer | null>(null);

export function SoundProvider({ player, children }: { player: AlarmTonePlayer; children: ReactNode }) {
  return <SoundContext value={player}>{children}</SoundContext>;
}

/** The app's one alarm tone player. */
export function useTonePlayer(): AlarmTonePlayer {
  const player = useContext(SoundContext);
  if (!player) throw new Error('useTonePlayer needs a SoundProvider');
  return player;
}

/** Whether alarm sound can be heard on this screen. */
export function useSoundState(): SoundState {
  const player = useTonePlayer();
  return useSyncExternalStore(player.subscribe, player.getState);
}
