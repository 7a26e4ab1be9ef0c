// Alarm tones through the Web Audio API. Browsers keep audio locked until the user clicks
// or types on the page; until then the screen says "Sound off" (see AlarmSoundControl).
import type { Priority } from '@infusion/shared';
import { burstLengthMs, TONE_PATTERNS, type TonePattern } from './tonePatterns';

/** What the sound control shows. Never silent without saying so. */
export type SoundState = 'unsupported' | 'locked' | 'on' | 'muted';

type Listener = () => void;

const GAIN = 0.25;
/** Soft edges on each pulse, so it sounds like a monitor and not a click. */
const RAMP_S = 0.01;

function audioContextClass(): typeof AudioContext | null {
  return typeof window !== 'undefined' && 'AudioContext' in window ? window.AudioContext : null;
}

/** Plays the tone of the one alarm that should sound. One player for the whole app. */
export class AlarmTonePlayer {
  private ctx: AudioContext | null = null;
  private muted = false;
  private state: SoundState;
  private readonly listeners = new Set<Listener>();
  /** What should sound: set by the watched session, kept while audio is locked or muted. */
  private wanted: { priority: Priority; key: string } | null = null;
  private playing: {
    priority: Priority;
    key: string;
    output: GainNode;
    timer: ReturnType<typeof setTimeout> | null;
  } | null = null;
  /** The last low-priority alarm that already played its single pulse. */
  private lowPlayedFor: string | null = null;

  constructor() {
    this.state = audioContextClass() ? 'locked' : 'unsupported';
  }

  /** Tries to start audio at once (works where the browser allows it) and on the first gesture. */
  install(): () => void {
    const Ctor = audioContextClass();
    if (!Ctor) return () => undefined;
    // On click and keyup, not pointerdown or keydown: the sound control changes from
    // "Sound off" to "Mute" once audio starts, and must not do so under the pressing finger,
    // or the click that enabled sound would land on Mute. The browser remembers the
    // gesture from the press, so resuming here is still allowed.
    const onGesture = () => void this.unlock();
    document.addEventListener('click', onGesture, { capture: true });
    document.addEventListener('keyup', onGesture, { capture: true });
    void this.unlock();
    return () => {
      document.removeEventListener('click', onGesture, { capture: true });
      document.removeEventListener('keyup', onGesture, { capture: true });
    };
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SoundState => this.state;

  /** Starts (or resumes) audio. Must run inside a click or key handler to succeed. */
  async unlock(): Promise<void> {
    const Ctor = audioContextClass();
    if (!Ctor) return;
    if (!this.ctx) {
      this.ctx = new Ctor();
      this.ctx.addEventListener('statechange', () => this.refresh());
    }
    if (this.ctx.state !== 'running') {
      try {
        await this.ctx.resume();
      } catch {
        // Still locked; the control keeps saying so.
      }
    }
    this.refresh();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.refresh();
  }

  /** Sets the tone that should play; `null` for silence. `key` names the alarm sounding. */
  play(priority: Priority | null, key = ''): void {
    this.wanted = priority === null ? null : { priority, key };
    this.apply();
  }

  private refresh(): void {
    const running = this.ctx?.state === 'running';
    const next: SoundState = !audioContextClass() ? 'unsupported' : !running ? 'locked' : this.muted ? 'muted' : 'on';
    if (next !== this.state) {
      this.state = next;
      for (const listener of this.listeners) listener();
    }
    this.apply();
  }

  private apply(): void {
    const wanted = this.state === 'on' ? this.wanted : null;
    const playing = this.playing;
    if (
      playing &&
      wanted &&
      playing.priority === wanted.priority &&
      (wanted.priority !== 'low' || playing.key === wanted.key)
    ) {
      return;
    }
    this.stop();
    if (!wanted || !this.ctx) return;
    if (wanted.priority === 'low' && this.lowPlayedFor === wanted.key) return;
    const output = this.ctx.createGain();
    output.gain.value = GAIN;
    output.connect(this.ctx.destination);
    this.playing = { ...wanted, output, timer: null };
    if (wanted.priority === 'low') this.lowPlayedFor = wanted.key;
    this.burst(TONE_PATTERNS[wanted.priority]);
  }

  private burst(pattern: TonePattern): void {
    const playing = this.playing;
    const ctx = this.ctx;
    if (!playing || !ctx) return;
    const start = ctx.currentTime + 0.05;
    const pulse = pattern.pulseMs / 1000;
    for (const offsetMs of pattern.pulseStartsMs) {
      const t = start + offsetMs / 1000;
      const osc = ctx.createOscillator();
      const envelope = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = pattern.frequencyHz;
      envelope.gain.setValueAtTime(0, t);
      envelope.gain.linearRampToValueAtTime(1, t + RAMP_S);
      envelope.gain.setValueAtTime(1, t + pulse - RAMP_S);
      envelope.gain.linearRampToValueAtTime(0, t + pulse);
      osc.connect(envelope).connect(playing.output);
      osc.start(t);
      osc.stop(t + pulse);
    }
    const next = pattern.repeatEveryMs;
    playing.timer =
      next === null
        ? setTimeout(() => this.finishOnce(playing.output), burstLengthMs(pattern) + 100)
        : setTimeout(() => this.burst(pattern), next);
  }

  private finishOnce(output: GainNode): void {
    if (this.playing?.output !== output) return;
    output.disconnect();
    // The single pulse is done; keep `playing` so the same low alarm does not start again.
    this.playing = { ...this.playing, timer: null };
  }

  private stop(): void {
    if (!this.playing) return;
    if (this.playing.timer !== null) clearTimeout(this.playing.timer);
    this.playing.output.disconnect();
    this.playing = null;
  }
}
