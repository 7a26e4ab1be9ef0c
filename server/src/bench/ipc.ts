/**
 * Messages between the benchmark's runner and its target child processes (the real server and
 * the bare relay), and the helper both children use to answer them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loopDelayOf, type LoopDelay } from './stats.js';

/** What a target child reports about itself. */
export interface TargetStats {
  /** Event-loop delay since the last `reset`. */
  loop: LoopDelay;
  memory: NodeJS.MemoryUsage;
  /** Group-commit counters (real server only): commit groups written and jobs in them. */
  commit: { groups: number; jobs: number } | null;
  /** Connected sockets per namespace. */
  sockets: { devices: number; dashboards: number };
}

export type ChildToRunner =
  | { type: 'ready'; url: string; pid: number }
  | { type: 'stats'; id: number; stats: TargetStats }
  | { type: 'done'; id: number };

export type RunnerToChild =
  { type: 'stats'; id: number; reset: boolean } | { type: 'gc'; id: number } | { type: 'stop'; id: number };

/**
 * Answers the runner's requests in a target child. `stop` closes the target, then exits;
 * the child also exits when the runner goes away.
 */
export function serveRunner(target: {
  commit(): TargetStats['commit'];
  sockets(): TargetStats['sockets'];
  stop(): Promise<void>;
}): void {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const send = (msg: ChildToRunner): void => {
    process.send?.(msg);
  };
  process.on('message', (raw: RunnerToChild) => {
    if (raw.type === 'stats') {
      send({
        type: 'stats',
        id: raw.id,
        stats: {
          loop: loopDelayOf(loop),
          memory: process.memoryUsage(),
          commit: target.commit(),
          sockets: target.sockets(),
        },
      });
      if (raw.reset) loop.reset();
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
