import type { Priority } from '@infusion/shared';

/** One priority's auditory signal (after IEC 60601-1-8's pulse bursts). */
export interface TonePattern {
  frequencyHz: number;
  /** How long each pulse sounds. */
  pulseMs: number;
  /** When each pulse of one burst starts, from the burst's start. */
  pulseStartsMs: readonly number[];
  /** Time from one burst's start to the next; null for a burst that plays once. */
  repeatEveryMs: number | null;
}

const PULSE_SPACING_MS = 250;

/** Pulses `count` pulses apart by the standard spacing, from `from`. */
function run(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i * PULSE_SPACING_MS);
}

/** High: 3+2, 3+2 pulses, again every 5 s. Medium: 3 pulses every 8 s. Low: 1 pulse, once. */
export const TONE_PATTERNS: Readonly<Record<Priority, TonePattern>> = {
  high: {
    frequencyHz: 960,
    pulseMs: 150,
    pulseStartsMs: [...run(0, 3), ...run(1_000, 2), ...run(2_000, 3), ...run(3_000, 2)],
    repeatEveryMs: 5_000,
  },
  medium: {
    frequencyHz: 720,
    pulseMs: 200,
    pulseStartsMs: run(0, 3).map((t) => t * 1.4),
    repeatEveryMs: 8_000,
  },
  low: {
    frequencyHz: 520,
    pulseMs: 250,
    pulseStartsMs: [0],
    repeatEveryMs: null,
  },
};

/** How long one burst lasts, from its first pulse's start to its last pulse's end. */
export function burstLengthMs(pattern: TonePattern): number {
  return Math.max(...pattern.pulseStartsMs) + pattern.pulseMs;
}
