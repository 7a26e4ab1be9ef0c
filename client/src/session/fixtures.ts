// Test data for the live session's pure functions.
import { DEFAULT_PROFILE, Session, type Reading, type SessionSnapshot } from '@infusion/shared';

export const SESSION: Session = Session.parse({
  id: 's1',
  patient: { id: 'p1', mrn: 'MRN-001', displayName: 'Jane Doe', weightKg: 70 },
  location: 'Chair 3',
  state: 'infusing',
  protocolId: 'default',
  deviceId: 'monitor-3',
  plannedDurationMin: 40,
  createdAt: 0,
  infusionStartedAt: 0,
  endedAt: null,
  baseline: { sbp: 120 },
});

export function reading(id: number, vital: Reading['vital'], value: number, measuredAt: number): Reading {
  return {
    id,
    sessionId: 's1',
    vital,
    value,
    measuredAt,
    receivedAt: measuredAt + 50,
    source: 'device',
    deviceId: 'monitor-3',
    seq: id,
    enteredBy: null,
  };
}

export function snapshot(
  readings: Reading[],
  serverTime: number,
  overrides: Partial<SessionSnapshot> = {},
): SessionSnapshot {
  return {
    session: SESSION,
    profile: DEFAULT_PROFILE,
    readings,
    alarms: [],
    clinicalEvents: [],
    serverTime,
    ...overrides,
  };
}
