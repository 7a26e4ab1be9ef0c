/**
 * Command-line options of `npm run bench`, parsed apart from the runner so they can be tested
 * without starting anything.
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- [options]
       node server/dist/bench/run.js [options]     (after npm run build)

Load benchmark: simulated monitors (real socket.io clients speaking the device protocol,
5 vitals per batch, open loop, staggered) and dashboards against (1) the real server in a
child process (SQLite with durable writes, alarm engine, broadcasts) and (2) a bare socket.io
relay (the ceiling for this machine). Finds each one's capacity: the most monitors whose p99
send-to-dashboard latency stays under 100 ms with no reading lost.

Modes:
  (default)             capacity search for both targets (~5-8 min)
  --quick               short windows and a coarse ladder (~1-2 min)
  --soak                a compressed 4-hour session on the real server; RSS at start and end

Capacity options:
  --ladder N,N,...      monitor counts to step through (default 50,200,800,1600,2400,3200,4800,6400,9600,12800;
                        quick 100,800,2400,4800)
  --refine K            bisection steps between the last pass and the first failure, each on a
                        fresh target (default 2; quick 0)
  --targets LIST        server,relay (default both)
  --window-sec S        measurement window per step (default 10; quick 4)
  --warmup-sec S        warm-up after each step's monitors connect (default 2, and 1 s more on a
                        fresh target; quick 1)
  --p99-limit-ms MS     latency limit for capacity (default 100)
  --contention-limit P  a window where other processes on the machine used more than P % of
                        a core counts as contended (default 30); a contended failure is
                        measured again (--contention-retries, default 2; quick 1)
  --wait-quiet S        before each target, wait up to S seconds for other processes to go
                        under the contention limit (default 0: just record their load)
Soak options:
  --soak-monitors N     monitors (default 200)
  --soak-hours H        session length simulated (default 4)
  --soak-compress X     time compression: each monitor samples at X Hz (default 20: 4 h in 12 min)
  --soak-samples K      samples per batch (default 4: batches at X/K per second)
Common:
  --monitor-workers N   worker threads for the monitors (default 2)
  --target-nice N       scheduling niceness of the target's process, 0-19 (default 5): on a
                        saturated machine the target, not the load generator, runs short
  --dashboards N        dashboards each watching a share of the sessions (default 8)
  --ward-dashboards N   dashboards watching the whole ward (default 2)
  --loop-limit-ms MS    a generator thread whose p99 event-loop delay exceeds this flags the
                        step as generator-bound (default 20)
  --profile DIR         write a V8 CPU profile of the real server into DIR (node --cpu-prof)
  --db-dir DIR          where the server's SQLite file goes (default: the OS temp dir)
  --out DIR             where the JSON result is written (default bench-results)
  --help
`;

export interface BenchOptions {
  mode: 'capacity' | 'soak';
  quick: boolean;
  ladder: number[];
  refine: number;
  contentionLimitPercent: number;
  contentionRetries: number;
  waitQuietSec: number;
  targets: ('server' | 'relay')[];
  windowSec: number;
  warmupSec: number;
  p99LimitMs: number;
  soakMonitors: number;
  soakHours: number;
  soakCompress: number;
  soakSamples: number;
  monitorWorkers: number;
  targetNice: number;
  dashboards: number;
  wardDashboards: number;
  loopLimitMs: number;
  profileDir: string | null;
  dbDir: string | null;
  outDir: string;
}

export type BenchArgs = { kind: 'run'; options: BenchOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const DEFAULT_LADDER = [50, 200, 800, 1600, 2400, 3200, 4800, 6400, 9600, 12800];
export const QUICK_LADDER = [100, 800, 2400, 4800];

function positive(name: string, raw: string | undefined, fallback: number, integer = true): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  }
  return n;
}

function nonNegative(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** Default niceness of the target: see the help text and docs/PERFORMANCE.md ("Processes"). */
export const DEFAULT_TARGET_NICE = 5;

function niceness(raw: string | undefined): number {
  const n = nonNegative('target-nice', raw, DEFAULT_TARGET_NICE);
  if (n > 19) throw new Error(`--target-nice must be at most 19, got "${raw}"`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        quick: { type: 'boolean' },
        soak: { type: 'boolean' },
        ladder: { type: 'string' },
        refine: { type: 'string' },
        'contention-limit': { type: 'string' },
        'contention-retries': { type: 'string' },
        'wait-quiet': { type: 'string' },
        targets: { type: 'string' },
        'window-sec': { type: 'string' },
        'warmup-sec': { type: 'string' },
        'p99-limit-ms': { type: 'string' },
        'soak-monitors': { type: 'string' },
        'soak-hours': { type: 'string' },
        'soak-compress': { type: 'string' },
        'soak-samples': { type: 'string' },
        'monitor-workers': { type: 'string' },
        'target-nice': { type: 'string' },
        dashboards: { type: 'string' },
        'ward-dashboards': { type: 'string' },
        'loop-limit-ms': { type: 'string' },
        profile: { type: 'string' },
        'db-dir': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  try {
    const quick = v.quick === true;
    const ladder = v.ladder
      ? v.ladder.split(',').map((s) => positive('ladder', s.trim(), 0))
      : quick
        ? QUICK_LADDER
        : DEFAULT_LADDER;
    for (let i = 1; i < ladder.length; i++) {
      if ((ladder[i] ?? 0) <= (ladder[i - 1] ?? 0)) throw new Error('--ladder must be increasing');
    }
    const targets = (v.targets ?? 'server,relay').split(',').map((s) => s.trim());
    for (const t of targets) {
      if (t !== 'server' && t !== 'relay') throw new Error(`--targets: unknown target "${t}" (server, relay)`);
    }
    const wardDashboards = nonNegative('ward-dashboards', v['ward-dashboards'], 2);
    const soakCompress = positive('soak-compress', v['soak-compress'], 20);
    const soakSamples = positive('soak-samples', v['soak-samples'], 4);
    if (soakSamples > soakCompress) {
      throw new Error('--soak-samples must not exceed --soak-compress');
    }
    return {
      kind: 'run',
      options: {
        mode: v.soak ? 'soak' : 'capacity',
        quick,
        ladder,
        refine: nonNegative('refine', v.refine, quick ? 0 : 2),
        contentionLimitPercent: positive('contention-limit', v['contention-limit'], 30, false),
        contentionRetries: nonNegative('contention-retries', v['contention-retries'], quick ? 1 : 2),
        waitQuietSec: nonNegative('wait-quiet', v['wait-quiet'], 0),
        targets: [...new Set(targets)] as ('server' | 'relay')[],
        windowSec: positive('window-sec', v['window-sec'], quick ? 4 : 10, false),
        warmupSec: positive('warmup-sec', v['warmup-sec'], quick ? 1 : 2, false),
        p99LimitMs: positive('p99-limit-ms', v['p99-limit-ms'], 100, false),
        soakMonitors: positive('soak-monitors', v['soak-monitors'], 200),
        soakHours: positive('soak-hours', v['soak-hours'], 4, false),
        soakCompress,
        soakSamples,
        monitorWorkers: positive('monitor-workers', v['monitor-workers'], 2),
        targetNice: niceness(v['target-nice']),
        dashboards: positive('dashboards', v.dashboards, 8),
        wardDashboards,
        loopLimitMs: positive('loop-limit-ms', v['loop-limit-ms'], 20, false),
        profileDir: v.profile ?? null,
        dbDir: v['db-dir'] ?? null,
        outDir: v.out ?? 'bench-results',
      },
    };
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
}
