/**
 * Capacity search for one target: step the number of monitors up a ladder (the monitors of
 * earlier steps keep running), measure a window at each step, and stop at the first step
 * whose p99 send-to-dashboard latency reaches the limit or that loses anything. The capacity
 * is the last step that passed. A failing step where the load generator itself was saturated
 * is reported as limited by the generator, not as the target's figure.
 */
import { LoadGenerator, type LoadOptions, type WindowResult } from './load.js';
import { sleep } from './stats.js';
import { Target, type TargetOptions } from './target.js';
import type { TargetKind } from './load-types.js';

export interface CapacityOptions {
  ladder: number[];
  /** Bisection steps after the ladder's first failure. */
  refine: number;
  /** CPU of other processes (percent of one core) above which a window counts as contended. */
  contentionLimitPercent: number;
  /** Times a contended failing window is measured again. */
  contentionRetries: number;
  warmupMs: number;
  windowMs: number;
  drainMaxMs: number;
  p99LimitMs: number;
  loopLimitMs: number;
  load: LoadOptions;
  target: TargetOptions;
}

export interface StepResult extends WindowResult {
  pass: boolean;
  failures: string[];
  /** Provisioning and connecting this step's new monitors. */
  setupSec: number;
  /** A bisection step on a fresh target, after the ladder. */
  refined: boolean;
  /** Other processes used more CPU than `contentionLimitPercent` during the window. */
  contended: boolean;
  /** A contended failure measured again: not counted. */
  superseded: boolean;
}

export interface TargetCapacity {
  target: TargetKind;
  /** Most monitors that passed; null when even the first step failed. */
  capacity: number | null;
  /**
   * Why the search stopped: `target` (the target missed the limit), `generator` (the
   * failing step was generator-bound: the capacity is a lower bound), `contention` (other
   * processes were busy on the machine during the failing step, even after retries: a lower
   * bound too), `ladder` (every step passed: a lower bound), or `error`.
   */
  limitedBy: 'target' | 'generator' | 'contention' | 'ladder' | 'error';
  atCapacity: StepResult | null;
  firstFailure: StepResult | null;
  steps: StepResult[];
  error?: string;
  /** CPU other processes used on the machine just before this target started (% of a core). */
  preflight?: { otherCpuPercent: number | null; waitedSec: number };
}

/** One line of progress for a measured window. */
export function describe(s: StepResult): string {
  const genLoop = Math.max(...s.generator.monitorLoops.map((l) => l.p99), s.generator.dashboardLoop.p99);
  const tx = s.target.transactions;
  const commit = s.target.commit
    ? `, ${s.target.commit.jobsPerGroup} jobs/commit, writer busy ${s.target.transactionPercent}% (p99 ${tx?.p99Ms} max ${tx?.maxMs} ms)`
    : '';
  const cost = `, ${s.target.cpuUsPerReading} µs cpu/reading, disk ${s.target.diskWriteMBps ?? '–'} MB/s`;
  return (
    `${s.readingsPerSecond} readings/s, latency p50/p95/p99 ${s.latencyMs.p50}/${s.latencyMs.p95}/${s.latencyMs.p99} ms` +
    `, ack p99 ${s.ackLatencyMs.p99} ms, alarm p99 ${s.alarm.latencyMs.p99 ?? '–'} ms, lost ${s.lost}` +
    ` | target cpu ${s.target.cpuPercent}% loop p99 ${s.target.loop.p99} ms rss ${s.target.rssMB} MB${cost}${commit}` +
    ` | generator cpu ${s.generator.cpuPercent}% loop p99 ${genLoop} ms${s.generator.bound ? ' (GENERATOR-BOUND)' : ''}` +
    ` | others ${s.otherCpuPercent ?? '–'}% (setup ${s.setupSec} s)` +
    ` → ${s.pass ? 'pass' : `FAIL: ${s.failures.join('; ')}`}`
  );
}

export function judge(w: WindowResult, p99LimitMs: number): string[] {
  const failures: string[] = [];
  if (w.latencyMs.p99 === null) failures.push('no readings arrived');
  else if (w.latencyMs.p99 >= p99LimitMs) failures.push(`p99 ${w.latencyMs.p99} ms ≥ ${p99LimitMs} ms`);
  if (w.lost > 0) failures.push(`${w.lost} deliveries lost`);
  if (w.acks.refused > 0) failures.push(`${w.acks.refused} batches refused`);
  if (w.acks.rejectedReadings > 0) failures.push(`${w.acks.rejectedReadings} readings not accepted`);
  if (w.acks.pending > 0) failures.push(`${w.acks.pending} batches unacknowledged`);
  if (w.disconnects > 0) failures.push(`${w.disconnects} disconnects`);
  if (w.refusedWatches > 0) failures.push(`${w.refusedWatches} watch requests refused`);
  return failures;
}

/**
 * Runs one fresh target through `ladder` (cumulative: earlier monitors keep sending) and stops
 * at the first failing step.
 */
async function climb(
  kind: TargetKind,
  ladder: number[],
  options: CapacityOptions,
  refined: boolean,
  log: (line: string) => void,
): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  const target = await Target.start(kind, options.target);
  let load: LoadGenerator | null = null;
  try {
    load = await LoadGenerator.start(target, options.load);
    for (const n of ladder) {
      const setupStarted = performance.now();
      const chairs = await target.provision(n - load.monitors);
      await load.addChairs(chairs);
      const setupSec = Math.round((performance.now() - setupStarted) / 100) / 10;
      // A fresh target (the first step) also needs its JIT warmed up.
      await sleep(options.warmupMs + (steps.length === 0 ? 1000 : 0));
      let step: StepResult | null = null;
      for (let attempt = 0; ; attempt++) {
        const w = await load.measure(options.windowMs, {
          drainMaxMs: options.drainMaxMs,
          loopLimitMs: options.loopLimitMs,
        });
        const failures = judge(w, options.p99LimitMs);
        const contended = (w.otherCpuPercent ?? 0) > options.contentionLimitPercent;
        step = { ...w, pass: failures.length === 0, failures, setupSec, refined, contended, superseded: false };
        steps.push(step);
        log(
          `  ${kind} N=${n}${refined ? ' (refining)' : ''}${attempt > 0 ? ` (retry ${attempt})` : ''}: ${describe(step)}`,
        );
        // A failure while other processes were busy on the machine says little about the
        // target: measure again, a few seconds later.
        // A disconnected client is gone for good: measuring again cannot pass.
        // Nor can a collapse (p99 over 5 × the limit) be put down to a busy neighbour.
        const collapsed = (w.latencyMs.p99 ?? Infinity) >= 5 * options.p99LimitMs;
        if (step.pass || !contended || collapsed || w.disconnects > 0 || attempt >= options.contentionRetries) break;
        step.superseded = true;
        log(`    other processes used ${w.otherCpuPercent}% of a core during that window: measuring again`);
        await sleep(5000);
      }
      if (!step.pass) break;
    }
    return steps;
  } finally {
    await load?.stop();
    await target.stop();
  }
}

/** Rounds a monitor count between two steps to a tidy figure (a multiple of 50, or of 10 when close). */
function midpoint(lo: number, hi: number): number | null {
  const grain = hi - lo > 200 ? 50 : 10;
  const mid = Math.round((lo + hi) / 2 / grain) * grain;
  return mid > lo && mid < hi ? mid : null;
}

/**
 * The capacity of one target: the ladder first, then `options.refine` bisection steps between
 * the last pass and the first failure, each on a fresh target started with that many monitors.
 */
export async function findCapacity(
  kind: TargetKind,
  options: CapacityOptions,
  log: (line: string) => void,
): Promise<TargetCapacity> {
  const steps: StepResult[] = [];
  const result = (error?: string): TargetCapacity => {
    // The smallest failing count bounds the capacity; the largest pass below it is the capacity.
    const failures = steps.filter((s) => !s.pass && !s.superseded).sort((a, b) => a.monitors - b.monitors);
    const firstFailure = failures[0] ?? null;
    const passed = steps
      .filter((s) => s.pass && (!firstFailure || s.monitors < firstFailure.monitors))
      .sort((a, b) => a.monitors - b.monitors);
    const atCapacity = passed[passed.length - 1] ?? null;
    const limitedBy: TargetCapacity['limitedBy'] = error
      ? 'error'
      : !firstFailure
        ? 'ladder'
        : firstFailure.generator.bound
          ? 'generator'
          : firstFailure.contended
            ? 'contention'
            : 'target';
    return {
      target: kind,
      capacity: atCapacity?.monitors ?? null,
      limitedBy,
      atCapacity,
      firstFailure,
      steps,
      ...(error ? { error } : {}),
    };
  };

  try {
    steps.push(...(await climb(kind, options.ladder, options, false, log)));
    for (let i = 0; i < options.refine; i++) {
      const current = result();
      if (!current.firstFailure || current.capacity === null) break;
      const mid = midpoint(current.capacity, current.firstFailure.monitors);
      if (mid === null) break;
      steps.push(...(await climb(kind, [mid], options, true, log)));
    }
    return result();
  } catch (err) {
    log(`  ${kind}: error: ${(err as Error).stack ?? String(err)}`);
    return result((err as Error).message);
  }
}

/**
 * The server's capacity over the relay's, and whether the target (at least half) is met. A
 * capacity the target did not set itself (the ladder ran out, or the generator was the
 * bottleneck) is only a lower bound, which makes the ratio a bound, and the verdict may stay open.
 */
export function compareCapacities(server: TargetCapacity | undefined, relay: TargetCapacity | undefined) {
  if (!server?.capacity || !relay?.capacity) return { ratio: null, ratioKind: 'unknown', targetMet: null };
  const ratio = Math.round((server.capacity / relay.capacity) * 100) / 100;
  const serverExact = server.limitedBy === 'target';
  const relayExact = relay.limitedBy === 'target';
  const ratioKind =
    serverExact && relayExact ? 'exact' : serverExact ? 'upper-bound' : relayExact ? 'lower-bound' : 'unknown';
  const targetMet =
    ratioKind === 'exact'
      ? ratio >= 0.5
      : ratioKind === 'upper-bound'
        ? ratio < 0.5
          ? false
          : null
        : ratioKind === 'lower-bound'
          ? ratio >= 0.5
            ? true
            : null
          : null;
  return { ratio, ratioKind, targetMet };
}
