/**
 * `npm run bench`: the load benchmark (see USAGE in args.ts and docs/PERFORMANCE.md).
 * Progress and tables go to stderr; the result, one JSON object, goes to stdout and to
 * bench-results/<timestamp>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { USAGE, parseBenchArgs, type BenchOptions } from './args.js';
import { compareCapacities, findCapacity, type CapacityOptions, type TargetCapacity } from './capacity.js';
import { capacityTable, soakTable, stepsTable } from './report.js';
import { waitForQuiet } from './procstat.js';
import { runSoak } from './soak.js';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

const loadOptions = (o: BenchOptions) => ({
  monitorWorkers: o.monitorWorkers,
  sessionDashboards: o.dashboards,
  wardDashboards: o.wardDashboards,
  probeEvery: 10,
  probeEverySec: 5,
  maxProbes: 50,
});

async function capacity(o: BenchOptions) {
  const options: CapacityOptions = {
    ladder: o.ladder,
    refine: o.refine,
    contentionLimitPercent: o.contentionLimitPercent,
    contentionRetries: o.contentionRetries,
    warmupMs: o.warmupSec * 1000,
    windowMs: o.windowSec * 1000,
    drainMaxMs: 10_000,
    p99LimitMs: o.p99LimitMs,
    loopLimitMs: o.loopLimitMs,
    load: { ...loadOptions(o), batchesPerSecond: 1, samplesPerBatch: 1 },
    target: { cpuProfileDir: o.profileDir, dbDir: o.dbDir, nice: o.targetNice },
  };
  const results: Partial<Record<'server' | 'relay', TargetCapacity>> = {};
  for (const kind of o.targets) {
    const preflight = await waitForQuiet(o.contentionLimitPercent, o.waitQuietSec * 1000);
    log(
      `\n${kind}: other processes used ${preflight.otherCpuPercent ?? '–'}% of a core before the start` +
        `${preflight.waitedSec > 0 ? ` (waited ${preflight.waitedSec} s)` : ''}; stepping through ${o.ladder.join(', ')} monitors`,
    );
    results[kind] = { ...(await findCapacity(kind, options, log)), preflight };
  }
  const server = results.server;
  const relay = results.relay;
  const verdict = compareCapacities(server, relay);
  return { summary: { server: summaryOf(server), relay: summaryOf(relay), ...verdict }, ...verdict, results };
}

/** The figures the issue asks for, at each target's capacity. */
function summaryOf(r: TargetCapacity | undefined) {
  if (!r) return null;
  const s = r.atCapacity;
  return {
    capacity: r.capacity,
    limitedBy: r.limitedBy,
    capacityIsLowerBound: r.limitedBy !== 'target',
    readingsPerSecond: s?.readingsPerSecond ?? null,
    latencyMs: s ? { p50: s.latencyMs.p50, p95: s.latencyMs.p95, p99: s.latencyMs.p99 } : null,
    alarmLatencyP99Ms: s?.alarm.latencyMs.p99 ?? null,
    cpuPercent: s?.target.cpuPercent ?? null,
    rssMB: s?.target.rssMB ?? null,
    lost: s?.lost ?? null,
    generatorLoopP99Ms: s
      ? Math.max(...s.generator.monitorLoops.map((l) => l.p99), s.generator.dashboardLoop.p99)
      : null,
    generatorBound: s?.generator.bound ?? null,
    firstFailure: r.firstFailure ? { monitors: r.firstFailure.monitors, failures: r.firstFailure.failures } : null,
  };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const o = args.options;
  if (o.profileDir) fs.mkdirSync(o.profileDir, { recursive: true });
  const startedAt = new Date();
  const t0 = performance.now();
  log(
    `infusion-monitor bench: ${o.mode}${o.quick ? ' (quick)' : ''} on ${os.cpus().length} cores, node ${process.version}; ` +
      `${o.monitorWorkers} monitor threads, target at nice ${o.targetNice}`,
  );

  let body: Record<string, unknown>;
  let tables: string;
  if (o.mode === 'soak') {
    const preflight = await waitForQuiet(o.contentionLimitPercent, o.waitQuietSec * 1000);
    log(`soak: other processes used ${preflight.otherCpuPercent ?? '–'}% of a core before the start`);
    const soak = await runSoak(
      {
        monitors: o.soakMonitors,
        hours: o.soakHours,
        compress: o.soakCompress,
        samplesPerBatch: o.soakSamples,
        warmupMs: (o.quick ? 15 : 60) * 1000,
        windowMs: (o.quick ? 10 : 60) * 1000,
        drainMaxMs: 10_000,
        p99LimitMs: o.p99LimitMs,
        loopLimitMs: o.loopLimitMs,
        load: loadOptions(o),
        target: { cpuProfileDir: o.profileDir, dbDir: o.dbDir, nice: o.targetNice },
      },
      log,
    );
    const targetMet = soak.rssGrowthMB === null ? null : soak.rssGrowthMB < 20;
    body = {
      summary: {
        monitors: soak.monitors,
        simulatedHours: soak.simulatedHours,
        readingsPerSecond: soak.readingsPerSecond,
        rssStartMB: soak.start.rssMB,
        rssEndMB: soak.end.rssMB,
        rssGrowthMB: soak.rssGrowthMB,
        lost: soak.lostTotal,
        targetMet,
      },
      targetMet,
      preflight,
      soak,
    };
    tables =
      `${soakTable(soak)}\n\nRSS after GC: start ${soak.start.rssMB} MB, end ${soak.end.rssMB} MB, growth ${soak.rssGrowthMB} MB ` +
      `(target < 20 MB: ${soak.rssGrowthMB !== null && soak.rssGrowthMB < 20 ? 'met' : 'MISSED'}); heap used ${soak.start.heapUsedMB} → ${soak.end.heapUsedMB} MB, heap reserved ${soak.start.heapTotalMB} → ${soak.end.heapTotalMB} MB; lost ${soak.lostTotal}`;
  } else {
    const c = await capacity(o);
    body = c;
    const all = Object.values(c.results);
    tables = [
      ...all.map((r) => `${r.target} steps:\n${stepsTable(r)}`),
      'N* = bisection step on a fresh target; ! = generator-bound (gen loop) or contended (others: CPU of other processes, % of a core)',
      capacityTable(all),
      `server/relay capacity ratio: ${c.ratio ?? '–'} (${c.ratioKind}); target ≥ 0.5: ${c.targetMet === null ? 'undetermined' : c.targetMet ? 'met' : 'MISSED'}`,
    ].join('\n\n');
  }

  const result = {
    bench: 'infusion-monitor',
    mode: o.mode,
    quick: o.quick,
    startedAt: startedAt.toISOString(),
    durationSec: Math.round((performance.now() - t0) / 1000),
    command: `node server/dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    options: o,
    ...body,
  };
  log(`\n${tables}\n`);
  fs.mkdirSync(o.outDir, { recursive: true });
  const file = path.join(
    o.outDir,
    `${startedAt.toISOString().replace(/[:.]/g, '-')}${o.mode === 'soak' ? '-soak' : ''}.json`,
  );
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`written to ${file}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
