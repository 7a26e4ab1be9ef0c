import type { AlarmEngineState } from '@infusion/shared';
import type { Store, StoreTransaction } from './store.js';

/**
 * One piece of work inside a group commit: database writes plus the alarm states it
 * changed and what to broadcast once the writes are durable.
 */
export interface UnitOfWork {
  tx: StoreTransaction;
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
 * Group commit. Work submitted in the same turn of the event loop (under load: from many
 * monitors at once) is written in one transaction and fsynced once, then every caller is
 * answered. At low load a group is one job and adds no waiting.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  /** Commit groups written and jobs in them, for the benchmark's report. */
  readonly stats = { groups: 0, jobs: 0 };

  constructor(
    private readonly store: Store,
    private readonly liveAlarmStates: Map<string, AlarmEngineState>,
  ) {}

  submit<T>(work: (uow: UnitOfWork) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closing'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Flushes what is queued and refuses new work. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    const staged = new Map<string, AlarmEngineState>();
    const effects: (() => void)[] = [];
    const results: unknown[] = [];
    try {
      this.store.transaction((tx) => {
        const uow: UnitOfWork = {
          tx,
          alarmState: (id) => staged.get(id) ?? this.liveAlarmStates.get(id),
          stageAlarmState: (state) => staged.set(state.sessionId, state),
          afterCommit: (effect) => effects.push(effect),
        };
        for (const job of jobs) results.push(job.work(uow));
        for (const state of staged.values()) tx.saveAlarmState(state);
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    this.stats.groups += 1;
    this.stats.jobs += jobs.length;
    for (const [id, state] of staged) this.liveAlarmStates.set(id, state);
    for (const effect of effects) effect();
    jobs.forEach((job, i) => job.resolve(results[i]));
  }
}
