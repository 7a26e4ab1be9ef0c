import { DEFAULT_PROFILE } from '@infusion/shared';
import { describe, expect, it } from 'vitest';
import { alarm } from '../alarms/fixtures/alarms';
import { reading, SESSION } from '../session/fixtures/session';
import { parseSnapshot } from './wire';

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
