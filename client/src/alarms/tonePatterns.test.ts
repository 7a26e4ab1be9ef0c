import { describe, expect, it } from 'vitest';
import { burstLengthMs, TONE_PATTERNS } from './tonePatterns';

/** Groups pulse starts into runs separated by more than one pulse's spacing. */
function groups(starts: readonly number[]): number[] {
  const out: number[] = [];
  let previous = -Infinity;
  for (const t of starts) {
    if (t - previous > 400) out.push(1);
    else out[out.length - 1] = (out[out.length - 1] ?? 0) + 1;
    previous = t;
  }
  return out;
}

describe('TONE_PATTERNS', () => {
  it.each([
    ['high', [3, 2, 3, 2], true],
    ['medium', [3], true],
    ['low', [1], false],
  ] as const)('%s sounds %j pulses, repeating: %s', (priority, runs, repeats) => {
    const pattern = TONE_PATTERNS[priority];
    expect(groups(pattern.pulseStartsMs)).toEqual(runs);
    expect(pattern.repeatEveryMs !== null).toBe(repeats);
  });

  it('never overlaps pulses, and each burst ends before the next starts', () => {
    for (const pattern of Object.values(TONE_PATTERNS)) {
      const starts = pattern.pulseStartsMs;
      for (let i = 1; i < starts.length; i++) {
        expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThan(pattern.pulseMs);
      }
      if (pattern.repeatEveryMs !== null) expect(burstLengthMs(pattern)).toBeLessThan(pattern.repeatEveryMs);
    }
  });

  it('makes high more urgent than medium: higher pitch, more often', () => {
    expect(TONE_PATTERNS.high.frequencyHz).toBeGreaterThan(TONE_PATTERNS.medium.frequencyHz);
    expect(TONE_PATTERNS.high.repeatEveryMs ?? Infinity).toBeLessThan(TONE_PATTERNS.medium.repeatEveryMs ?? Infinity);
  });
});
