import { describe, expect, it } from 'vitest';
import { SESSION } from '../session/fixtures/session';
import {
  actionText,
  auditDetails,
  cssString,
  formatDateTime,
  formatMoment,
  formatSeconds,
  printPageCss,
  sessionDurations,
} from './format';

const MIN = 60_000;

describe('dates and times', () => {
  it('writes the date unambiguously', () => {
    expect(formatDateTime(new Date(2026, 2, 5, 9, 2).getTime())).toBe('2026-03-05 09:02');
  });
  it('adds the date only to a moment on another day', () => {
    const day = new Date(2026, 2, 5, 9, 0).getTime();
    expect(formatMoment(new Date(2026, 2, 5, 23, 59, 7).getTime(), day)).toBe('23:59:07');
    expect(formatMoment(new Date(2026, 2, 6, 0, 0, 3).getTime(), day)).toBe('2026-03-06 00:00:03');
  });
});

describe('formatSeconds', () => {
  it.each([
    [0, '0 s'],
    [-2, '0 s'],
    [19.6, '20 s'],
    [60, '1 min'],
    [80, '1 min 20 s'],
    [3600, '1 h'],
    [3600 + 5 * 60 + 20, '1 h 5 min'],
  ])('%s s reads "%s"', (s, text) => {
    expect(formatSeconds(s)).toBe(text);
  });
});

describe('sessionDurations', () => {
  it.each([
    [
      'not ended',
      { endedAt: null, infusionStartedAt: 5 * MIN, recoveryStartedAt: null },
      { session: null, infusion: null },
    ],
    ['never infused', { endedAt: 30 * MIN, infusionStartedAt: null }, { session: 30 * MIN, infusion: null }],
    [
      'infused, then recovered',
      { endedAt: 90 * MIN, infusionStartedAt: 10 * MIN, recoveryStartedAt: 52 * MIN },
      { session: 90 * MIN, infusion: 42 * MIN },
    ],
    [
      'ended early while infusing',
      { endedAt: 30 * MIN, infusionStartedAt: 10 * MIN, recoveryStartedAt: null },
      { session: 30 * MIN, infusion: 20 * MIN },
    ],
  ])('%s', (_name, changes, expected) => {
    expect(sessionDurations({ ...SESSION, createdAt: 0, ...changes })).toEqual(expected);
  });
});

describe('audit wording', () => {
  it('reads actions and details', () => {
    expect(actionText('state-changed')).toBe('State changed');
    expect(actionText('alarm-acknowledged')).toBe('Alarm acknowledged');
    expect(auditDetails({ from: 'infusing', to: 'recovery', aldrete: { activity: 2 }, override: true, n: null })).toBe(
      'from: infusing · to: recovery · aldrete: {"activity":2} · override: true · n: –',
    );
    expect(auditDetails({})).toBe('');
  });
});

describe('the printed page header', () => {
  it('escapes what a name could hold', () => {
    expect(cssString('O"Brien \\ </style>\nx')).toBe('"O\\"Brien \\\\ \\3c /style> x"');
  });
  it('names the patient, the MRN and the session on every page', () => {
    const css = printPageCss(SESSION, new Date(2026, 2, 5, 12, 0).getTime());
    expect(css).toContain('@top-left { content: "Jane Doe · MRN MRN-001"');
    expect(css).toContain('Printed 2026-03-05 12:00');
    expect(css).toContain('counter(pages)');
  });
});
