/**
 * Checks on the SQLite file itself, read-only and bypassing the server's store code: what a
 * test asserts here is what is on disk, not what the server believes it wrote.
 */
import Database from 'better-sqlite3';
import { AlarmEvent, Session, VITALS, VitalCode } from '@infusion/shared';

export type Db = Database.Database;

/** Opens the server's database read-only (concurrent with a running server is fine: WAL). */
export function openReadonly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** A stored device reading, keyed by (device, seq) in {@link deviceReadings}. */
export interface StoredReading {
  sessionId: string;
  vital: string;
  value: number;
  measuredAt: number;
  /** Rows with this (device, seq): exactly 1 when all is well. */
  rows: number;
}

/**
 * Every reading a device has in the store, by seq, with the number of rows for each seq. (The
 * readings table names sessions and devices by their integer `no`; these join back to the ids.)
 */
export function deviceReadings(db: Db, deviceId: string): Map<number, StoredReading> {
  const rows = db
    .prepare(
      `SELECT r.seq, s.id AS session_id, r.vital, r.value, r.measured_at
       FROM readings r LEFT JOIN sessions s ON s.no = r.session_no
       WHERE r.device_no = (SELECT no FROM devices WHERE id = ?) ORDER BY r.id`,
    )
    .all(deviceId) as { seq: number; session_id: string; vital: string; value: number; measured_at: number }[];
  const bySeq = new Map<number, StoredReading>();
  for (const r of rows) {
    const seen = bySeq.get(r.seq);
    if (seen) seen.rows++;
    else
      bySeq.set(r.seq, {
        sessionId: r.session_id,
        vital: r.vital,
        value: r.value,
        measuredAt: r.measured_at,
        rows: 1,
      });
  }
  return bySeq;
}

/** (device, seq) pairs stored more than once, anywhere in the store. */
export function duplicateDeviceSeqs(db: Db): { deviceId: string; seq: number; n: number }[] {
  return db
    .prepare(
      `SELECT coalesce(d.id, 'device no ' || r.device_no) AS deviceId, r.seq, r.n
       FROM (SELECT device_no, seq, count(*) AS n FROM readings
             WHERE device_no IS NOT NULL GROUP BY device_no, seq HAVING n > 1 LIMIT 20) r
       LEFT JOIN devices d ON d.no = r.device_no`,
    )
    .all() as { deviceId: string; seq: number; n: number }[];
}

/** Problems found, each a sentence naming the row, plus how many rows were looked at. */
export interface Findings {
  checked: number;
  problems: string[];
}

const MAX_PROBLEMS = 20;

function note(findings: Findings, problem: string): void {
  if (findings.problems.length < MAX_PROBLEMS) findings.problems.push(problem);
  else if (findings.problems.length === MAX_PROBLEMS) findings.problems.push('… and more');
}

const isEpochMs = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Every stored reading is something the server should have accepted: a known vital, a finite
 * value inside the vital's plausible range, finite integer times, a real session, and for a
 * device reading a real device and a non-negative integer seq.
 */
export function readingProblems(db: Db): Findings {
  const findings: Findings = { checked: 0, problems: [] };
  const sessions = new Map(
    (db.prepare(`SELECT no, id FROM sessions`).all() as { no: unknown; id: string }[]).map((s) => [s.no, s.id]),
  );
  const devices = new Map(
    (db.prepare(`SELECT no, id FROM devices`).all() as { no: unknown; id: string }[]).map((d) => [d.no, d.id]),
  );
  const rows = db
    .prepare(
      `SELECT id, session_no, vital, value, typeof(value) AS value_type, measured_at, received_at, source,
              device_no, seq FROM readings`,
    )
    .iterate() as IterableIterator<{
    id: number;
    session_no: unknown;
    vital: unknown;
    value: unknown;
    value_type: string;
    measured_at: unknown;
    received_at: unknown;
    source: unknown;
    device_no: unknown;
    seq: unknown;
  }>;
  for (const r of rows) {
    findings.checked++;
    const where = `reading ${r.id}`;
    const vital = VitalCode.safeParse(r.vital);
    if (!vital.success) {
      note(findings, `${where}: unknown vital ${JSON.stringify(r.vital)}`);
      continue;
    }
    const { min, max } = VITALS[vital.data].plausible;
    if (r.value_type !== 'real' && r.value_type !== 'integer') {
      note(findings, `${where}: value stored as ${r.value_type} (${JSON.stringify(r.value)})`);
    } else if (typeof r.value !== 'number' || !Number.isFinite(r.value) || r.value < min || r.value > max) {
      note(findings, `${where}: ${vital.data} ${String(r.value)} outside its plausible range ${min}–${max}`);
    }
    if (!isEpochMs(r.measured_at)) note(findings, `${where}: measured_at ${String(r.measured_at)} is not a time`);
    if (!isEpochMs(r.received_at)) note(findings, `${where}: received_at ${String(r.received_at)} is not a time`);
    if (typeof r.session_no !== 'number' || !sessions.has(r.session_no)) {
      note(findings, `${where}: no session numbered ${String(r.session_no)}`);
    }
    if (r.source === 'device') {
      if (r.device_no === null) note(findings, `${where}: device reading without a device`);
      else if (typeof r.device_no !== 'number' || !devices.has(r.device_no)) {
        note(findings, `${where}: no device numbered ${String(r.device_no)}`);
      }
      if (typeof r.seq !== 'number' || !Number.isSafeInteger(r.seq) || r.seq < 0) {
        note(findings, `${where}: device seq ${String(r.seq)}`);
      }
    } else if (r.source !== 'manual') {
      note(findings, `${where}: unknown source ${JSON.stringify(r.source)}`);
    }
  }
  return findings;
}

const parseJsonColumn = (text: unknown): unknown => (typeof text === 'string' ? JSON.parse(text) : text);

/** Every session row, read straight from the tables, parses with the shared Session schema. */
export function sessionProblems(db: Db): Findings {
  const findings: Findings = { checked: 0, problems: [] };
  const rows = db
    .prepare(`SELECT s.*, p.mrn, p.display_name, p.weight_kg FROM sessions s JOIN patients p ON p.id = s.patient_id`)
    .all() as Record<string, unknown>[];
  const orphans = db
    .prepare(`SELECT count(*) AS n FROM sessions WHERE patient_id NOT IN (SELECT id FROM patients)`)
    .get() as { n: number };
  if (orphans.n > 0) note(findings, `${orphans.n} session rows without a patient`);
  const unnumbered = db.prepare(`SELECT count(*) AS n FROM sessions WHERE typeof(no) != 'integer'`).get() as {
    n: number;
  };
  if (unnumbered.n > 0) note(findings, `${unnumbered.n} session rows without an integer no`);
  for (const row of rows) {
    findings.checked++;
    try {
      const candidate = {
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
        baseline: parseJsonColumn(row.baseline_json),
        recoveryStartedAt: row.recovery_started_at ?? null,
        doseMgPerKg: row.dose_mg_per_kg ?? null,
        rateMgPerKgPerHour: row.rate_mg_per_kg_per_hour ?? null,
        course: row.course_json ? parseJsonColumn(row.course_json) : null,
        checklist: row.checklist_json ? parseJsonColumn(row.checklist_json) : undefined,
      };
      const parsed = Session.safeParse(candidate);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        note(findings, `session ${String(row.id)}: ${issue?.path.join('.')}: ${issue?.message}`);
      }
    } catch (error) {
      note(findings, `session ${String(row.id)}: ${(error as Error).message}`);
    }
  }
  return findings;
}

/** Every stored alarm event parses with the shared schema, and every engine state is JSON for its session. */
export function alarmProblems(db: Db): Findings {
  const findings: Findings = { checked: 0, problems: [] };
  for (const row of db
    .prepare(`SELECT id, session_id, alarm_id, event_json FROM alarm_events`)
    .iterate() as IterableIterator<{ id: number; session_id: string; alarm_id: string; event_json: string }>) {
    findings.checked++;
    try {
      const event = AlarmEvent.safeParse(JSON.parse(row.event_json));
      if (!event.success) note(findings, `alarm event ${row.id}: ${event.error.issues[0]?.message}`);
      else if (event.data.alarm.id !== row.alarm_id || event.data.alarm.sessionId !== row.session_id) {
        note(findings, `alarm event ${row.id}: columns disagree with its JSON`);
      }
    } catch (error) {
      note(findings, `alarm event ${row.id}: ${(error as Error).message}`);
    }
  }
  for (const row of db.prepare(`SELECT session_id, state_json FROM alarm_states`).iterate() as IterableIterator<{
    session_id: string;
    state_json: string;
  }>) {
    findings.checked++;
    try {
      const state = JSON.parse(row.state_json) as { sessionId?: unknown; alarms?: unknown };
      if (state.sessionId !== row.session_id || typeof state.alarms !== 'object' || state.alarms === null) {
        note(findings, `alarm state of ${row.session_id}: malformed`);
      }
    } catch (error) {
      note(findings, `alarm state of ${row.session_id}: ${(error as Error).message}`);
    }
  }
  return findings;
}
