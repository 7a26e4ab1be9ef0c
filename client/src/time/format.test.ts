import { describe, expect, it } from 'vitest';
import { formatClock, formatClockSeconds, formatCountdown, formatSpan } from './format';

describe('formatClock', () => {
  it('shows local hours and minutes, zero-padded', () => {
    const t = new Date(2026, 0, 5, 9, 4, 7).getTime();
    expect(formatClock(t)).toBe('09:04');
    expect(formatClockSeconds(t)).toBe('09:04:07');
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0 s'],
    [-3000, '0 s'],
    [999, '0 s'],
    [2_000, '2 s'],
    [34_900, '34 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [4 * 60_000 + 59_000, '4 min'],
    [3600_000, '1 h'],
    [3600_000 + 5 * 60_000, '1 h 5 min'],
  ])('%i ms reads "%s"', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe('formatCountdown', () => {
  it.each([
    [120_000, '2:00'],
    [112_000, '1:52'],
    [100, '0:01'],
    [0, '0:00'],
    [-5, '0:00'],
  ])('%i ms left reads "%s"', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
