import { describe, expect, it } from 'vitest';
import type { Reading } from '@infusion/shared';
import { packReadings, unpackReadings, type ReadingKeys } from './write-ops.js';

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

/** Numbers the ids it knows, counting how often it is asked; throws for any other. */
function keysFor(sessions: Record<string, number>, devices: Record<string, number>) {
  const asked: string[] = [];
  const keys: ReadingKeys = {
    sessionNo: (id) => {
      asked.push(`session ${id}`);
      const no = sessions[id];
      if (no === undefined) throw new Error(`no session ${id}`);
      return no;
    },
    deviceNo: (id) => {
      asked.push(`device ${id}`);
      const no = devices[id];
      if (no === undefined) throw new Error(`no device ${id}`);
      return no;
    },
  };
  return { keys, asked };
}

describe('readings packed for the writer thread', () => {
  it('come back column by column as they went in, sessions and devices by their no, nulls and seq 0 included', () => {
    const packed = packReadings([device, manual, { ...device, id: 43, seq: 1, value: -0.5 }]);
    const { keys, asked } = keysFor({ 'session-a': 7 }, { 'monitor-1': 3 });
    expect([...unpackReadings(packed, keys)]).toEqual([
      [41, 7, 'spo2', 89.6, 1_795_483_023_556, 1_795_483_023_601, 'device', 3, 0, null],
      [42, 7, 'sbp', 132, 1_795_483_023_556, 1_795_483_023_601, 'manual', null, null, 'Nora Nurse'],
      [43, 7, 'spo2', -0.5, 1_795_483_023_556, 1_795_483_023_601, 'device', 3, 1, null],
    ]);
    // Each distinct session and device is looked up once per group.
    expect(asked).toEqual(['session session-a', 'device monitor-1']);
  });

  it('keep a session and a device apart even when their ids are the same string', () => {
    const packed = packReadings([{ ...device, sessionId: 'same', deviceId: 'same' }]);
    const { keys } = keysFor({ same: 5 }, { same: 9 });
    expect([...unpackReadings(packed, keys)].map((columns) => [columns[1], columns[7]])).toEqual([[5, 9]]);
  });

  it('fail on a session or device the store does not have', () => {
    const { keys } = keysFor({ 'session-a': 7 }, {});
    expect(() => [...unpackReadings(packReadings([manual]), keys)]).not.toThrow();
    expect(() => [...unpackReadings(packReadings([device]), keys)]).toThrow('no device monitor-1');
    expect(() => [...unpackReadings(packReadings([{ ...manual, sessionId: 'gone' }]), keys)]).toThrow(
      'no session gone',
    );
  });

  it('send each distinct string once', () => {
    const packed = packReadings([device, { ...device, id: 42, seq: 1 }, { ...device, id: 43, seq: 2 }]);
    expect(packed.strings).toEqual(['session-a', 'spo2', 'device', 'monitor-1']);
    expect(packed.count).toBe(3);
  });

  it('pack an empty group', () => {
    expect([...unpackReadings(packReadings([]), keysFor({}, {}).keys)]).toEqual([]);
  });
});
