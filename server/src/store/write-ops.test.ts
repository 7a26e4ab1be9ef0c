import { describe, expect, it } from 'vitest';
import type { Reading } from '@infusion/shared';
import { packReadings, unpackReadings } from './write-ops.js';

const device: Reading = {
  id: 41,
  sessionId: 'session-a',
  vital: 'spo2',
  value: 89.6,
  measuredAt: 1_795_483_023_556,
  receivedAt: 1_795_483_023_601,
  source: 'device',
  deviceId: 'monitor-1',
  seq: 0,
  enteredBy: null,
};
const manual: Reading = {
  ...device,
  id: 42,
  vital: 'sbp',
  value: 132,
  source: 'manual',
  deviceId: null,
  seq: null,
  enteredBy: 'Nora Nurse',
};

describe('readings packed for the writer thread', () => {
  it('come back column by column exactly as they went in, nulls and seq 0 included', () => {
    const packed = packReadings([device, manual, { ...device, id: 43, seq: 1, value: -0.5 }]);
    expect([...unpackReadings(packed)]).toEqual([
      [41, 'session-a', 'spo2', 89.6, 1_795_483_023_556, 1_795_483_023_601, 'device', 'monitor-1', 0, null],
      [42, 'session-a', 'sbp', 132, 1_795_483_023_556, 1_795_483_023_601, 'manual', null, null, 'Nora Nurse'],
      [43, 'session-a', 'spo2', -0.5, 1_795_483_023_556, 1_795_483_023_601, 'device', 'monitor-1', 1, null],
    ]);
  });

  it('send each distinct string once', () => {
    const packed = packReadings([device, { ...device, id: 42, seq: 1 }, { ...device, id: 43, seq: 2 }]);
    expect(packed.strings).toEqual(['session-a', 'spo2', 'device', 'monitor-1']);
    expect(packed.count).toBe(3);
  });

  it('pack an empty group', () => {
    expect([...unpackReadings(packReadings([]))]).toEqual([]);
  });
});
