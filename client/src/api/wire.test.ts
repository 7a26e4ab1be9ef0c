import { DEFAULT_PROFILE, packReadingsMessages } from '@infusion/shared';
import { describe, expect, it, vi } from 'vitest';
import { alarm } from '../alarms/fixtures/alarms';
import { reading, SESSION } from '../session/fixtures/session';
import { parseSnapshot, ReadingsMessageSchema, readingsOf } from './wire';

const good = {
  session: SESSION,
  profile: DEFAULT_PROFILE,
  readings: [reading(1, 'hr', 80, 1000)],
  alarms: [alarm()],
  clinicalEvents: [],
  serverTime: 5000,
};

describe('parseSnapshot', () => {
  it('reads a well-formed snapshot', () => {
    const result = parseSnapshot(good);
    expect(result.ok && result.data.readings).toHaveLength(1);
    expect(result.ok && result.data.alarms).toHaveLength(1);
  });

  it('drops a malformed reading or alarm but keeps the rest', () => {
    const result = parseSnapshot({
      ...good,
      readings: [reading(1, 'hr', 80, 1000), { id: 'x' }, { ...reading(2, 'hr', 81, 2000), vital: 'nonsense' }],
      alarms: [{ id: 3 }, alarm({ id: 'b' })],
    });
    expect(result.ok && result.data.readings.map((r) => r.id)).toEqual([1]);
    expect(result.ok && result.data.alarms.map((a) => a.id)).toEqual(['b']);
  });

  it('accepts a snapshot without charted entries', () => {
    const { clinicalEvents: _omitted, ...old } = good;
    const result = parseSnapshot(old);
    expect(result.ok && result.data.clinicalEvents).toEqual([]);
  });

  it.each([
    ['no session', { ...good, session: undefined }],
    ['limits that are not a profile', { ...good, profile: { id: 'x' } }],
    ['no server time', { ...good, serverTime: 'now' }],
    ['nothing at all', null],
  ])('refuses %s', (_name, raw) => {
    const result = parseSnapshot(raw);
    expect(result.ok).toBe(false);
  });
});

describe('readingsOf', () => {
  const batch = [reading(1, 'hr', 80, 1000), reading(2, 'spo2', 97, 1000), reading(3, 'rr', 14, 1000)].map((r) => ({
    ...r,
    receivedAt: 1050,
  }));

  it('gives back the readings of a broadcast message as the server stored them', () => {
    const [message] = JSON.parse(JSON.stringify(packReadingsMessages(batch))) as unknown[];
    const envelope = ReadingsMessageSchema.parse(message);
    expect(readingsOf(envelope)).toEqual(batch);
  });

  it('leaves out a malformed row, says so, and keeps the rest', () => {
    const [message] = packReadingsMessages(batch);
    if (!message) throw new Error('no message');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const envelope = ReadingsMessageSchema.parse({
      ...message,
      rows: [message.rows[0], [2, 'nonsense', 1, 1000, 2], message.rows[2]],
    });
    expect(readingsOf(envelope).map((r) => r.id)).toEqual([1, 3]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
