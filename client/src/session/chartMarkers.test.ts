import type { ClinicalEvent } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { chartMarkers, markerLabels, MAX_CLINICAL_EVENTS, mergeClinicalEvents } from './chartMarkers';

function charted(
  id: number,
  occurredAt: number,
  entry: ClinicalEvent['entry'],
  amends: number | null = null,
): ClinicalEvent {
  return {
    id,
    sessionId: 's1',
    entry,
    occurredAt,
    chartedAt: occurredAt + 1000,
    chartedBy: 'A. Nurse',
    chartedById: 'u1',
    amends: amends === null ? null : { eventId: amends, reason: 'wrong severity' },
  };
}

const nausea = charted(1, 5_000, { kind: 'side-effect', effect: 'nausea', severity: 'mild' });
const paused = charted(2, 7_000, { kind: 'lifecycle', from: 'infusing', to: 'paused' });
const correction = charted(3, 5_000, { kind: 'side-effect', effect: 'nausea', severity: 'moderate' }, 1);

describe('chartMarkers', () => {
  it('labels entries as a nurse reads them, in time order', () => {
    expect(chartMarkers([paused, nausea], 0, 10_000)).toEqual([
      { id: 1, t: 5_000, kind: 'side-effect', label: 'Nausea (mild)' },
      { id: 2, t: 7_000, kind: 'lifecycle', label: 'Infusion paused' },
    ]);
  });

  it('shows a corrected entry once, as corrected', () => {
    expect(chartMarkers([nausea, correction], 0, 10_000).map((m) => m.label)).toEqual(['Nausea (moderate)']);
  });

  it('leaves out entries outside the window', () => {
    expect(chartMarkers([nausea, paused], 6_000, 10_000).map((m) => m.id)).toEqual([2]);
  });
});

describe('mergeClinicalEvents', () => {
  it('adds without duplicates and stays bounded', () => {
    let events: readonly ClinicalEvent[] = [nausea];
    events = mergeClinicalEvents(events, [nausea, paused]);
    expect(events.map((e) => e.id)).toEqual([1, 2]);
    const many = Array.from({ length: MAX_CLINICAL_EVENTS + 5 }, (_, i) =>
      charted(i + 10, i, { kind: 'note', text: `note ${i}` }),
    );
    events = mergeClinicalEvents(events, many);
    expect(events).toHaveLength(MAX_CLINICAL_EVENTS);
    expect(events.at(-1)?.id).toBe(MAX_CLINICAL_EVENTS + 14);
  });

  it('returns the same list when nothing came', () => {
    const events = [nausea];
    expect(mergeClinicalEvents(events, [])).toBe(events);
  });
});

describe('markerLabels', () => {
  const m = (id: number, t: number, label: string) => ({ id, t, kind: 'side-effect' as const, label });
  it('labels entries far apart each on their own', () => {
    expect([...markerLabels([m(1, 0, 'A'), m(2, 60_000, 'B')], 45_000)]).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
  });
  it('gives entries close together one label on the newest, with a count', () => {
    expect([...markerLabels([m(1, 0, 'A'), m(2, 10_000, 'B'), m(3, 20_000, 'C'), m(4, 90_000, 'D')], 45_000)]).toEqual([
      [3, 'C +2'],
      [4, 'D'],
    ]);
  });
});
