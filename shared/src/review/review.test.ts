import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample.js';
import { median, summariseSession } from './summary.js';
import { DEFAULT_PROFILE } from '../thresholds/profile.js';
import type { Reading } from '../readings/schemas.js';
import type { Alarm, AlarmEvent } from '../alarms/schemas.js';

const reading = (vital: Reading['vital'], value: number, measuredAt: number, id = measuredAt): Reading => ({
  id: id + 1,
  sessionId: 's',
  vital,
  value,
  measuredAt,
  receivedAt: measuredAt,
  source: 'device',
  deviceId: 'd',
  seq: id,
  enteredBy: null,
});

describe('downsampleMinMax', () => {
  it('returns every reading exactly when there are few enough', () => {
    const rs = [reading('hr', 70, 0), reading('hr', 72, 1000)];
    expect(downsampleMinMax(rs, 0, 2000, 10)).toEqual([
      { t: 0, min: 70, max: 70, mean: 70, n: 1 },
      { t: 1000, min: 72, max: 72, mean: 72, n: 1 },
    ]);
  });

  it('keeps a one-second dip in a three-hour series', () => {
    const rs = Array.from({ length: 3 * 3600 }, (_, i) => reading('spo2', i === 5000 ? 81 : 97, i * 1000, i));
    const points = downsampleMinMax(rs, 0, 3 * 3600 * 1000, 600);
    expect(points.length).toBeLessThanOrEqual(600);
    expect(Math.min(...points.map((p) => p.min))).toBe(81);
    expect(points.reduce((n, p) => n + p.n, 0)).toBe(rs.length);
  });
});

describe('summariseSession', () => {
  it('gives min/max/mean, baseline and time beyond limits from known readings', () => {
    // SpO2 at 1 Hz: 60 s at 97, 20 s at 91 (medium), 20 s at 88 (high), then 97 again.
    const values = [...Array(60).fill(97), ...Array(20).fill(91), ...Array(20).fill(88), 97];
    const rs = values.map((v, i) => reading('spo2', v, i * 1000, i));
    const s = summariseSession(rs, [], DEFAULT_PROFILE, { spo2: 97 });
    expect(s.vitals).toEqual([
      {
        vital: 'spo2',
        count: 101,
        min: 88,
        max: 97,
        mean: (97 * 61 + 91 * 20 + 88 * 20) / 101,
        baseline: 97,
        secondsBeyondMedium: 40,
        secondsBeyondHigh: 20,
      },
    ]);
  });

  it('does not count a gap in the data as time in alarm', () => {
    const rs = [reading('spo2', 85, 0), reading('spo2', 97, 60_000)];
    expect(summariseSession(rs, [], DEFAULT_PROFILE, {}).vitals[0]?.secondsBeyondHigh).toBe(10);
  });

  it('counts alarms by their highest priority and the median time to acknowledge', () => {
    const alarm = (id: string, priority: Alarm['priority'], raisedAt: number): Alarm => ({
      id,
      sessionId: 's',
      condition: id,
      kind: 'physiological',
      vital: 'spo2',
      priority,
      message: 'm',
      value: 1,
      state: 'active',
      raisedAt,
      acknowledgedAt: null,
      acknowledgedBy: null,
      audioPausedUntil: null,
      audioPausedBy: null,
      escalatedAt: null,
    });
    const ev = (type: AlarmEvent['type'], a: Alarm, at: number): AlarmEvent => ({ type, at, by: null, alarm: a });
    const events = [
      ev('raised', alarm('a', 'medium', 0), 0),
      ev('priority-raised', alarm('a', 'high', 0), 5000),
      ev('acknowledged', alarm('a', 'high', 0), 30_000),
      ev('raised', alarm('b', 'low', 1000), 1000),
      ev('acknowledged', alarm('b', 'low', 1000), 11_000),
      ev('raised', alarm('c', 'medium', 2000), 2000),
    ];
    expect(summariseSession([], events, DEFAULT_PROFILE, {})).toMatchObject({
      alarmsByPriority: { high: 1, medium: 1, low: 1 },
      medianSecondsToAcknowledge: 20,
      acknowledgedCount: 2,
    });
  });

  it.each([
    [[], null],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
