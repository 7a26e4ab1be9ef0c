import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
// The built runner, as `npm run bench` uses it: it forks the built target scripts beside it
// (needs `tsc -b` first, which the test command's typecheck step runs).
import { Target } from '../../dist/bench/target.js';
import { DEFAULT_LADDER, DEFAULT_TARGET_NICE, QUICK_LADDER, parseBenchArgs } from './args.js';
import { compareCapacities, judge, type TargetCapacity } from './capacity.js';
import type { WindowResult } from './load.js';
import { HISTOGRAM_MAX_MS, MsHistogram, summarise } from './stats.js';

describe('MsHistogram', () => {
  it('reads quantiles as the smallest value covering the rank', () => {
    const h = new MsHistogram();
    for (let ms = 1; ms <= 100; ms++) h.add(ms);
    expect(h.quantile(0.5)).toBe(50);
    expect(h.quantile(0.99)).toBe(99);
    expect(h.quantile(1)).toBe(100);
    expect(summarise(h)).toEqual({ samples: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('weights samples, clamps negatives to 0 and overflow to the last bucket', () => {
    const h = new MsHistogram();
    h.add(-3, 5);
    h.add(HISTOGRAM_MAX_MS * 2);
    expect(h.total).toBe(6);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.max).toBe(HISTOGRAM_MAX_MS);
  });

  it('survives the trip between threads as pairs, and merges', () => {
    const a = new MsHistogram();
    a.add(3, 2);
    a.add(7);
    const b = MsHistogram.fromPairs(a.toPairs());
    expect(b.toPairs()).toEqual([
      [3, 2],
      [7, 1],
    ]);
    b.merge(a);
    expect(b.total).toBe(6);
    expect(summarise(new MsHistogram()).p99).toBeNull();
  });
});

describe('parseBenchArgs', () => {
  it('defaults to the capacity search of both targets', () => {
    const parsed = parseBenchArgs([]);
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.options).toMatchObject({
      mode: 'capacity',
      quick: false,
      ladder: DEFAULT_LADDER,
      targets: ['server', 'relay'],
      windowSec: 10,
      p99LimitMs: 100,
      dashboards: 8,
      wardDashboards: 2,
      monitorWorkers: 2,
      targetNice: DEFAULT_TARGET_NICE,
    });
  });

  it('reads quick and soak modes and their options', () => {
    const quick = parseBenchArgs(['--quick']);
    expect(quick.kind === 'run' && quick.options.ladder).toEqual(QUICK_LADDER);
    const soak = parseBenchArgs(['--soak', '--soak-monitors', '50', '--soak-hours', '0.5', '--targets', 'server']);
    expect(soak.kind === 'run' && soak.options).toMatchObject({
      mode: 'soak',
      soakMonitors: 50,
      soakHours: 0.5,
      soakCompress: 20,
      targets: ['server'],
    });
  });

  it('refuses bad input with a message', () => {
    expect(parseBenchArgs(['--ladder', '100,50'])).toEqual({ kind: 'error', message: '--ladder must be increasing' });
    expect(parseBenchArgs(['--targets', 'nginx']).kind).toBe('error');
    expect(parseBenchArgs(['--window-sec', '-1']).kind).toBe('error');
    expect(parseBenchArgs(['--bogus']).kind).toBe('error');
    expect(parseBenchArgs(['--target-nice', '20'])).toEqual({
      kind: 'error',
      message: '--target-nice must be at most 19, got "20"',
    });
    expect(parseBenchArgs(['--target-nice', '0'])).toMatchObject({ kind: 'run', options: { targetNice: 0 } });
    expect(parseBenchArgs(['--help'])).toEqual({ kind: 'help' });
  });
});

describe('judge', () => {
  const base = {
    latencyMs: { samples: 10, p50: 1, p95: 2, p99: 3, max: 4 },
    lost: 0,
    acks: { ok: 10, refused: 0, rejectedReadings: 0, pending: 0 },
    disconnects: 0,
    refusedWatches: 0,
  } as unknown as WindowResult;

  it('passes a window under the limit with nothing lost', () => {
    expect(judge(base, 100)).toEqual([]);
  });

  it('names every reason a window fails', () => {
    const failures = judge(
      {
        ...base,
        latencyMs: { ...base.latencyMs, p99: 100 },
        lost: 2,
        acks: { ok: 1, refused: 1, rejectedReadings: 3, pending: 4 },
      } as WindowResult,
      100,
    );
    expect(failures).toEqual([
      'p99 100 ms ≥ 100 ms',
      '2 deliveries lost',
      '1 batches refused',
      '3 readings not accepted',
      '4 batches unacknowledged',
    ]);
  });
});

describe('compareCapacities', () => {
  const cap = (capacity: number, limitedBy: TargetCapacity['limitedBy']) => ({ capacity, limitedBy }) as TargetCapacity;

  it('judges the target on an exact ratio', () => {
    expect(compareCapacities(cap(2400, 'target'), cap(6400, 'target'))).toEqual({
      ratio: 0.38,
      ratioKind: 'exact',
      targetMet: false,
    });
    expect(compareCapacities(cap(3200, 'target'), cap(6400, 'target')).targetMet).toBe(true);
  });

  it('only concludes what a bound allows', () => {
    // The relay's figure is a lower bound: the ratio can only be smaller than shown.
    expect(compareCapacities(cap(2400, 'target'), cap(6400, 'generator'))).toMatchObject({
      ratioKind: 'upper-bound',
      targetMet: false,
    });
    expect(compareCapacities(cap(4800, 'target'), cap(6400, 'ladder')).targetMet).toBeNull();
    // The server's figure is a lower bound: the ratio can only be larger.
    expect(compareCapacities(cap(3200, 'ladder'), cap(6400, 'target')).targetMet).toBe(true);
    expect(compareCapacities(cap(3200, 'ladder'), cap(6400, 'ladder')).targetMet).toBeNull();
    expect(compareCapacities(undefined, cap(6400, 'target')).ratio).toBeNull();
  });
});

describe('Target', () => {
  // Read from /proc: the 19th field of a thread's stat line is its niceness.
  const nicenessOfThreads = (pid: number): number[] =>
    readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });

  it('starts every thread of the target at the niceness asked, and a plain one without', async () => {
    const niced = await Target.start('relay', { nice: 3 });
    const plain = await Target.start('relay');
    try {
      const threads = nicenessOfThreads(niced.pid);
      expect(threads.length).toBeGreaterThan(1);
      expect(new Set(threads)).toEqual(new Set([os.getPriority() + 3]));
      expect(new Set(nicenessOfThreads(plain.pid))).toEqual(new Set([os.getPriority()]));
    } finally {
      await Promise.all([niced.stop(), plain.stop()]);
    }
  });
});
