import type { ClinicalEvent } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { latestRate, lifecycleText, timelineRows } from './timeline';

function charted(
  id: number,
  occurredAt: number,
  entry: ClinicalEvent['entry'],
  options: { amends?: number; chartedAt?: number } = {},
): ClinicalEvent {
  return {
    id,
    sessionId: 's1',
    entry,
    occurredAt,
    chartedAt: options.chartedAt ?? occurredAt + 1_000,
    chartedBy: 'Nora Nurse',
    chartedById: 'u1',
    amends: options.amends === undefined ? null : { eventId: options.amends, reason: 'wrong severity' },
  };
}

const started = charted(1, 0, { kind: 'lifecycle', from: 'pre-check', to: 'infusing' });
const nausea = charted(2, 300_000, { kind: 'side-effect', effect: 'nausea', severity: 'mild' });
const backdated = charted(3, 240_000, { kind: 'score', scale: 'moaas', value: 4 }, { chartedAt: 600_000 });
const correction = charted(4, 300_000, { kind: 'side-effect', effect: 'nausea', severity: 'moderate' }, { amends: 2 });

describe('timelineRows', () => {
  const rows = timelineRows([started, nausea, backdated, correction]);

  it('lists newest first by when it happened, a back-dated entry at its time', () => {
    expect(rows.map((r) => r.event.id)).toEqual([4, 2, 3, 1]);
  });

  it('keeps a corrected entry, marked with its correction, and no longer correctable', () => {
    const original = rows.find((r) => r.event.id === 2);
    expect(original).toMatchObject({ text: 'Nausea (mild)', amendedBy: 4, correctable: false });
    expect(rows.find((r) => r.event.id === 4)).toMatchObject({
      text: 'Nausea (moderate)',
      corrects: { eventId: 2, reason: 'wrong severity' },
      amendedBy: null,
      correctable: true,
    });
  });

  it('says how much later a back-dated entry was charted', () => {
    expect(rows.find((r) => r.event.id === 3)?.chartedLaterMs).toBe(360_000);
    expect(rows.find((r) => r.event.id === 2)?.chartedLaterMs).toBeNull();
  });

  it('never offers to correct a state change', () => {
    expect(rows.find((r) => r.event.id === 1)).toMatchObject({ text: 'Infusion started', correctable: false });
  });

  it('points at the newest of several corrections', () => {
    const again = charted(5, 300_000, { kind: 'side-effect', effect: 'nausea', severity: 'severe' }, { amends: 2 });
    expect(timelineRows([nausea, correction, again]).find((r) => r.event.id === 2)?.amendedBy).toBe(5);
  });
});

describe('lifecycleText', () => {
  it.each([
    ['scheduled', 'pre-check', undefined, 'Pre-check started'],
    ['pre-check', 'infusing', undefined, 'Infusion started'],
    ['paused', 'infusing', undefined, 'Infusion resumed'],
    ['infusing', 'paused', undefined, 'Infusion paused'],
    ['infusing', 'recovery', undefined, 'Infusion stopped – recovery'],
    ['recovery', 'discharged', 'driver waiting', 'Discharged: driver waiting'],
    ['infusing', 'ended-early', 'patient request', 'Session ended early: patient request'],
  ] as const)('%s → %s', (from, to, reason, text) => {
    expect(lifecycleText(from, to, reason)).toBe(text);
  });
});

describe('latestRate', () => {
  const rate = (id: number, at: number, value: number, amends?: number) =>
    charted(id, at, { kind: 'intervention', action: 'rate-changed', rateMgPerKgPerHour: value }, { amends });

  it.each([
    { name: 'no change charted: the session rate', events: [], expected: 0.75 },
    { name: 'the latest change by time', events: [rate(2, 500, 1), rate(1, 900, 0.5)], expected: 0.5 },
    { name: 'a corrected change does not count', events: [rate(1, 900, 5), rate(2, 900, 0.9, 1)], expected: 0.9 },
  ])('$name', ({ events, expected }) => {
    expect(latestRate(events, 0.75)).toBe(expected);
  });
});
