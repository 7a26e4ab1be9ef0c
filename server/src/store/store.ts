import type {
  AlarmEngineState,
  AlarmEvent,
  Device,
  NewReading,
  Patient,
  Reading,
  Session,
  SessionState,
  ThresholdProfile,
} from '@infusion/shared';

/** A reading to insert idempotently: device readings are keyed by (deviceId, seq). */
export type ReadingInsert = NewReading;

/** Outcome of inserting one reading. */
export type InsertOutcome =
  | { status: 'inserted'; reading: Reading }
  | { status: 'duplicate' }
  | { status: 'conflict'; existing: Reading };

/**
 * Writes done together in one durable transaction. Everything the server acknowledges
 * goes through one of these first.
 */
export interface StoreTransaction {
  insertReading(reading: ReadingInsert): InsertOutcome;
  insertAlarmEvents(sessionId: string, events: AlarmEvent[]): void;
  saveAlarmState(state: AlarmEngineState): void;
}

/** Filter for listing sessions. */
export interface SessionQuery {
  states?: readonly SessionState[];
}

/**
 * The store behind the server. SQLite is the embedded default; the interface is small so a
 * PostgreSQL implementation can sit behind it too. The transaction runs synchronously: a
 * group of writes is committed (and fsynced) before the call returns.
 */
export interface Store {
  transaction<T>(work: (tx: StoreTransaction) => T): T;

  upsertPatient(patient: Omit<Patient, 'id'>): Patient;
  createSession(session: Omit<Session, 'id' | 'patient'> & { patientId: string }): Session;
  getSession(id: string): Session | null;
  listSessions(query?: SessionQuery): Session[];
  updateSession(id: string, changes: Partial<Pick<Session, 'state' | 'deviceId' | 'infusionStartedAt' | 'endedAt' | 'baseline'>>): Session;

  createDevice(label: string, tokenHash: string): Device;
  findDeviceByTokenHash(tokenHash: string): Device | null;
  findDeviceByLabel(label: string): Device | null;
  setDeviceTokenHash(deviceId: string, tokenHash: string): void;
  getDevice(id: string): Device | null;

  getProfile(id: string): ThresholdProfile | null;
  saveProfile(profile: ThresholdProfile): void;

  readingsForSession(sessionId: string, options: { sinceMeasuredAt?: number; afterId?: number; limit?: number }): Reading[];
  alarmEventsForSession(sessionId: string): AlarmEvent[];
  loadAlarmStates(): AlarmEngineState[];

  close(): void;
}
