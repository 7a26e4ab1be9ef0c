/**
 * Prints a benchmark result (bench-results/*.json) as Markdown tables, for docs/PERFORMANCE.md.
 *
 *   node server/dist/bench/markdown.js bench-results/<file>.json
 */
import fs from 'node:fs';
import type { StepResult, TargetCapacity } from './capacity.js';
import type { SoakResult } from './soak.js';

type Cell = string | number | null | undefined;

function table(header: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]): string =>
    `| ${cells.map((c) => (c === null || c === undefined ? '–' : String(c))).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const genLoop = (s: StepResult): number =>
  Math.max(...s.generator.monitorLoops.map((l) => l.p99), s.generator.dashboardLoop.p99);

function steps(r: TargetCapacity): string {
  return table(
    [
      'N',
      'readings/s',
      'p50',
      'p95',
      'p99',
      'ack p99',
      'alarm p99',
      'lost',
      'cpu %',
      'cpu µs/reading',
      'rss MB',
      'disk MB/s',
      'writer busy %',
      'gen loop p99',
      'others %',
      'result',
    ],
    r.steps.map((s) => [
      `${s.monitors}${s.refined ? '*' : ''}`,
      s.readingsPerSecond,
      s.latencyMs.p50,
      s.latencyMs.p95,
      s.latencyMs.p99,
      s.ackLatencyMs.p99,
      s.alarm.latencyMs.p99,
      s.lost,
      s.target.cpuPercent,
      s.target.cpuUsPerReading,
      s.target.rssMB,
      s.target.diskWriteMBps,
      s.target.transactionPercent,
      `${genLoop(s)}${s.generator.bound ? ' (bound)' : ''}`,
      s.otherCpuPercent,
      s.pass ? 'pass' : `${s.superseded ? '(measured again) ' : ''}${s.failures.join('; ')}`,
    ]),
  );
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: markdown.js RESULT.json');
    process.exit(2);
  }
  const result = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    command: string;
    startedAt: string;
    durationSec: number;
    results?: Record<string, TargetCapacity>;
    ratio?: number | null;
    ratioKind?: string;
    targetMet?: boolean | null;
    soak?: SoakResult;
  };
  console.log(`Run ${result.startedAt} (${result.durationSec} s): \`${result.command}\`\n`);
  if (result.results) {
    const all = Object.values(result.results);
    console.log(
      table(
        [
          'target',
          'capacity',
          'limited by',
          'readings/s',
          'p50',
          'p95',
          'p99',
          'alarm p99',
          'cpu %',
          'rss MB',
          'lost',
          'gen loop p99',
        ],
        all.map((r) => {
          const s = r.atCapacity;
          return [
            r.target,
            r.capacity === null ? null : `${r.limitedBy === 'target' ? '' : '≥ '}${r.capacity}`,
            r.limitedBy,
            s?.readingsPerSecond,
            s?.latencyMs.p50,
            s?.latencyMs.p95,
            s?.latencyMs.p99,
            s?.alarm.latencyMs.p99,
            s?.target.cpuPercent,
            s?.target.rssMB,
            s?.lost,
            s ? genLoop(s) : null,
          ];
        }),
      ),
    );
    console.log(
      `\nRatio server/relay: ${result.ratio ?? '–'} (${result.ratioKind ?? '–'}); target met: ${result.targetMet ?? 'undetermined'}\n`,
    );
    for (const r of all) console.log(`${r.target}:\n\n${steps(r)}\n`);
  }
  if (result.soak) {
    const s = result.soak;
    console.log(
      `${s.monitors} monitors, ${s.simulatedHours} h at ${s.compress}× (${s.durationSec} s), ${s.readingsPerSecond} readings/s; ` +
        `RSS after GC ${s.start.rssMB} → ${s.end.rssMB} MB (growth ${s.rssGrowthMB} MB); heap ${s.start.heapUsedMB} → ${s.end.heapUsedMB} MB; lost ${s.lostTotal}\n`,
    );
    console.log(
      table(
        ['t (s)', 'readings/s', 'p50', 'p99', 'alarm p99', 'lost', 'cpu %', 'rss MB', 'heap MB', 'others %'],
        s.windows.map((w) => [
          w.atSec,
          w.readingsPerSecond,
          w.latencyMs.p50,
          w.latencyMs.p99,
          w.alarm.latencyMs.p99,
          w.lost,
          w.cpuPercent,
          w.rssMB,
          w.heapUsedMB,
          w.otherCpuPercent,
        ]),
      ),
    );
  }
}

main();
