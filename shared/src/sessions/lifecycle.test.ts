import { describe, expect, it } from 'vitest';
import { SESSION_STATES, type SessionState } from './schemas.js';
import { canTransition, dischargeReadiness, TRANSITIONS } from './lifecycle.js';
import { ChartEntryInput, describeEntry } from '../clinical/schemas.js';

const allowed: [SessionState, SessionState][] = [
  ['scheduled', 'pre-check'],
  ['scheduled', 'ended-early'],
  ['pre-check', 'infusing'],
  ['pre-check', 'ended-early'],
  ['infusing', 'paused'],
  ['infusing', 'recovery'],
  ['infusing', 'ended-early'],
  ['paused', 'infusing'],
  ['paused', 'recovery'],
  ['paused', 'ended-early'],
  ['recovery', 'discharged'],
  ['recovery', 'ended-early'],
];

describe('session lifecycle', () => {
  const key = (a: string, b: string) => `${a}→${b}`;
  const allowedKeys = new Set(allowed.map(([a, b]) => key(a, b)));
  const everyPair = SESSION_STATES.flatMap((from) => SESSION_STATES.map((to) => [from, to] as const));

  it.each(everyPair)('%s → %s is allowed exactly when the state machine says so', (from, to) => {
    expect(canTransition(from, to)).toBe(allowedKeys.has(key(from, to)));
  });

  it('has no way out of discharged or ended-early', () => {
    expect(TRANSITIONS.discharged).toEqual([]);
    expect(TRANSITIONS['ended-early']).toEqual([]);
  });
});

describe('discharge readiness', () => {
  const good = { activity: 2, breathing: 2, circulation: 2, consciousness: 2, spo2: 1 };
  const base = { recoveryStartedAt: 0, now: 31 * 60_000, minRecoveryMin: 30, baselineSbp: 120, latestSbp: 130 };

  it.each([
    ['all criteria met', { aldrete: good }, true, []],
    ['Aldrete 8', { aldrete: { ...good, spo2: 0 } }, false, ['modified Aldrete 8 < 9']],
    ['no Aldrete', { aldrete: undefined }, false, ['modified Aldrete score not recorded']],
    ['too short a recovery', { aldrete: good, now: 29 * 60_000 }, false, ['recovery 29 min < minimum 30 min']],
    ['SBP still 25 % up', { aldrete: good, latestSbp: 150 }, false, ['SBP 150 not within 20 % of baseline 120']],
    ['SBP exactly 20 % up', { aldrete: good, latestSbp: 144 }, true, []],
  ] as const)('%s', (_name, changes, ready, problems) => {
    const result = dischargeReadiness({ ...base, ...changes });
    expect(result.ready).toBe(ready);
    expect(result.problems).toEqual(problems);
  });
});

describe('chart entries', () => {
  it.each([
    [{ entry: { kind: 'side-effect', effect: 'nausea', severity: 'moderate' } }, 'Nausea (moderate)'],
    [{ entry: { kind: 'score', scale: 'moaas', value: 3 } }, 'MOAA/S 3/5'],
    [{ entry: { kind: 'score', scale: 'pain', value: 7 } }, 'Pain 7/10'],
    [
      {
        entry: {
          kind: 'intervention',
          action: 'medication-given',
          medication: { name: 'Ondansetron', dose: '4 mg', route: 'IV' },
        },
      },
      'Ondansetron 4 mg IV',
    ],
    [{ entry: { kind: 'intervention', action: 'oxygen-applied', oxygenLitresPerMin: 2 } }, 'Oxygen 2 L/min'],
  ])('accepts %j and describes it as %s', (input, text) => {
    const parsed = ChartEntryInput.parse(input);
    expect(describeEntry(parsed.entry)).toBe(text);
  });

  it.each([
    [{ entry: { kind: 'side-effect', effect: 'hiccups', severity: 'mild' } }, 'entry.effect'],
    [{ entry: { kind: 'score', scale: 'moaas', value: 7 } }, 'entry.value'],
    [{ entry: { kind: 'intervention', action: 'medication-given' } }, 'entry.medication'],
    [{ entry: { kind: 'intervention', action: 'rate-changed' } }, 'entry.rateMgPerKgPerHour'],
    [{ entry: { kind: 'lifecycle', from: 'infusing', to: 'recovery' } }, 'entry.kind'],
    [{ entry: { kind: 'note', text: 'x' }, amends: { eventId: 1, reason: '' } }, 'amends.reason'],
  ])('rejects %j at %s', (input, path) => {
    const parsed = ChartEntryInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
