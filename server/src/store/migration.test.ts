import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reading } from '@infusion/shared';
import { migrate, openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';
import { seedChair } from './test-chair.js';
import { GroupCommitter } from './unit-of-work.js';

/**
 * A database file written by the previous release (schema version 3: readings name their
 * session and device by id) opens with every reading kept and readable through the store,
 * now that readings name them by their integer `no`.
 */
let dir: string;
let file: string;
let store: Store | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-migrate-'));
  file = path.join(dir, 'old.db');
});
afterEach(() => {
  store?.close();
  store = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const SESSION_A = '3f1c2a8e-5d6b-4c1e-9a7f-0b2d4e6f8a01';
const SESSION_B = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c02';
const MONITOR_1 = 'c0ffee00-1111-4222-8333-444455556601';
const MONITOR_2 = 'c0ffee00-1111-4222-8333-444455556602';

/** Readings as the old layout held them, inserted out of time order and with ids not in time order. */
const OLD_READINGS: Reading[] = [
  reading(5, SESSION_A, 'spo2', 97, 1_000, MONITOR_1, 1),
  reading(3, SESSION_A, 'hr', 72, 1_000, MONITOR_1, 2),
  reading(8, SESSION_A, 'sbp', 128, 2_000, null, null, 'Nora Nurse'),
  reading(9, SESSION_A, 'spo2', 96, 3_000, MONITOR_1, 3),
  reading(4, SESSION_B, 'spo2', 99, 1_500, MONITOR_2, 1),
  reading(12, SESSION_B, 'hr', 65, 1_500, MONITOR_2, 2),
  reading(13, SESSION_B, 'rr', 14, 900, MONITOR_1, 7),
];

function reading(
  id: number,
  sessionId: string,
  vital: Reading['vital'],
  value: number,
  measuredAt: number,
  deviceId: string | null,
  seq: number | null,
  enteredBy: string | null = null,
): Reading {
  return {
    id,
    sessionId,
    vital,
    value,
    measuredAt,
    receivedAt: measuredAt + 40,
    source: deviceId ? 'device' : 'manual',
    deviceId,
    seq,
    enteredBy,
  };
}

/** Writes a version-3 database file the way the previous release left one. */
function writeVersion3(extra: (db: Database.Database) => void = () => {}): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, 3);
  expect(db.pragma('user_version', { simple: true })).toBe(3);
  db.exec(`
    INSERT INTO patients (id, mrn, display_name, weight_kg) VALUES ('p-1', 'M-1', 'Pat One', 70), ('p-2', 'M-2', 'Pat Two', 80);
    INSERT INTO devices (id, label, token_hash, created_at) VALUES
      ('${MONITOR_1}', 'Chair 1 monitor', 'hash-1', 10), ('${MONITOR_2}', 'Chair 2 monitor', 'hash-2', 11);
    INSERT INTO sessions (id, patient_id, location, state, protocol_id, device_id, planned_duration_min, created_at)
    VALUES ('${SESSION_A}', 'p-1', 'Chair 1', 'ended', 'default', '${MONITOR_1}', 40, 100),
           ('${SESSION_B}', 'p-2', 'Chair 2', 'infusing', 'default', '${MONITOR_2}', 40, 200);
  `);
  const insert = db.prepare(
    `INSERT INTO readings (id, session_id, vital, value, measured_at, received_at, source, device_id, seq, entered_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of OLD_READINGS) {
    insert.run(
      r.id,
      r.sessionId,
      r.vital,
      r.value,
      r.measuredAt,
      r.receivedAt,
      r.source,
      r.deviceId,
      r.seq,
      r.enteredBy,
    );
  }
  extra(db);
  db.close();
}

const inTimeOrder = (sessionId: string): Reading[] =>
  OLD_READINGS.filter((r) => r.sessionId === sessionId).sort((a, b) => a.measuredAt - b.measuredAt || a.id - b.id);

describe('migrating a version-3 database to readings keyed by number', () => {
  it('keeps every reading, readable through the store exactly as before', () => {
    writeVersion3();
    const opened = openSqliteStore(file);
    store = opened;

    for (const session of [SESSION_A, SESSION_B]) {
      expect(opened.readingsForSession(session, {})).toEqual(inTimeOrder(session));
      expect([...opened.iterateReadings(session)]).toEqual(inTimeOrder(session));
    }
    expect(
      opened.readingsForSession(SESSION_A, { sinceMeasuredAt: 1_000, untilMeasuredAt: 2_000, afterId: 3 }),
    ).toEqual(inTimeOrder(SESSION_A).filter((r) => r.measuredAt <= 2_000 && r.id > 3));
    expect(opened.readingsForSession(SESSION_A, { limit: 2 }).map((r) => r.id)).toEqual([3, 5]);
    expect(opened.maxReadingId()).toBe(13);
    expect(opened.maxDeviceSeq(MONITOR_1)).toBe(7);
    expect(opened.maxDeviceSeq(MONITOR_2)).toBe(2);
    expect(opened.maxDeviceSeq('never-seen')).toBeNull();
    expect(opened.readingByDeviceSeq(MONITOR_1, 7)).toEqual(OLD_READINGS[6]);
    expect(opened.readingByDeviceSeq(MONITOR_1, 4)).toBeNull();
    expect(opened.readingsForSession('never-seen', {})).toEqual([]);
    opened.close();
    store = null;

    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const columns = (db.prepare(`PRAGMA table_info(readings)`).all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual([
      'id',
      'session_no',
      'vital',
      'value',
      'measured_at',
      'received_at',
      'source',
      'device_no',
      'seq',
      'entered_by',
    ]);
    const indexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'readings' ORDER BY name`)
      .all() as { name: string; sql: string }[];
    expect(indexes.map((i) => i.name)).toEqual(['readings_device_seq', 'readings_session_time']);
    expect(indexes[0]?.sql).toMatch(/UNIQUE INDEX readings_device_seq ON readings\(device_no, seq\)/);
    // The view gives people and test tooling the old columns back.
    const viewed = db.prepare(`SELECT id, session_id, device_id, seq FROM readings_with_ids ORDER BY id`).all() as {
      id: number;
      session_id: string;
      device_id: string | null;
      seq: number | null;
    }[];
    expect(viewed).toEqual(
      [...OLD_READINGS]
        .sort((a, b) => a.id - b.id)
        .map((r) => ({ id: r.id, session_id: r.sessionId, device_id: r.deviceId, seq: r.seq })),
    );
    db.close();
  });

  it('numbers sessions and devices created afterwards on from the old ones, and stores new readings', async () => {
    writeVersion3();
    const opened = openSqliteStore(file);
    store = opened;
    const { session: sessionId, device: deviceId } = seedChair(opened, { chair: 3, at: 300 });

    const committer = new GroupCommitter(opened, opened.openWriter(), new Map());
    const put = (sessionId: string, deviceId: string, seq: number) =>
      committer.submit((uow) =>
        uow.tx.insertReading({
          sessionId,
          vital: 'spo2',
          value: 95,
          measuredAt: 5_000 + seq,
          receivedAt: 6_000,
          source: 'device',
          deviceId,
          seq,
          enteredBy: null,
        }),
      );
    expect(await put(sessionId, deviceId, 1)).toMatchObject({ status: 'inserted', reading: { id: 14 } });
    // A seq a migrated reading holds is still found: a different reading on it is a clash.
    expect(await put(SESSION_B, MONITOR_1, 7)).toEqual({ status: 'conflict', existing: OLD_READINGS[6] });
    expect(await put(SESSION_B, MONITOR_1, 8)).toMatchObject({ status: 'inserted', reading: { id: 15 } });
    await committer.close();

    expect(opened.readingsForSession(sessionId, {}).map((r) => [r.id, r.sessionId, r.deviceId, r.seq])).toEqual([
      [14, sessionId, deviceId, 1],
    ]);
    expect(opened.readingsForSession(SESSION_B, {}).map((r) => r.id)).toEqual([13, 4, 12, 15]);

    const db = new Database(file, { readonly: true });
    const nos = db.prepare(`SELECT id, no FROM sessions ORDER BY no`).all() as { id: string; no: number }[];
    expect(nos).toEqual([
      { id: SESSION_A, no: 1 },
      { id: SESSION_B, no: 2 },
      { id: sessionId, no: 3 },
    ]);
    expect(db.prepare(`SELECT no FROM devices WHERE id = ?`).pluck().get(deviceId)).toBe(3);
    db.close();
  });

  it('refuses a session or device no that would be missing or changed', () => {
    writeVersion3();
    openSqliteStore(file).close();
    const db = new Database(file);
    expect(() => db.prepare(`UPDATE sessions SET no = 99 WHERE id = ?`).run(SESSION_A)).toThrow(/keeps its no/);
    expect(() =>
      db.prepare(`INSERT INTO devices (id, label, token_hash, created_at) VALUES ('d-x', 'x', 'hash-x', 1)`).run(),
    ).toThrow(/needs its no/);
    // Changing anything else about a session is fine.
    db.prepare(`UPDATE sessions SET state = 'ended' WHERE id = ?`).run(SESSION_B);
    db.close();
  });

  it.each([
    {
      missing: 'session',
      row: { session: 'gone-session', source: 'manual', device: null, seq: null },
      message: /1 readings of a session that is not in the store \(e\.g\. gone-session\)/,
    },
    {
      missing: 'device',
      row: { session: SESSION_A, source: 'device', device: 'gone-monitor', seq: 3 },
      message: /1 readings of a device that is not in the store \(e\.g\. gone-monitor\)/,
    },
  ])('fails loudly and changes nothing when a reading names a $missing that is not there', ({ row, message }) => {
    writeVersion3((db) => {
      db.prepare(
        `INSERT INTO readings (id, session_id, vital, value, measured_at, received_at, source, device_id, seq)
         VALUES (20, ?, 'hr', 70, 1, 1, ?, ?, ?)`,
      ).run(row.session, row.source, row.device, row.seq);
    });
    expect(() => openSqliteStore(file)).toThrow(message);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare(`SELECT count(*) FROM readings`).pluck().get()).toBe(OLD_READINGS.length + 1);
    expect(db.prepare(`SELECT count(*) FROM pragma_table_info('sessions') WHERE name = 'no'`).pluck().get()).toBe(0);
    db.close();
  });
});
