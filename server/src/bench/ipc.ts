/**
 * Messages between the benchmark's runner and its target child processes (the real server and
 * the bare relay), and the helper both children use to answer them.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LOOP_RESOLUTION_MS, loopDelayOf, type LoopDelay } from './stats.js';

/** What a target child reports about itself. */
export interface TargetStats {
  /** Event-loop delay since the last `reset`. */
  loop: LoopDelay;
  memory: NodeJS.MemoryUsage;
  /** Group-commit counters (real server only): commit groups written and jobs in them. */
  commit: { groups: number; jobs: number } | null;
  /**
   * Commit groups the writer thread stored since the last reset (real server only): how many,
   * and how long each took it (statements, the commit's fsync, checkpoints).
   */
  transactions: TransactionStats | null;
  /** Connected sockets per namespace. */
  sockets: { devices: number; dashboards: number };
}

export interface TransactionStats {
  count: number;
  /** Writer-thread wall time inside transactions, in ms. */
  totalMs: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export type ChildToRunner =
  | { type: 'ready'; url: string; pid: number }
  | { type: 'stats'; id: number; stats: TargetStats }
  | { type: 'done'; id: number };

export type RunnerToChild =
  | { type: 'stats'; id: number; reset: boolean }
  /** Start the V8 profiler (inspector), or stop it and write the profile to `file`. */
  | { type: 'profile-start'; id: number }
  | { type: 'profile-stop'; id: number; file: string }
  | { type: 'gc'; id: number }
  | { type: 'stop'; id: number };

/**
 * Answers the runner's requests in a target child. `stop` closes the target, then exits;
 * the child also exits when the runner goes away.
 */
export function serveRunner(target: {
  commit(): TargetStats['commit'];
  transactions(reset: boolean): TargetStats['transactions'];
  sockets(): TargetStats['sockets'];
  stop(): Promise<void>;
}): void {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let profiler: Session | null = null;
  const send = (msg: ChildToRunner): void => {
    process.send?.(msg);
  };
  process.on('message', (raw: RunnerToChild) => {
    if (raw.type === 'stats') {
      send({
        type: 'stats',
        id: raw.id,
        stats: {
          loop: loopDelayOf(loop, LOOP_RESOLUTION_MS),
          memory: process.memoryUsage(),
          commit: target.commit(),
          transactions: target.transactions(raw.reset),
          sockets: target.sockets(),
        },
      });
      if (raw.reset) loop.reset();
    } else if (raw.type === 'profile-start') {
      const session = new Session();
      profiler = session;
      session.connect();
      session.post('Profiler.enable', () => session.post('Profiler.start', () => send({ type: 'done', id: raw.id })));
    } else if (raw.type === 'profile-stop') {
      const session = profiler;
      if (!session) return send({ type: 'done', id: raw.id });
      session.post('Profiler.stop', (err, result) => {
        if (!err) fs.writeFileSync(raw.file, JSON.stringify(result.profile));
        session.disconnect();
        profiler = null;
        send({ type: 'done', id: raw.id });
      });
    } else if (raw.type === 'gc') {
      // Only when started with --expose-gc: lets the soak compare live memory, not garbage.
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'done', id: raw.id });
    } else if (raw.type === 'stop') {
      loop.disable();
      void target
        .stop()
        .catch((err: unknown) => console.error('bench target: stopping failed', err))
        .finally(() => {
          send({ type: 'done', id: raw.id });
          // Let the IPC message leave before exiting.
          setTimeout(() => process.exit(0), 50);
        });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
