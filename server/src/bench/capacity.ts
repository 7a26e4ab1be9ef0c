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
}

export interface TargetCapacity {
  target: TargetKind;
  /** Most monitors that passed; null when even the first step failed. */
  capacity: number | null;
  /**
   * Why the search stopped: `target` (the target missed the limit), `generator` (the
   * failing step was generator-bound: the capacity is a lower bound), `ladder` (every step
   * passed: the capacity is a lower bound), or `error`.
   */
  limitedBy: 'target' | 'generator' | 'ladder' | 'error';
  atCapacity: StepResult | null;
  firstFailure: StepResult | null;
  steps: StepResult[];
  error?: string;
}

/** One line of progress for a measured window. */
export function describe(s: StepResult): string {
  const genLoop = Math.max(...s.generator.monitorLoops.map((l) => l.p99), s.generator.dashboardLoop.p99);
  const tx = s.target.transactions;
  const commit = s.target.commit
    ? `, ${s.target.commit.jobsPerGroup} jobs/commit, tx ${s.target.transactionPercent}% of loop (p99 ${tx?.p99Ms} max ${tx?.maxMs} ms)`
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

export async function findCapacity(
  kind: TargetKind,
  options: CapacityOptions,
  log: (line: string) => void,
): Promise<TargetCapacity> {
  const steps: StepResult[] = [];
  const result = (limitedBy: TargetCapacity['limitedBy'], error?: string): TargetCapacity => {
    const passed = steps.filter((s) => s.pass);
    const atCapacity = passed[passed.length - 1] ?? null;
    return {
      target: kind,
      capacity: atCapacity?.monitors ?? null,
      limitedBy,
      atCapacity,
      firstFailure: steps.find((s) => !s.pass) ?? null,
      steps,
      ...(error ? { error } : {}),
    };
  };

  const target = await Target.start(kind, options.target);
  let load: LoadGenerator | null = null;
  try {
    load = await LoadGenerator.start(target, options.load);
    for (const n of options.ladder) {
      const setupStarted = performance.now();
      const chairs = await target.provision(n - load.monitors);
      await load.addChairs(chairs);
      const setupSec = Math.round((performance.now() - setupStarted) / 100) / 10;
      await sleep(options.warmupMs);
      const w = await load.measure(options.windowMs, {
        drainMaxMs: options.drainMaxMs,
        loopLimitMs: options.loopLimitMs,
      });
      const failures = judge(w, options.p99LimitMs);
      const step: StepResult = { ...w, pass: failures.length === 0, failures, setupSec };
      steps.push(step);
      log(`  ${kind} N=${n}: ${describe(step)}`);
      if (!step.pass) return result(w.generator.bound ? 'generator' : 'target');
    }
    return result('ladder');
  } catch (err) {
    log(`  ${kind}: error: ${(err as Error).stack ?? String(err)}`);
    return result('error', (err as Error).message);
  } finally {
    await load?.stop();
    await target.stop();
  }
}
