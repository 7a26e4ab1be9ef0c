import type { AlarmEngineState, AlarmEvent, Reading } from '@infusion/shared';
import { mustStoreAlarmState } from '../alarms/storing.js';
import type { InsertOutcome, NewAuditEntry, ReadingInsert, Store } from './store.js';
import { packReadings, type WriteOp } from './write-ops.js';
import type { CommitWriter } from './writer.js';

/** The writes a unit of work may make; they are stored with the rest of its commit group. */
export interface GroupWrites {
  /** Idempotent on (device, seq): a resend is a duplicate, a different reading a conflict. */
  insertReading(reading: ReadingInsert): InsertOutcome;
  insertAlarmEvents(sessionId: string, events: AlarmEvent[]): void;
  appendAudit(entry: NewAuditEntry): void;
}

/**
 * One piece of work inside a group commit: database writes plus the alarm states it
 * changed and what to broadcast once the writes are durable.
 */
export interface UnitOfWork {
  tx: GroupWrites;
  /** The session's alarm state as this commit group sees it (staged changes first). */
  alarmState(sessionId: string): AlarmEngineState | undefined;
  stageAlarmState(state: AlarmEngineState): void;
  /** Runs after the commit succeeded, never before: nothing unstored is ever broadcast. */
  afterCommit(effect: () => void): void;
}

interface Job {
  work: (uow: UnitOfWork) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A burst after a stall is written as several groups rather than one huge one: a group's
 * readings, statements and replies are all held in memory until it commits.
 */
export const MAX_JOBS_PER_GROUP = 500;

/** Figures for the benchmark: groups written, and where their time went. */
export interface CommitStats {
  groups: number;
  jobs: number;
  /** Main-thread time spent preparing groups (running the work, the alarm engine). */
  mainMs: number;
  /** Writer time spent storing groups (statements, commit and fsync, checkpoints). */
  writerMs: number;
}

/**
 * Group commit. Work submitted while the previous group is being written (under load: from
 * many monitors at once) is prepared on the main thread, stored by the writer in one
 * transaction and fsynced once, then every caller is answered. At low load a group is one
 * job and adds no waiting.
 *
 * Only one group is with the writer at a time, and the next is prepared only once that one
 * has committed. So the work always sees every earlier group's alarm states and readings
 * as stored, and a failed group cannot leave a later one built on what never happened.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  private writing: Promise<void> | null = null;
  private closed = false;
  private readonly ledger: ReadingLedger;
  /** Each session's alarm state as last stored, to tell whether a new one must be written. */
  private readonly storedAlarmStates = new Map<string, AlarmEngineState>();
  readonly stats: CommitStats = { groups: 0, jobs: 0, mainMs: 0, writerMs: 0 };
  /** Instrumentation for the benchmark: told how long the writer took over each group. */
  onCommitted: ((writerMs: number) => void) | null = null;

  constructor(
    store: Store,
    private readonly writer: CommitWriter,
    private readonly liveAlarmStates: Map<string, AlarmEngineState>,
  ) {
    this.ledger = new ReadingLedger(store);
    // Whatever the caller holds when the committer starts was loaded from the store.
    for (const [id, state] of liveAlarmStates) this.storedAlarmStates.set(id, state);
  }

  submit<T>(work: (uow: UnitOfWork) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closing'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Writes what is queued, refuses new work, and lets the writer go. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.writing || this.queue.length > 0) {
      if (this.writing) await this.writing;
      else this.startGroup();
    }
    await this.storeUnstoredAlarmStates();
    await this.writer.close();
  }

  private schedule(): void {
    if (this.scheduled || this.writing || this.queue.length === 0) return;
    this.scheduled = true;
    // Waiting one turn gathers the batches that arrived together into one group.
    setImmediate(() => {
      this.scheduled = false;
      if (!this.writing && this.queue.length > 0) this.startGroup();
    });
  }

  private startGroup(): void {
    const done: Promise<void> = this.writeGroup().finally(() => {
      if (this.writing === done) this.writing = null;
      this.schedule();
    });
    this.writing = done;
  }

  private async writeGroup(): Promise<void> {
    const jobs = this.queue.splice(0, MAX_JOBS_PER_GROUP);
    const started = performance.now();
    const staged = new Map<string, AlarmEngineState>();
    const effects: (() => void)[] = [];
    const results: unknown[] = [];
    const ops: WriteOp[] = [];
    const readings: Reading[] = [];
    const toStore: AlarmEngineState[] = [];
    const group = this.ledger.startGroup(readings, ops);
    try {
      const uow: UnitOfWork = {
        tx: group,
        alarmState: (id) => staged.get(id) ?? this.liveAlarmStates.get(id),
        stageAlarmState: (state) => staged.set(state.sessionId, state),
        afterCommit: (effect) => effects.push(effect),
      };
      for (const job of jobs) results.push(job.work(uow));
      for (const state of staged.values()) {
        if (mustStoreAlarmState(this.storedAlarmStates.get(state.sessionId), state)) {
          ops.push({ kind: 'alarm-state', state });
          toStore.push(state);
        }
      }
    } catch (error) {
      this.ledger.forget();
      this.finish(jobs, error);
      return;
    }
    this.stats.mainMs += performance.now() - started;

    const result =
      ops.length === 0 && readings.length === 0
        ? ({ ok: true, writerMs: 0 } as const)
        : await this.writer.commit({ readings: packReadings(readings), ops });
    if (!result.ok) {
      this.ledger.forget();
      this.finish(jobs, new Error(result.message));
      return;
    }
    this.stats.groups += 1;
    this.stats.jobs += jobs.length;
    this.stats.writerMs += result.writerMs;
    this.onCommitted?.(result.writerMs);
    for (const [id, state] of staged) this.liveAlarmStates.set(id, state);
    for (const state of toStore) this.storedAlarmStates.set(state.sessionId, state);
    for (const effect of effects) {
      // What is stored is stored: a broadcast that throws must not keep its callers unanswered.
      try {
        effect();
      } catch (error) {
        console.error('a broadcast after a commit failed', error);
      }
    }
    this.finish(jobs, null, results);
  }

  /** On a clean shutdown the newest clocks are stored too, so a restart loses nothing. */
  private async storeUnstoredAlarmStates(): Promise<void> {
    const unstored = [...this.liveAlarmStates.values()].filter((s) => this.storedAlarmStates.get(s.sessionId) !== s);
    if (unstored.length === 0) return;
    const result = await this.writer.commit({
      readings: packReadings([]),
      ops: unstored.map((state) => ({ kind: 'alarm-state', state })),
    });
    if (result.ok) for (const state of unstored) this.storedAlarmStates.set(state.sessionId, state);
    else console.error('alarm states could not be stored at shutdown', result.message);
  }

  private finish(jobs: Job[], error: unknown, results: unknown[] = []): void {
    if (error === null) jobs.forEach((job, i) => job.resolve(results[i]));
    else for (const job of jobs) job.reject(error);
  }
}

/**
 * Decides on the main thread, before the writer stores anything, which device readings are
 * new, resends (duplicates) or clashes (same seq, different reading), and numbers the new
 * ones. A monitor's sequence numbers rise, so a reading above the highest seq seen from its
 * monitor is new without asking the database; only a resend is looked up.
 */
class ReadingLedger {
  private readonly highestSeq = new Map<string, number | null>();
  private nextId: number | null = null;

  constructor(private readonly store: Store) {}

  /** After a failed group: what it claimed was never stored, so ask the database again. */
  forget(): void {
    this.highestSeq.clear();
    this.nextId = null;
  }

  startGroup(readings: Reading[], ops: WriteOp[]): GroupWrites {
    const inGroup = new Map<string, Reading>();
    return {
      insertReading: (insert) => {
        const existing =
          insert.deviceId !== null && insert.seq !== null ? this.find(inGroup, insert.deviceId, insert.seq) : null;
        if (existing) {
          const same =
            existing.vital === insert.vital &&
            existing.value === insert.value &&
            existing.measuredAt === insert.measuredAt &&
            existing.sessionId === insert.sessionId;
          return same ? { status: 'duplicate' } : { status: 'conflict', existing };
        }
        this.nextId ??= this.store.maxReadingId() + 1;
        const reading: Reading = { ...insert, id: this.nextId++ };
        if (reading.deviceId !== null && reading.seq !== null) {
          inGroup.set(`${reading.deviceId}\u0000${reading.seq}`, reading);
          const highest = this.highestSeq.get(reading.deviceId) ?? null;
          if (highest === null || reading.seq > highest) this.highestSeq.set(reading.deviceId, reading.seq);
        }
        readings.push(reading);
        return { status: 'inserted', reading };
      },
      insertAlarmEvents: (sessionId, events) => {
        if (events.length > 0) ops.push({ kind: 'alarm-events', sessionId, events });
      },
      appendAudit: (entry) => {
        ops.push({ kind: 'audit', entry });
      },
    };
  }

  private find(inGroup: Map<string, Reading>, deviceId: string, seq: number): Reading | null {
    const staged = inGroup.get(`${deviceId}\u0000${seq}`);
    if (staged) return staged;
    let highest = this.highestSeq.get(deviceId);
    if (highest === undefined) {
      highest = this.store.maxDeviceSeq(deviceId);
      this.highestSeq.set(deviceId, highest);
    }
    if (highest === null || seq > highest) return null;
    return this.store.readingByDeviceSeq(deviceId, seq);
  }
}
