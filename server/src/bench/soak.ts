/**
 * Soak: a long infusion session compressed in time on the real server. Many monitors sample
 * `compress` times faster than 1 Hz (so 4 hours of readings arrive in 4 h / compress), and the
 * server's resident memory is compared, after a full GC, between the start (after a warm-up)
 * and the end. Windows measured back to back along the way give latency, losses and memory
 * over time.
 */
import { LoadGenerator, type LoadOptions, type WindowResult } from './load.js';
import { judge } from './capacity.js';
import { sleep } from './stats.js';
import { Target, type TargetOptions } from './target.js';

export interface SoakOptions {
  monitors: number;
  hours: number;
  compress: number;
  samplesPerBatch: number;
  warmupMs: number;
  windowMs: number;
  drainMaxMs: number;
  p99LimitMs: number;
  loopLimitMs: number;
  load: Omit<LoadOptions, 'batchesPerSecond' | 'samplesPerBatch'>;
  target: TargetOptions;
}

export interface MemoryPoint {
  /** Seconds since the start sample. */
  atSec: number;
  rssMB: number | null;
  heapUsedMB: number;
  /** Heap V8 has reserved (used or not): the young generation grows under a high allocation rate. */
  heapTotalMB: number;
  /** Memory of C++ objects bound to JS (buffers included). */
  externalMB: number;
}

export interface SoakResult {
  monitors: number;
  simulatedHours: number;
  compress: number;
  durationSec: number;
  readingsPerSecond: number;
  readingsSent: number;
  /** After the warm-up and a full GC. */
  start: MemoryPoint;
  /** At the end, after a full GC. */
  end: MemoryPoint;
  rssGrowthMB: number | null;
  heapGrowthMB: number;
  /** One entry per window (no GC before these). */
  windows: (Pick<
    WindowResult,
    'readingsPerSecond' | 'lost' | 'latencyMs' | 'ackLatencyMs' | 'alarm' | 'disconnects'
  > & {
    atSec: number;
    rssMB: number | null;
    heapUsedMB: number;
    cpuPercent: number | null;
    generatorBound: boolean;
    otherCpuPercent: number | null;
    failures: string[];
  })[];
  lostTotal: number;
  databaseNote: string;
}

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

async function memoryAfterGc(target: Target, since: number): Promise<MemoryPoint> {
  await target.gc();
  await sleep(500);
  await target.gc();
  const stats = await target.stats();
  const proc = target.sample();
  return {
    atSec: Math.round((performance.now() - since) / 1000),
    rssMB: proc ? mb(proc.rssBytes) : mb(stats.memory.rss),
    heapUsedMB: mb(stats.memory.heapUsed),
    heapTotalMB: mb(stats.memory.heapTotal),
    externalMB: mb(stats.memory.external),
  };
}

export async function runSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakResult> {
  const durationMs = (options.hours * 3600_000) / options.compress;
  const target = await Target.start('server', { ...options.target, exposeGc: true });
  let load: LoadGenerator | null = null;
  try {
    load = await LoadGenerator.start(target, {
      ...options.load,
      batchesPerSecond: options.compress / options.samplesPerBatch,
      samplesPerBatch: options.samplesPerBatch,
    });
    log(`  provisioning ${options.monitors} chairs…`);
    const chairs = await target.provision(options.monitors);
    await load.addChairs(chairs);
    log(`  warming up ${Math.round(options.warmupMs / 1000)} s…`);
    await sleep(options.warmupMs);
    const t0 = performance.now();
    const start = await memoryAfterGc(target, t0);
    log(
      `  start: rss ${start.rssMB} MB, heap used ${start.heapUsedMB} of ${start.heapTotalMB} MB, external ${start.externalMB} MB; running ${Math.round(durationMs / 60_000)} min`,
    );
    const windows: SoakResult['windows'] = [];
    let readingsSent = 0;
    let measuredSec = 0;
    // Windows back to back until the end; a last stretch under 5 s runs unmeasured.
    while (durationMs - (performance.now() - t0) >= 5000 + 1000) {
      const left = durationMs - (performance.now() - t0);
      const windowMs = Math.min(options.windowMs, left - 1000);
      const w = await load.measure(windowMs, { drainMaxMs: options.drainMaxMs, loopLimitMs: options.loopLimitMs });
      readingsSent += w.readingsSent;
      measuredSec += w.windowSec;
      const failures = judge(w, options.p99LimitMs);
      const entry = {
        atSec: Math.round((performance.now() - t0) / 1000),
        readingsPerSecond: w.readingsPerSecond,
        lost: w.lost,
        latencyMs: w.latencyMs,
        ackLatencyMs: w.ackLatencyMs,
        alarm: w.alarm,
        disconnects: w.disconnects,
        rssMB: w.target.rssMB,
        heapUsedMB: w.target.heapUsedMB,
        cpuPercent: w.target.cpuPercent,
        generatorBound: w.generator.bound,
        otherCpuPercent: w.otherCpuPercent,
        failures,
      };
      windows.push(entry);
      log(
        `  t=${entry.atSec}s: ${w.readingsPerSecond} readings/s, p99 ${w.latencyMs.p99} ms, lost ${w.lost}, rss ${w.target.rssMB} MB, heap ${w.target.heapUsedMB} MB, cpu ${w.target.cpuPercent}%` +
          (failures.length > 0 ? ` (${failures.join('; ')})` : ''),
      );
    }
    await sleep(Math.max(0, durationMs - (performance.now() - t0)));
    const end = await memoryAfterGc(target, t0);
    log(
      `  end: rss ${end.rssMB} MB, heap used ${end.heapUsedMB} of ${end.heapTotalMB} MB, external ${end.externalMB} MB`,
    );
    return {
      monitors: options.monitors,
      simulatedHours: options.hours,
      compress: options.compress,
      durationSec: Math.round(durationMs / 1000),
      readingsPerSecond: measuredSec > 0 ? Math.round(readingsSent / measuredSec) : 0,
      readingsSent,
      start,
      end,
      rssGrowthMB: start.rssMB !== null && end.rssMB !== null ? Math.round((end.rssMB - start.rssMB) * 10) / 10 : null,
      heapGrowthMB: Math.round((end.heapUsedMB - start.heapUsedMB) * 10) / 10,
      windows,
      lostTotal: windows.reduce((a, w) => a + w.lost, 0),
      databaseNote: 'readings are counted in the measured windows (short gaps between windows are not counted)',
    };
  } finally {
    await load?.stop();
    await target.stop();
  }
}
