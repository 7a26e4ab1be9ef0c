import { useSoundState, useTonePlayer } from './SoundContext';

/**
 * Always in the top bar. Says whether alarms can be heard here, and never lets the screen be
 * silent without saying so: locked by the browser, muted, or unsupported all show loudly.
 */
export function AlarmSoundControl() {
  const player = useTonePlayer();
  const state = useSoundState();
  switch (state) {
    case 'unsupported':
      return (
        <span className="sound-control sound-control--off" data-testid="sound-control" role="status">
          No alarm sound in this browser
        </span>
      );
    case 'locked':
      return (
        <button
          type="button"
          className="sound-control sound-control--off"
          data-testid="sound-control"
          onClick={() => void player.unlock()}
        >
          Sound off – click to enable alarm sound
        </button>
      );
    case 'muted':
      return (
        <button
          type="button"
          className="sound-control sound-control--muted"
          data-testid="sound-control"
          aria-pressed="true"
          onClick={() => player.setMuted(false)}
        >
          ALARM SOUND MUTED – click to unmute
        </button>
      );
    case 'on':
      return (
        <button
          type="button"
          className="sound-control sound-control--on"
          data-testid="sound-control"
          aria-pressed="false"
          title="Mute alarm sound on this screen"
          onClick={() => player.setMuted(true)}
        >
          Sound on · Mute
        </button>
      );
  }
}
