/**
 * The real server under test, in its own process so its CPU and memory can be measured
 * apart from the load generator: `buildServer` with a fresh SQLite file (durable writes as in
 * production), no demo, warnings only. Started by the benchmark runner with an IPC channel;
 * the first admin is created with the setup code in BENCH_SETUP_CODE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DASHBOARD_NAMESPACE, DEVICE_NAMESPACE } from '@infusion/shared';
import { buildServer } from '../app.js';
import { serveRunner } from './ipc.js';

async function main(): Promise<void> {
  const setupCode = process.env.BENCH_SETUP_CODE;
  if (!setupCode) throw new Error('BENCH_SETUP_CODE is not set');
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_DB_DIR ?? os.tmpdir(), 'infusion-bench-'));
  const server = await buildServer({
    port: 0,
    host: '127.0.0.1',
    databaseFile: path.join(dir, 'bench.db'),
    logLevel: 'warn',
    clientDir: null,
    setupCode,
    signInPerMinute: 10_000,
  });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });

  // Instrumentation only: how long the writer thread took over each commit group (statements,
  // commit with its fsync, checkpoints). That time is spent beside the event loop, not on it.
  let durations: number[] = [];
  server.ward.committer.onCommitted = (writerMs) => durations.push(writerMs);
  const round = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round(ms * 100) / 100);

  serveRunner({
    commit: () => {
      const { groups, jobs } = server.ward.committer.stats;
      return { groups, jobs };
    },
    transactions: (reset) => {
      const sorted = [...durations].sort((a, b) => a - b);
      const at = (q: number): number | null =>
        round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
      const stats = {
        count: sorted.length,
        totalMs: Math.round(sorted.reduce((a, b) => a + b, 0)),
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        maxMs: round(sorted[sorted.length - 1]),
      };
      if (reset) durations = [];
      return stats;
    },
    sockets: () => ({
      devices: server.io.of(DEVICE_NAMESPACE).sockets.size,
      dashboards: server.io.of(DASHBOARD_NAMESPACE).sockets.size,
    }),
    async stop() {
      await server.app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
  process.send?.({ type: 'ready', url, pid: process.pid });
}

main().catch((err: unknown) => {
  console.error('bench server failed to start', err);
  process.exit(1);
});
