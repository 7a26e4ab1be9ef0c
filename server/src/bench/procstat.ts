/**
 * CPU time and resident memory of another process, read from Linux's /proc, so a busy target's
 * own event loop does not delay (or perturb) the measurement.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface ProcSample {
  /** When the sample was taken (performance.now()). */
  at: number;
  /** User + system CPU time so far, in ms. */
  cpuMs: number;
  /** Resident set size, in bytes. */
  rssBytes: number;
  /** Bytes the process caused to be written to storage so far (null when /proc/<pid>/io is unreadable). */
  writeBytes: number | null;
}

/** Samples a process, or returns null when /proc is not there (not Linux) or it has exited. */
export function sampleProcess(pid: number): ProcSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces; everything after its closing parenthesis is fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
    let writeBytes: number | null = null;
    try {
      writeBytes = Number(/write_bytes:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
      if (!Number.isFinite(writeBytes)) writeBytes = null;
    } catch {
      // Not readable without privileges on some systems.
    }
    return {
      at: performance.now(),
      cpuMs: ((utime + stime) * 1000) / clockTicks(),
      rssBytes: rssKb * 1024,
      writeBytes,
    };
  } catch {
    return null;
  }
}

/** CPU used between two samples, as a percentage of one core. */
export function cpuPercent(from: ProcSample | null, to: ProcSample | null): number | null {
  if (!from || !to || to.at <= from.at) return null;
  return Math.round(((to.cpuMs - from.cpuMs) / (to.at - from.at)) * 1000) / 10;
}

export interface MachineSample {
  at: number;
  busyTicks: number;
  totalTicks: number;
}

/** The whole machine's CPU counters (all cores), or null off Linux. */
export function sampleMachine(): MachineSample | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { at: performance.now(), busyTicks: total - idle, totalTicks: total };
  } catch {
    return null;
  }
}

/** Busy share of the whole machine between two samples, in percent of all cores (0–100). */
export function machineBusyPercent(from: MachineSample | null, to: MachineSample | null): number | null {
  if (!from || !to || to.totalTicks <= from.totalTicks) return null;
  return Math.round(((to.busyTicks - from.busyTicks) / (to.totalTicks - from.totalTicks)) * 1000) / 10;
}

/** Storage writes between two samples, in MB per second. */
export function writeMBps(from: ProcSample | null, to: ProcSample | null): number | null {
  if (!from || !to || from.writeBytes === null || to.writeBytes === null || to.at <= from.at) return null;
  return Math.round(((to.writeBytes - from.writeBytes) / 1048576 / ((to.at - from.at) / 1000)) * 10) / 10;
}

/**
 * Samples the whole machine for `sampleMs` at a time (nothing of the benchmark's running)
 * until other processes use at most `limitPercent` of a core, or `maxWaitMs` has passed.
 * Returns the last sample's figure and how long it waited.
 */
export async function waitForQuiet(
  limitPercent: number,
  maxWaitMs: number,
  sampleMs = 2000,
): Promise<{ otherCpuPercent: number | null; waitedSec: number }> {
  const started = performance.now();
  for (;;) {
    const from = sampleMachine();
    await new Promise((resolve) => setTimeout(resolve, sampleMs));
    const busy = machineBusyPercent(from, sampleMachine());
    const other = busy === null ? null : Math.round(busy * os.cpus().length * 10) / 10;
    const waited = performance.now() - started;
    if (other === null || other <= limitPercent || waited >= maxWaitMs) {
      return { otherCpuPercent: other, waitedSec: Math.round(waited / 1000) };
    }
  }
}
