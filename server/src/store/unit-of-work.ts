import type { AlarmEngineState, AlarmEvent, Reading } from '@infusion/shared';
import { mustStoreAlarmState } from '../alarms/storing.js';
import type { InsertOutcome, NewAuditEntry, ReadingInsert, Store } from './store.js';
import { packReadings, type WriteOp } from './write-ops.js';
import type { CommitWriter } from './writer.js';
import type { WriteResult } from './write-ops.js';

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

/** A group of jobs prepared on the main thread, with everything its commit will store. */
interface PreparedGroup {
  jobs: Job[];
  results: unknown[];
  staged: Map<string, AlarmEngineState>;
  effects: (() => void)[];
  ops: WriteOp[];
  readings: Reading[];
  /** The staged alarm states the group stores (see mustStoreAlarmState). */
  toStore: AlarmEngineState[];
  uow: UnitOfWork & { tx: LedgerGroup };
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
 * Only one group is with the writer at a time. The next one is prepared meanwhile, on top of
 * it: its work sees the earlier group's alarm states and readings as if stored, and if that
 * group fails to store, the one prepared on top of it fails with it, so nothing is ever built
 * on what never happened.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  /** The group being prepared from arriving work, and the one with the writer. */
  private open: PreparedGroup | null = null;
  private inFlight: PreparedGroup | null = null;
  private writing: Promise<void> | null = null;
  private failedSinceCommit = false;
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
    while (this.writing || this.queue.length > 0 || this.open) {
      if (this.writing) await this.writing;
      else this.pump();
    }
    await this.storeUnstoredAlarmStates();
    await this.writer.close();
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // Waiting one turn gathers the batches that arrived together.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /**
   * Prepares what is queued into the open group, and hands the open group to the writer if
   * the writer is free. Preparing goes on while a group is being written, so the writer finds
   * the next group ready instead of waiting for the event loop to prepare it, and the event
   * loop prepares work as it arrives instead of hundreds of jobs at once after a slow commit.
   */
  private pump(): void {
    if (this.failedSinceCommit) {
      // Something prepared on top of the group in flight was thrown away: the ledger's claims
      // are only trustworthy again once that group is settled and the ledger is re-read.
      if (this.inFlight) return;
      this.ledger.forget();
      this.failedSinceCommit = false;
    }
    while (this.queue.length > 0 && (this.open?.jobs.length ?? 0) < MAX_JOBS_PER_GROUP) {
      const open = (this.open ??= this.openGroup());
      const take = this.queue.splice(0, MAX_JOBS_PER_GROUP - open.jobs.length);
      const started = performance.now();
      open.jobs.push(...take);
      try {
        for (const job of take) open.results.push(job.work(open.uow));
      } catch (error) {
        // As when a group fails to store: none of its jobs is answered as done.
        this.open = null;
        this.failedSinceCommit = true;
        this.finish(open.jobs, error);
        this.pump();
        return;
      }
      this.stats.mainMs += performance.now() - started;
    }
    if (!this.inFlight && this.open) this.post(this.open);
  }

  private openGroup(): PreparedGroup {
    const staged = new Map<string, AlarmEngineState>();
    const effects: (() => void)[] = [];
    const ops: WriteOp[] = [];
    const readings: Reading[] = [];
    const tx = this.ledger.startGroup(readings, ops);
    return {
      jobs: [],
      results: [],
      staged,
      effects,
      ops,
      readings,
      toStore: [],
      uow: {
        tx,
        // Newest first: this group's own, then the group being written, then what is stored.
        alarmState: (id) => staged.get(id) ?? this.inFlight?.staged.get(id) ?? this.liveAlarmStates.get(id),
        stageAlarmState: (state) => staged.set(state.sessionId, state),
        afterCommit: (effect) => effects.push(effect),
      },
    };
  }

  private post(group: PreparedGroup): void {
    this.open = null;
    this.inFlight = group;
    // Decided now, when every earlier group is settled, against what is really stored.
    for (const state of group.staged.values()) {
      if (mustStoreAlarmState(this.storedAlarmStates.get(state.sessionId), state)) {
        group.ops.push({ kind: 'alarm-state', state });
        group.toStore.push(state);
      }
    }
    const written =
      group.ops.length === 0 && group.readings.length === 0
        ? Promise.resolve({ ok: true, writerMs: 0 } as const)
        : this.writer.commit({ readings: packReadings(group.readings), ops: group.ops });
    this.writing = written
      .catch(
        (error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) }) as const,
      )
      .then((result) => {
        this.settle(group, result);
        this.writing = null;
        this.pump();
        this.schedule();
      });
  }

  private settle(group: PreparedGroup, result: WriteResult): void {
    this.inFlight = null;
    this.ledger.settled(group.uow.tx);
    if (!result.ok) {
      // The open group was prepared on top of this one: it goes down with it.
      const open = this.open;
      this.open = null;
      this.failedSinceCommit = true;
      this.finish(group.jobs, new Error(result.message));
      if (open) this.finish(open.jobs, new Error(result.message));
      return;
    }
    this.stats.groups += 1;
    this.stats.jobs += group.jobs.length;
    this.stats.writerMs += result.writerMs;
    this.onCommitted?.(result.writerMs);
    for (const [id, state] of group.staged) this.liveAlarmStates.set(id, state);
    for (const state of group.toStore) this.storedAlarmStates.set(state.sessionId, state);
    for (const effect of group.effects) {
      // What is stored is stored: a broadcast that throws must not keep its callers unanswered.
      try {
        effect();
      } catch (error) {
        console.error('a broadcast after a commit failed', error);
      }
    }
    this.finish(group.jobs, null, group.results);
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

/** The writes of one group, as the ledger hands them out. */
export type LedgerGroup = GroupWrites & { readonly claimed: Map<string, Reading> };

/**
 * Decides on the main thread, before the writer stores anything, which device readings are
 * new, resends (duplicates) or clashes (same seq, different reading), and numbers the new
 * ones. A monitor's sequence numbers rise, so a reading above the highest seq seen from its
 * monitor is new without asking the database; only a resend is looked up, first among the
 * readings of groups prepared but not yet stored, then in the database.
 */
class ReadingLedger {
  private readonly highestSeq = new Map<string, number | null>();
  private nextId: number | null = null;
  /** Readings claimed by groups not yet settled, by (device, seq). */
  private readonly unsettled = new Set<Map<string, Reading>>();

  constructor(private readonly store: Store) {}

  /** After a failed group: what it claimed was never stored, so ask the database again. */
  forget(): void {
    this.highestSeq.clear();
    this.nextId = null;
    this.unsettled.clear();
  }

  /** The group is stored, or failed: its readings are found in the database from now on, or never. */
  settled(group: LedgerGroup): void {
    this.unsettled.delete(group.claimed);
  }

  startGroup(readings: Reading[], ops: WriteOp[]): LedgerGroup {
    const claimed = new Map<string, Reading>();
    this.unsettled.add(claimed);
    return {
      claimed,
      insertReading: (insert) => {
        const existing =
          insert.deviceId !== null && insert.seq !== null ? this.find(insert.deviceId, insert.seq) : null;
        if (existing) {
          const same =
            existing.vital === insert.vital &&
            existing.value === insert.value &&
            existing.measuredAt === insert.measuredAt &&
            existing.sessionId === insert.sessionId;
          return same ? { status: 'duplicate' } : { status: 'conflict', existing };
        }
        this.nextId ??= this.store.maxReadingId() + 1;
        // Written out rather than spread: this runs for every reading, and a literal is cheaper.
        const reading: Reading = {
          id: this.nextId++,
          sessionId: insert.sessionId,
          vital: insert.vital,
          value: insert.value,
          measuredAt: insert.measuredAt,
          receivedAt: insert.receivedAt,
          source: insert.source,
          deviceId: insert.deviceId,
          seq: insert.seq,
          enteredBy: insert.enteredBy,
        };
        if (reading.deviceId !== null && reading.seq !== null) {
          claimed.set(`${reading.deviceId}\u0000${reading.seq}`, reading);
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

  private find(deviceId: string, seq: number): Reading | null {
    let highest = this.highestSeq.get(deviceId);
    if (highest === undefined) {
      highest = this.store.maxDeviceSeq(deviceId);
      this.highestSeq.set(deviceId, highest);
    }
    if (highest === null || seq > highest) return null;
    const key = `${deviceId}\u0000${seq}`;
    for (const claimed of this.unsettled) {
      const reading = claimed.get(key);
      if (reading) return reading;
    }
    return this.store.readingByDeviceSeq(deviceId, seq);
  }
}
