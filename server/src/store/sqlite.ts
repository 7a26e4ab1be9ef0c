import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  AlarmEvent,
  Baseline,
  Checklist,
  ClinicalEntry,
  Course,
  ThresholdProfile,
  type AlarmEngineState,
  type AuditEntry,
  type ClinicalEvent,
  type Device,
  type Role,
  type User,
  type Patient,
  type Reading,
  type Session,
  type SessionState,
} from '@infusion/shared';
import type { NewAuditEntry, Store } from './store.js';
import { configureWriteConnection } from './write-ops.js';
import { InlineWriter, ThreadWriter } from './writer.js';

/** A schema step: SQL, or for a step that must check the data first, code on the connection. */
type Migration = string | ((db: Database.Database) => void);

const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    mrn TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    weight_kg REAL
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients(id),
    location TEXT NOT NULL,
    state TEXT NOT NULL,
    protocol_id TEXT NOT NULL,
    device_id TEXT REFERENCES devices(id),
    planned_duration_min INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    infusion_started_at INTEGER,
    ended_at INTEGER,
    baseline_json TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX sessions_state ON sessions(state);
  CREATE TABLE readings (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    vital TEXT NOT NULL,
    value REAL NOT NULL,
    measured_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    device_id TEXT,
    seq INTEGER,
    entered_by TEXT
  );
  CREATE UNIQUE INDEX readings_device_seq ON readings(device_id, seq) WHERE device_id IS NOT NULL;
  CREATE INDEX readings_session_time ON readings(session_id, measured_at);
  CREATE TABLE alarm_events (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    alarm_id TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    by_user TEXT,
    event_json TEXT NOT NULL
  );
  CREATE INDEX alarm_events_session ON alarm_events(session_id, id);
  CREATE TABLE alarm_states (
    session_id TEXT PRIMARY KEY,
    state_json TEXT NOT NULL
  );
  CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    profile_json TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE auth_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id TEXT,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    session_id TEXT,
    details_json TEXT NOT NULL
  );
  CREATE INDEX audit_log_session ON audit_log(session_id, id);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
  `
  ALTER TABLE sessions ADD COLUMN recovery_started_at INTEGER;
  ALTER TABLE sessions ADD COLUMN dose_mg_per_kg REAL;
  ALTER TABLE sessions ADD COLUMN rate_mg_per_kg_per_hour REAL;
  ALTER TABLE sessions ADD COLUMN course_json TEXT;
  ALTER TABLE sessions ADD COLUMN checklist_json TEXT;
  CREATE TABLE clinical_events (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id),
    entry_json TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    charted_at INTEGER NOT NULL,
    charted_by TEXT NOT NULL,
    charted_by_id TEXT,
    amends_event_id INTEGER REFERENCES clinical_events(id),
    amends_reason TEXT
  );
  CREATE INDEX clinical_events_session ON clinical_events(session_id, occurred_at);
  CREATE TRIGGER clinical_events_no_update BEFORE UPDATE ON clinical_events
    BEGIN SELECT RAISE(ABORT, 'charted entries are never changed; chart a correction'); END;
  CREATE TRIGGER clinical_events_no_delete BEFORE DELETE ON clinical_events
    BEGIN SELECT RAISE(ABORT, 'charted entries are never deleted; chart a correction'); END;
  `,
  readingsByNumber,
];

/**
 * Readings name their session and device by a small integer (`no`) instead of the 36-character
 * id: the hot table and both its indexes hold integers, so each reading costs the writer fewer
 * bytes and less CPU. A session's and a device's `no` is fixed once given and never reused.
 * Every existing reading is copied; one whose session or device is not in the store stops the
 * migration (nothing is changed) instead of being dropped or losing its device.
 */
function readingsByNumber(db: Database.Database): void {
  const orphans = (sql: string): { n: number; example: string | null } =>
    db.prepare(sql).get() as { n: number; example: string | null };
  const noSession = orphans(
    `SELECT count(*) AS n, min(session_id) AS example FROM readings
     WHERE session_id NOT IN (SELECT id FROM sessions)`,
  );
  const noDevice = orphans(
    `SELECT count(*) AS n, min(device_id) AS example FROM readings
     WHERE device_id IS NOT NULL AND device_id NOT IN (SELECT id FROM devices)`,
  );
  const problems = [
    noSession.n > 0 ? `${noSession.n} readings of a session that is not in the store (e.g. ${noSession.example})` : '',
    noDevice.n > 0 ? `${noDevice.n} readings of a device that is not in the store (e.g. ${noDevice.example})` : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new Error(`cannot renumber the readings table, nothing was changed: ${problems.join('; ')}`);
  }
  db.exec(`
    ${numberRows('sessions', 'session')}
    ${numberRows('devices', 'device')}
    CREATE TABLE readings_by_no (
      id INTEGER PRIMARY KEY,
      session_no INTEGER NOT NULL,
      vital TEXT NOT NULL,
      value REAL NOT NULL,
      measured_at INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      source TEXT NOT NULL,
      device_no INTEGER,
      seq INTEGER,
      entered_by TEXT
    );
    INSERT INTO readings_by_no (id, session_no, vital, value, measured_at, received_at, source, device_no, seq,
        entered_by)
      SELECT r.id, s.no, r.vital, r.value, r.measured_at, r.received_at, r.source, d.no, r.seq, r.entered_by
      FROM readings r JOIN sessions s ON s.id = r.session_id LEFT JOIN devices d ON d.id = r.device_id
      ORDER BY r.id;
  `);
  // The checks above already refused orphans; this is the last word that nothing was lost.
  const counts = db
    .prepare(`SELECT (SELECT count(*) FROM readings) AS before, (SELECT count(*) FROM readings_by_no) AS after`)
    .get() as { before: number; after: number };
  if (counts.before !== counts.after) {
    throw new Error(`renumbering the readings table kept ${counts.after} of ${counts.before} readings`);
  }
  db.exec(`
    DROP TABLE readings;
    ALTER TABLE readings_by_no RENAME TO readings;
    CREATE UNIQUE INDEX readings_device_seq ON readings(device_no, seq) WHERE device_no IS NOT NULL;
    CREATE INDEX readings_session_time ON readings(session_no, measured_at);
    -- For people and test tooling reading the file: the readings with their sessions' and devices' ids.
    CREATE VIEW readings_with_ids AS
      SELECT r.id, s.id AS session_id, r.vital, r.value, r.measured_at, r.received_at, r.source, d.id AS device_id,
             r.seq, r.entered_by, r.session_no, r.device_no
      FROM readings r LEFT JOIN sessions s ON s.no = r.session_no LEFT JOIN devices d ON d.no = r.device_no;
  `);
}

/** A fixed, unique integer `no` for every row of a table, given to the rows it already has. */
function numberRows(table: 'sessions' | 'devices', noun: string): string {
  return `
    ALTER TABLE ${table} ADD COLUMN no INTEGER;
    UPDATE ${table} SET no = rowid;
    CREATE UNIQUE INDEX ${table}_no ON ${table}(no);
    CREATE TRIGGER ${table}_no_given BEFORE INSERT ON ${table} WHEN NEW.no IS NULL
      BEGIN SELECT RAISE(ABORT, 'a ${noun} needs its no'); END;
    CREATE TRIGGER ${table}_no_fixed BEFORE UPDATE OF no ON ${table} WHEN NEW.no IS NOT OLD.no
      BEGIN SELECT RAISE(ABORT, 'a ${noun} keeps its no'); END;`;
}

/** Brings the schema up to `target` (all of it by default), one transaction per step. */
export function migrate(db: Database.Database, target = MIGRATIONS.length): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < target; v++) {
    db.transaction(() => {
      const step = MIGRATIONS[v];
      if (typeof step === 'function') step(db);
      else db.exec(step ?? '');
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
}

function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

interface AuditRow {
  id: number;
  at: number;
  user_id: string | null;
  user_name: string;
  action: string;
  session_id: string | null;
  details_json: string;
}

interface SessionRow {
  id: string;
  patient_id: string;
  mrn: string;
  display_name: string;
  weight_kg: number | null;
  location: string;
  state: SessionState;
  protocol_id: string;
  device_id: string | null;
  planned_duration_min: number;
  created_at: number;
  infusion_started_at: number | null;
  ended_at: number | null;
  baseline_json: string;
  recovery_started_at: number | null;
  dose_mg_per_kg: number | null;
  rate_mg_per_kg_per_hour: number | null;
  course_json: string | null;
  checklist_json: string | null;
}

interface ReadingRow {
  id: number;
  session_no: number;
  vital: Reading['vital'];
  value: number;
  measured_at: number;
  received_at: number;
  source: Reading['source'];
  device_no: number | null;
  seq: number | null;
  entered_by: string | null;
}

interface ClinicalRow {
  id: number;
  session_id: string;
  entry_json: string;
  occurred_at: number;
  charted_at: number;
  charted_by: string;
  charted_by_id: string | null;
  amends_event_id: number | null;
  amends_reason: string | null;
}

function toClinical(row: ClinicalRow): ClinicalEvent {
  return {
    id: row.id,
    sessionId: row.session_id,
    entry: ClinicalEntry.parse(JSON.parse(row.entry_json)),
    occurredAt: row.occurred_at,
    chartedAt: row.charted_at,
    chartedBy: row.charted_by,
    chartedById: row.charted_by_id,
    amends: row.amends_event_id === null ? null : { eventId: row.amends_event_id, reason: row.amends_reason ?? '' },
  };
}

interface DeviceRow {
  id: string;
  label: string;
  created_at: number;
}

const READINGS_PAGE = 5000;

const SESSION_SELECT = `
  SELECT s.*, p.mrn, p.display_name, p.weight_kg
  FROM sessions s JOIN patients p ON p.id = s.patient_id`;

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    patient: { id: row.patient_id, mrn: row.mrn, displayName: row.display_name, weightKg: row.weight_kg },
    location: row.location,
    state: row.state,
    protocolId: row.protocol_id,
    deviceId: row.device_id,
    plannedDurationMin: row.planned_duration_min,
    createdAt: row.created_at,
    infusionStartedAt: row.infusion_started_at,
    endedAt: row.ended_at,
    baseline: Baseline.parse(JSON.parse(row.baseline_json)),
    recoveryStartedAt: row.recovery_started_at,
    doseMgPerKg: row.dose_mg_per_kg,
    rateMgPerKgPerHour: row.rate_mg_per_kg_per_hour,
    course: row.course_json ? Course.parse(JSON.parse(row.course_json)) : null,
    checklist: Checklist.parse(row.checklist_json ? JSON.parse(row.checklist_json) : {}),
  };
}

function toReading(row: ReadingRow, sessionId: string, deviceId: string | null): Reading {
  return {
    id: row.id,
    sessionId,
    vital: row.vital,
    value: row.value,
    measuredAt: row.measured_at,
    receivedAt: row.received_at,
    source: row.source,
    deviceId,
    seq: row.seq,
    enteredBy: row.entered_by,
  };
}

const READING_COLUMNS = `id, session_no, vital, value, measured_at, received_at, source, device_no, seq, entered_by`;

/**
 * Sessions' and devices' ids against their `no`, the integer the readings table stores. A
 * `no` never changes once given and rows are never deleted, so what is found is kept; an id
 * not (yet) in the store is not remembered.
 */
class KeyCache {
  private readonly noById = new Map<string, number>();
  private readonly idByNo = new Map<number, string>();
  private readonly byId;
  private readonly byNo;

  constructor(
    db: Database.Database,
    private readonly table: 'sessions' | 'devices',
  ) {
    this.byId = db.prepare(`SELECT no FROM ${table} WHERE id = ?`).pluck();
    this.byNo = db.prepare(`SELECT id FROM ${table} WHERE no = ?`).pluck();
  }

  /** The `no` of an id, or null when the store has no such row. */
  no(id: string): number | null {
    const known = this.noById.get(id);
    if (known !== undefined) return known;
    const no = this.byId.get(id) as number | null | undefined;
    if (typeof no !== 'number') return null;
    this.remember(id, no);
    return no;
  }

  /** The id of a `no` a reading holds; one that names no row is a broken store and throws. */
  id(no: number): string {
    const known = this.idByNo.get(no);
    if (known !== undefined) return known;
    const id = this.byNo.get(no) as string | undefined;
    if (id === undefined) throw new Error(`a reading names ${this.table} no ${no}, which is not in the store`);
    this.remember(id, no);
    return id;
  }

  private remember(id: string, no: number): void {
    this.noById.set(id, no);
    this.idByNo.set(no, id);
  }
}

function toDevice(row: DeviceRow): Device {
  return { id: row.id, label: row.label, createdAt: row.created_at };
}

/** Opens (creating if needed) the SQLite store in WAL mode with durable commits. */
export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // With a database file the writer thread checkpoints; an in-memory one has no WAL.
  configureWriteConnection(db, 'leaves-checkpoints');

  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const sessionKeys = new KeyCache(db, 'sessions');
  const deviceKeys = new KeyCache(db, 'devices');
  const deviceIdOf = (row: ReadingRow): string | null => (row.device_no === null ? null : deviceKeys.id(row.device_no));
  const readingByDeviceSeq = db.prepare(`SELECT ${READING_COLUMNS} FROM readings WHERE device_no = ? AND seq = ?`);
  const maxSeqOfDevice = db.prepare(`SELECT max(seq) AS seq FROM readings WHERE device_no = ?`);
  const selectSession = db.prepare(`${SESSION_SELECT} WHERE s.id = ?`);
  const readingsPage = db.prepare(
    `SELECT ${READING_COLUMNS} FROM readings
     WHERE session_no = ? AND (measured_at > ? OR (measured_at = ? AND id > ?))
     ORDER BY measured_at, id LIMIT ${READINGS_PAGE}`,
  );
  const readingsInRange = db.prepare(
    `SELECT ${READING_COLUMNS} FROM readings
     WHERE session_no = ? AND measured_at >= ? AND measured_at <= ? AND id > ?
     ORDER BY measured_at, id LIMIT ?`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (at, user_id, user_name, action, session_id, details_json) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertClinical = db.prepare(
    `INSERT INTO clinical_events (session_id, entry_json, occurred_at, charted_at, charted_by, charted_by_id,
       amends_event_id, amends_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendAudit = (e: NewAuditEntry): void => {
    insertAudit.run(e.at, e.userId, e.userName, e.action, e.sessionId, JSON.stringify(e.details));
  };

  const store: Store = {
    upsertPatient(patient) {
      const existing = db.prepare(`SELECT * FROM patients WHERE mrn = ?`).get(patient.mrn) as
        { id: string; mrn: string; display_name: string; weight_kg: number | null } | undefined;
      if (existing) {
        db.prepare(`UPDATE patients SET display_name = ?, weight_kg = ? WHERE id = ?`).run(
          patient.displayName,
          patient.weightKg,
          existing.id,
        );
        return { ...patient, id: existing.id };
      }
      const id = randomUUID();
      db.prepare(`INSERT INTO patients (id, mrn, display_name, weight_kg) VALUES (?, ?, ?, ?)`).run(
        id,
        patient.mrn,
        patient.displayName,
        patient.weightKg,
      );
      return { ...patient, id } satisfies Patient;
    },

    createSession(s) {
      const id = randomUUID();
      db.prepare(
        `INSERT INTO sessions (id, patient_id, location, state, protocol_id, device_id, planned_duration_min,
           created_at, infusion_started_at, ended_at, baseline_json, recovery_started_at, dose_mg_per_kg,
           rate_mg_per_kg_per_hour, course_json, checklist_json, no)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
           (SELECT coalesce(max(no), 0) + 1 FROM sessions))`,
      ).run(
        id,
        s.patientId,
        s.location,
        s.state,
        s.protocolId,
        s.deviceId,
        s.plannedDurationMin,
        s.createdAt,
        s.infusionStartedAt,
        s.endedAt,
        JSON.stringify(s.baseline),
        s.recoveryStartedAt,
        s.doseMgPerKg,
        s.rateMgPerKgPerHour,
        s.course ? JSON.stringify(s.course) : null,
        JSON.stringify(s.checklist),
      );
      const created = store.getSession(id);
      if (!created) throw new Error('session vanished after insert');
      return created;
    },

    getSession(id) {
      const row = selectSession.get(id) as SessionRow | undefined;
      return row ? toSession(row) : null;
    },

    listSessions(query = {}) {
      const rows = (
        query.states && query.states.length > 0
          ? db
              .prepare(
                `${SESSION_SELECT} WHERE s.state IN (${query.states.map(() => '?').join(',')}) ORDER BY s.location, s.created_at`,
              )
              .all(...query.states)
          : db.prepare(`${SESSION_SELECT} ORDER BY s.created_at DESC`).all()
      ) as SessionRow[];
      return rows.map(toSession);
    },

    updateSession(id, changes) {
      const sets: string[] = [];
      const values: unknown[] = [];
      const columns: Record<string, string> = {
        state: 'state',
        deviceId: 'device_id',
        infusionStartedAt: 'infusion_started_at',
        endedAt: 'ended_at',
        recoveryStartedAt: 'recovery_started_at',
        rateMgPerKgPerHour: 'rate_mg_per_kg_per_hour',
      };
      for (const [key, column] of Object.entries(columns)) {
        if (key in changes) {
          sets.push(`${column} = ?`);
          values.push(changes[key as keyof typeof changes]);
        }
      }
      if (changes.baseline) {
        sets.push('baseline_json = ?');
        values.push(JSON.stringify(changes.baseline));
      }
      if (changes.checklist) {
        sets.push('checklist_json = ?');
        values.push(JSON.stringify(changes.checklist));
      }
      if (sets.length > 0) db.prepare(`UPDATE sessions SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
      const updated = store.getSession(id);
      if (!updated) throw new Error(`no session ${id}`);
      return updated;
    },

    createDevice(label, tokenHash) {
      const device: Device = { id: randomUUID(), label, createdAt: Date.now() };
      db.prepare(
        `INSERT INTO devices (id, label, token_hash, created_at, no)
         VALUES (?, ?, ?, ?, (SELECT coalesce(max(no), 0) + 1 FROM devices))`,
      ).run(device.id, label, tokenHash, device.createdAt);
      return device;
    },
    findDeviceByTokenHash(tokenHash) {
      const row = db.prepare(`SELECT id, label, created_at FROM devices WHERE token_hash = ?`).get(tokenHash) as
        DeviceRow | undefined;
      return row ? toDevice(row) : null;
    },
    findDeviceByLabel(label) {
      const row = db.prepare(`SELECT id, label, created_at FROM devices WHERE label = ? LIMIT 1`).get(label) as
        DeviceRow | undefined;
      return row ? toDevice(row) : null;
    },
    setDeviceTokenHash(deviceId, tokenHash) {
      db.prepare(`UPDATE devices SET token_hash = ? WHERE id = ?`).run(tokenHash, deviceId);
    },
    listDevices() {
      return (db.prepare(`SELECT id, label, created_at FROM devices ORDER BY label`).all() as DeviceRow[]).map(
        toDevice,
      );
    },
    getDevice(id) {
      const row = db.prepare(`SELECT id, label, created_at FROM devices WHERE id = ?`).get(id) as DeviceRow | undefined;
      return row ? toDevice(row) : null;
    },

    getProfile(id) {
      const row = db.prepare(`SELECT profile_json FROM profiles WHERE id = ?`).get(id) as
        { profile_json: string } | undefined;
      return row ? ThresholdProfile.parse(JSON.parse(row.profile_json)) : null;
    },
    listProfiles() {
      const rows = db.prepare(`SELECT profile_json FROM profiles WHERE id NOT LIKE 'session:%' ORDER BY id`).all() as {
        profile_json: string;
      }[];
      return rows.map((r) => ThresholdProfile.parse(JSON.parse(r.profile_json)));
    },
    saveProfile(profile) {
      db.prepare(
        `INSERT INTO profiles (id, profile_json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET profile_json = excluded.profile_json`,
      ).run(profile.id, JSON.stringify(profile));
    },

    readingsForSession(sessionId, { sinceMeasuredAt, untilMeasuredAt, afterId, limit }) {
      const sessionNo = sessionKeys.no(sessionId);
      if (sessionNo === null) return [];
      const rows = readingsInRange.all(
        sessionNo,
        sinceMeasuredAt ?? 0,
        untilMeasuredAt ?? Number.MAX_SAFE_INTEGER,
        afterId ?? 0,
        limit ?? 1_000_000,
      ) as ReadingRow[];
      return rows.map((row) => toReading(row, sessionId, deviceIdOf(row)));
    },

    // Pages rather than one open cursor: better-sqlite3 allows no other statement on the
    // connection while a cursor is open, and an export streams while readings keep arriving.
    *iterateReadings(sessionId) {
      const sessionNo = sessionKeys.no(sessionId);
      if (sessionNo === null) return;
      let after = { measuredAt: -1, id: 0 };
      for (;;) {
        const rows = readingsPage.all(sessionNo, after.measuredAt, after.measuredAt, after.id) as ReadingRow[];
        for (const row of rows) yield toReading(row, sessionId, deviceIdOf(row));
        const last = rows.at(-1);
        if (!last || rows.length < READINGS_PAGE) return;
        after = { measuredAt: last.measured_at, id: last.id };
      }
    },

    searchSessions({ patient, from, to, hadHighAlarm, limit }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (patient) {
        where.push(`(p.mrn LIKE ? ESCAPE '\\' OR p.display_name LIKE ? ESCAPE '\\')`);
        const like = `%${patient.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        args.push(like, like);
      }
      if (from !== undefined) {
        where.push('s.created_at >= ?');
        args.push(from);
      }
      if (to !== undefined) {
        where.push('s.created_at <= ?');
        args.push(to);
      }
      if (hadHighAlarm) {
        where.push(
          `EXISTS (SELECT 1 FROM alarm_events e WHERE e.session_id = s.id AND e.type IN ('raised', 'priority-raised')
             AND json_extract(e.event_json, '$.alarm.priority') = 'high')`,
        );
      }
      const sql = `${SESSION_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.created_at DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, limit ?? 200) as SessionRow[]).map(toSession);
    },

    alarmEventsForSession(sessionId) {
      const rows = db
        .prepare(`SELECT event_json FROM alarm_events WHERE session_id = ? ORDER BY id`)
        .all(sessionId) as { event_json: string }[];
      return rows.map((r) => AlarmEvent.parse(JSON.parse(r.event_json)));
    },

    clinicalEventsForSession(sessionId) {
      const rows = db
        .prepare(`SELECT * FROM clinical_events WHERE session_id = ? ORDER BY occurred_at, id`)
        .all(sessionId) as ClinicalRow[];
      return rows.map(toClinical);
    },

    loadAlarmStates() {
      const rows = db.prepare(`SELECT state_json FROM alarm_states`).all() as { state_json: string }[];
      return rows.map((r) => JSON.parse(r.state_json) as AlarmEngineState);
    },

    countUsers() {
      // Only accounts someone can sign in to count: the demo simulator's does not.
      return (db.prepare(`SELECT count(*) AS n FROM users WHERE password_hash LIKE 'scrypt$%'`).get() as { n: number })
        .n;
    },
    createUser(u) {
      const id = randomUUID();
      db.prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(id, u.username, u.displayName, u.role, u.passwordHash, Date.now());
      return { id, username: u.username, displayName: u.displayName, role: u.role };
    },
    findUserByUsername(username) {
      const row = db.prepare(`SELECT * FROM users WHERE username = ?`).get(username) as UserRow | undefined;
      return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
    },
    listUsers() {
      return (db.prepare(`SELECT * FROM users ORDER BY username`).all() as UserRow[]).map(toUser);
    },
    createAuthSession(tokenHash, userId, expiresAt) {
      db.prepare(`INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)`).run(
        tokenHash,
        userId,
        expiresAt,
      );
    },
    findAuthSession(tokenHash, now) {
      const row = db
        .prepare(
          `SELECT u.* FROM auth_sessions a JOIN users u ON u.id = a.user_id WHERE a.token_hash = ? AND a.expires_at > ?`,
        )
        .get(tokenHash, now) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    deleteAuthSession(tokenHash) {
      db.prepare(`DELETE FROM auth_sessions WHERE token_hash = ?`).run(tokenHash);
    },

    appendAudit,
    insertClinicalEvent(e) {
      const info = insertClinical.run(
        e.sessionId,
        JSON.stringify(e.entry),
        e.occurredAt,
        e.chartedAt,
        e.chartedBy,
        e.chartedById,
        e.amends?.eventId ?? null,
        e.amends?.reason ?? null,
      );
      return { ...e, id: Number(info.lastInsertRowid) };
    },
    getClinicalEvent(id) {
      const row = db.prepare(`SELECT * FROM clinical_events WHERE id = ?`).get(id) as ClinicalRow | undefined;
      return row ? toClinical(row) : null;
    },
    listPatientSessions(patientId) {
      return (
        db.prepare(`${SESSION_SELECT} WHERE s.patient_id = ? ORDER BY s.created_at`).all(patientId) as SessionRow[]
      ).map(toSession);
    },
    listAudit({ sessionId, limit }) {
      const rows = (
        sessionId
          ? db
              .prepare(`SELECT * FROM audit_log WHERE session_id = ? ORDER BY id DESC LIMIT ?`)
              .all(sessionId, limit ?? 1000)
          : db.prepare(`SELECT * FROM audit_log ORDER BY id DESC LIMIT ?`).all(limit ?? 1000)
      ) as AuditRow[];
      return rows.map((r): AuditEntry => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        userName: r.user_name,
        action: r.action,
        sessionId: r.session_id,
        details: JSON.parse(r.details_json) as Record<string, unknown>,
      }));
    },

    maxReadingId() {
      const row = db.prepare(`SELECT max(id) AS id FROM readings`).get() as { id: number | null };
      return row.id ?? 0;
    },
    maxDeviceSeq(deviceId) {
      const deviceNo = deviceKeys.no(deviceId);
      if (deviceNo === null) return null;
      const row = maxSeqOfDevice.get(deviceNo) as { seq: number | null };
      return row.seq;
    },
    readingByDeviceSeq(deviceId, seq) {
      const deviceNo = deviceKeys.no(deviceId);
      if (deviceNo === null) return null;
      const row = readingByDeviceSeq.get(deviceNo, seq) as ReadingRow | undefined;
      return row ? toReading(row, sessionKeys.id(row.session_no), deviceId) : null;
    },
    openWriter() {
      return file === ':memory:' ? new InlineWriter(db) : new ThreadWriter(file);
    },

    close() {
      db.close();
    },
  };
  return store;
}
