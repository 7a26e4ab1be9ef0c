import type Database from 'better-sqlite3';
import type { AlarmEngineState, AlarmEvent, Reading } from '@infusion/shared';
import type { NewAuditEntry } from './store.js';

/**
 * One write of a commit group, as plain data so it can cross to the writer thread. The main
 * thread decides everything (ids, duplicates, alarm evaluation); the writer only stores.
 */
export type WriteOp =
  | { kind: 'reading'; reading: Reading }
  | { kind: 'alarm-events'; sessionId: string; events: AlarmEvent[] }
  | { kind: 'alarm-state'; state: AlarmEngineState }
  | { kind: 'audit'; entry: NewAuditEntry };

/** What the writer answers for one commit group. */
export type WriteResult = { ok: true; writerMs: number } | { ok: false; message: string };

/** SQLite settings every connection that writes uses. */
export function configureWriteConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is fsynced before it returns, so an acknowledged reading survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoint every ~10,000 pages (a WAL of about 40 MB): at 1000 the same hot index pages were
  // copied back to the database far more often, about a third more bytes written per reading.
  db.pragma('wal_autocheckpoint = 10000');
}

/** Stores commit groups on one connection, each in one transaction. */
export class WriteOpsApplier {
  private readonly insertReading;
  private readonly insertEvent;
  private readonly upsertState;
  private readonly insertAudit;
  private readonly applyAll;

  constructor(db: Database.Database) {
    // A plain INSERT with the id the main thread assigned: a clash is a bug and must fail the
    // group loudly rather than drop a reading that was already promised to a dashboard.
    this.insertReading = db.prepare(
      `INSERT INTO readings (id, session_id, vital, value, measured_at, received_at, source, device_id, seq, entered_by)
       VALUES (@id, @sessionId, @vital, @value, @measuredAt, @receivedAt, @source, @deviceId, @seq, @enteredBy)`,
    );
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
    this.applyAll = db.transaction((ops: readonly WriteOp[]) => {
      for (const op of ops) this.applyOne(op);
    });
  }

  /** Writes the whole group durably, or nothing (the transaction rolls back and this throws). */
  apply(ops: readonly WriteOp[]): void {
    this.applyAll(ops);
  }

  private applyOne(op: WriteOp): void {
    switch (op.kind) {
      case 'reading':
        this.insertReading.run(op.reading);
        return;
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
