import type { CommitWriter } from './writer.js';
import type {
  AuditEntry,
  ClinicalEvent,
  Role,
  User,
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
  { status: 'inserted'; reading: Reading } | { status: 'duplicate' } | { status: 'conflict'; existing: Reading };

/** An audit line to append; the store assigns its id. */
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** Finding past sessions for review. */
export interface SessionSearch {
  /** Part of the patient's name or record number. */
  patient?: string;
  from?: number;
  to?: number;
  hadHighAlarm?: boolean;
  limit?: number;
}

/** Filter for listing sessions. */
export interface SessionQuery {
  states?: readonly SessionState[];
}

/**
 * The store behind the server. SQLite is the embedded default; the interface is small so a
 * PostgreSQL implementation can sit behind it too. Its own methods write synchronously on the
 * caller's connection; the high-rate writes (readings, alarm events and states) go through
 * the writer from `openWriter`, in commit groups (see unit-of-work.ts).
 */
export interface Store {
  upsertPatient(patient: Omit<Patient, 'id'>): Patient;
  createSession(session: Omit<Session, 'id' | 'patient'> & { patientId: string }): Session;
  getSession(id: string): Session | null;
  listSessions(query?: SessionQuery): Session[];
  updateSession(
    id: string,
    changes: Partial<
      Pick<
        Session,
        | 'state'
        | 'deviceId'
        | 'infusionStartedAt'
        | 'endedAt'
        | 'baseline'
        | 'recoveryStartedAt'
        | 'rateMgPerKgPerHour'
        | 'checklist'
      >
    >,
  ): Session;
  listPatientSessions(patientId: string): Session[];
  clinicalEventsForSession(sessionId: string): ClinicalEvent[];

  createDevice(label: string, tokenHash: string): Device;
  findDeviceByTokenHash(tokenHash: string): Device | null;
  findDeviceByLabel(label: string): Device | null;
  setDeviceTokenHash(deviceId: string, tokenHash: string): void;
  getDevice(id: string): Device | null;
  listDevices(): Device[];

  getProfile(id: string): ThresholdProfile | null;
  saveProfile(profile: ThresholdProfile): void;
  /** The named protocol profiles (not the per-session copies). */
  listProfiles(): ThresholdProfile[];

  readingsForSession(
    sessionId: string,
    options: { sinceMeasuredAt?: number; untilMeasuredAt?: number; afterId?: number; limit?: number },
  ): Reading[];
  /** Streams a session's readings in time order without holding them all in memory. */
  iterateReadings(sessionId: string): IterableIterator<Reading>;
  searchSessions(query: SessionSearch): Session[];
  alarmEventsForSession(sessionId: string): AlarmEvent[];
  loadAlarmStates(): AlarmEngineState[];

  /** The highest reading id stored, 0 when there is none: commit groups number on from it. */
  maxReadingId(): number;
  /** The highest sequence number stored from a monitor, or null when none is. */
  maxDeviceSeq(deviceId: string): number | null;
  readingByDeviceSeq(deviceId: string, seq: number): Reading | null;
  /** Starts the writer that stores commit groups (a thread of its own for a database file). */
  openWriter(): CommitWriter;

  countUsers(): number;
  createUser(user: { username: string; displayName: string; role: Role; passwordHash: string }): User;
  findUserByUsername(username: string): { user: User; passwordHash: string } | null;
  listUsers(): User[];
  createAuthSession(tokenHash: string, userId: string, expiresAt: number): void;
  findAuthSession(tokenHash: string, now: number): User | null;
  deleteAuthSession(tokenHash: string): void;

  /** Append-only: there is no way to change or remove an entry. */
  appendAudit(entry: NewAuditEntry): void;
  insertClinicalEvent(event: Omit<ClinicalEvent, 'id'>): ClinicalEvent;
  getClinicalEvent(id: number): ClinicalEvent | null;
  listAudit(query: { sessionId?: string; limit?: number }): AuditEntry[];

  close(): void;
}
