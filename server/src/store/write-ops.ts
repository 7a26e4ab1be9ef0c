import type Database from 'better-sqlite3';
import type { AlarmEngineState, AlarmEvent, Reading } from '@infusion/shared';
import type { NewAuditEntry } from './store.js';

/**
 * One write of a commit group, as plain data so it can cross to the writer thread. The main
 * thread decides everything (ids, duplicates, alarm evaluation); the writer only stores.
 */
export type WriteOp =
  | { kind: 'alarm-events'; sessionId: string; events: AlarmEvent[] }
  | { kind: 'alarm-state'; state: AlarmEngineState }
  | { kind: 'audit'; entry: NewAuditEntry };

/** Everything one commit group stores. */
export interface CommitGroup {
  readings: PackedReadings;
  ops: WriteOp[];
}

/**
 * A group's readings as columns: copying typed arrays and a short list of distinct strings
 * to the writer thread costs a fraction of cloning one object per reading, and readings are
 * nearly all of what a group holds.
 */
export interface PackedReadings {
  count: number;
  /** Per reading: id, value, measuredAt, receivedAt, seq (NaN for none). */
  numbers: Float64Array;
  /** Per reading: sessionId, vital, source, deviceId, enteredBy, as indexes into `strings` (-1 for none). */
  refs: Int32Array;
  strings: string[];
}

const NUMBERS = 5;
const REFS = 5;

export function packReadings(readings: readonly Reading[]): PackedReadings {
  const numbers = new Float64Array(readings.length * NUMBERS);
  const refs = new Int32Array(readings.length * REFS);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (value: string | null): number => {
    if (value === null) return -1;
    let i = index.get(value);
    if (i === undefined) {
      i = strings.push(value) - 1;
      index.set(value, i);
    }
    return i;
  };
  readings.forEach((r, i) => {
    const a = i * NUMBERS;
    numbers[a] = r.id;
    numbers[a + 1] = r.value;
    numbers[a + 2] = r.measuredAt;
    numbers[a + 3] = r.receivedAt;
    numbers[a + 4] = r.seq ?? Number.NaN;
    const b = i * REFS;
    refs[b] = ref(r.sessionId);
    refs[b + 1] = ref(r.vital);
    refs[b + 2] = ref(r.source);
    refs[b + 3] = ref(r.deviceId);
    refs[b + 4] = ref(r.enteredBy);
  });
  return { count: readings.length, numbers, refs, strings };
}

/** How the readings table names sessions and devices: by their integer `no`, not their id. */
export interface ReadingKeys {
  /** Throws for a session the store does not have. */
  sessionNo(sessionId: string): number;
  /** Throws for a device the store does not have. */
  deviceNo(deviceId: string): number;
}

/**
 * The readings back as column values, in the order of the readings table's INSERT below, with
 * sessions and devices as their `no` (each distinct one asked of `keys` once per group).
 */
export function* unpackReadings(packed: PackedReadings, keys: ReadingKeys): Generator<(string | number | null)[]> {
  const { numbers: n, refs, strings } = packed;
  const str = (i: number): string | null => (i < 0 ? null : (strings[i] ?? null));
  // Indexed like `strings`: the group's own small caches in front of the caller's.
  const sessionNos: (number | undefined)[] = [];
  const deviceNos: (number | undefined)[] = [];
  const no = (i: number, nos: (number | undefined)[], lookUp: (id: string) => number): number | null => {
    if (i < 0) return null;
    let found = nos[i];
    if (found === undefined) {
      const id = strings[i];
      if (id === undefined) throw new Error(`packed readings refer to string ${i} of ${strings.length}`);
      found = lookUp(id);
      nos[i] = found;
    }
    return found;
  };
  const sessionNo = (id: string): number => keys.sessionNo(id);
  const deviceNo = (id: string): number => keys.deviceNo(id);
  for (let i = 0; i < packed.count; i++) {
    const a = i * NUMBERS;
    const b = i * REFS;
    const seq = n[a + 4] ?? Number.NaN;
    yield [
      n[a] ?? null,
      no(refs[b] ?? -1, sessionNos, sessionNo),
      str(refs[b + 1] ?? -1),
      n[a + 1] ?? null,
      n[a + 2] ?? null,
      n[a + 3] ?? null,
      str(refs[b + 2] ?? -1),
      no(refs[b + 3] ?? -1, deviceNos, deviceNo),
      Number.isNaN(seq) ? null : seq,
      str(refs[b + 4] ?? -1),
    ];
  }
}

/** What the writer answers for one commit group. */
export type WriteResult = { ok: true; writerMs: number } | { ok: false; message: string };

/**
 * SQLite settings every connection that writes uses. Checkpoints belong to the checkpointer
 * thread (checkpoint-worker.ts); the writer thread keeps only a far-off automatic checkpoint as
 * a safety net, in case the checkpointer stops, so the WAL can never grow without bound. The
 * main thread's connection never checkpoints: that would run on the event loop.
 */
export function configureWriteConnection(db: Database.Database, role: 'safety-net' | 'leaves-checkpoints'): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is fsynced before it returns, so an acknowledged reading survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${role === 'safety-net' ? 50_000 : 0}`);
}

/**
 * A session's or device's `no` on the writer's own connection, remembered: a `no` never
 * changes, and the row always exists before a reading names it. One that is not there fails
 * the whole group.
 */
class NoLookup {
  private readonly known = new Map<string, number>();
  private readonly select;

  constructor(
    db: Database.Database,
    private readonly table: 'sessions' | 'devices',
  ) {
    this.select = db.prepare(`SELECT no FROM ${table} WHERE id = ?`).pluck();
  }

  no(id: string): number {
    let no = this.known.get(id);
    if (no === undefined) {
      const found = this.select.get(id) as number | null | undefined;
      if (typeof found !== 'number') throw new Error(`a reading names ${this.table} ${id}, which is not in the store`);
      no = found;
      this.known.set(id, no);
    }
    return no;
  }
}

/** Stores commit groups on one connection, each in one transaction. */
export class WriteOpsApplier {
  private readonly keys: ReadingKeys;
  private readonly insertReading;
  private readonly insertEvent;
  private readonly upsertState;
  private readonly insertAudit;
  private readonly applyAll;

  constructor(db: Database.Database) {
    // A plain INSERT with the id the main thread assigned: a clash is a bug and must fail the
    // group loudly rather than drop a reading that was already promised to a dashboard.
    this.insertReading = db.prepare(
      `INSERT INTO readings (id, session_no, vital, value, measured_at, received_at, source, device_no, seq, entered_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sessions = new NoLookup(db, 'sessions');
    const devices = new NoLookup(db, 'devices');
    this.keys = { sessionNo: (id) => sessions.no(id), deviceNo: (id) => devices.no(id) };
    this.insertEvent = db.prepare(
      `INSERT INTO alarm_events (session_id, alarm_id, type, at, by_user, event_json) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.upsertState = db.prepare(
      `INSERT INTO alarm_states (session_id, state_json) VALUES (?, ?)
       ON CONFLICT(session_id) DO UPDATE SET state_json = excluded.state_json`,
    );
    this.insertAudit = db.prepare(
      `INSERT INTO audit_log (at, user_id, user_name, action, session_id, details_json) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.applyAll = db.transaction((group: CommitGroup) => {
      for (const columns of unpackReadings(group.readings, this.keys)) this.insertReading.run(columns);
      for (const op of group.ops) this.applyOne(op);
    });
  }

  /** Writes the whole group durably, or nothing (the transaction rolls back and this throws). */
  apply(group: CommitGroup): void {
    this.applyAll(group);
  }

  private applyOne(op: WriteOp): void {
    switch (op.kind) {
      case 'alarm-events':
        for (const e of op.events) {
          this.insertEvent.run(op.sessionId, e.alarm.id, e.type, e.at, e.by, JSON.stringify(e));
        }
        return;
      case 'alarm-state':
        this.upsertState.run(op.state.sessionId, JSON.stringify(op.state));
        return;
      case 'audit': {
        const e = op.entry;
        this.insertAudit.run(e.at, e.userId, e.userName, e.action, e.sessionId, JSON.stringify(e.details));
        return;
      }
    }
  }
}
