/** The short human-readable tables printed after a run (the JSON carries everything). */
import type { StepResult, TargetCapacity } from './capacity.js';
import type { SoakResult } from './soak.js';

function table(header: string[], rows: (string | number | null)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? '–' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(cells[0] ?? []), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

const maxLoop = (s: StepResult): number =>
  Math.max(...s.generator.monitorLoops.map((l) => l.p99), s.generator.dashboardLoop.p99);

export function capacityTable(results: TargetCapacity[]): string {
  return table(
    [
      'target',
      'capacity',
      'readings/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'alarm p99',
      'cpu %',
      'rss MB',
      'lost',
      'gen loop p99',
      'limited by',
    ],
    results.map((r) => {
      const s = r.atCapacity;
      const bound = r.limitedBy !== 'target';
      return [
        r.target,
        r.capacity === null ? null : `${bound ? '≥' : ''}${r.capacity}`,
        s?.readingsPerSecond ?? null,
        s?.latencyMs.p50 ?? null,
        s?.latencyMs.p95 ?? null,
        s?.latencyMs.p99 ?? null,
        s?.alarm.latencyMs.p99 ?? null,
        s?.target.cpuPercent ?? null,
        s?.target.rssMB ?? null,
        s?.lost ?? null,
        s ? maxLoop(s) : null,
        r.limitedBy,
      ];
    }),
  );
}

export function stepsTable(r: TargetCapacity): string {
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
      'rss MB',
      'gen cpu %',
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
      s.target.rssMB,
      s.generator.cpuPercent,
      `${maxLoop(s)}${s.generator.bound ? '!' : ''}`,
      `${s.otherCpuPercent ?? '–'}${s.contended ? '!' : ''}`,
      s.pass ? 'pass' : `${s.superseded ? '(retried) ' : ''}${s.failures.join('; ')}`,
    ]),
  );
}

export function soakTable(s: SoakResult): string {
  return table(
    ['t s', 'readings/s', 'p50', 'p99', 'alarm p99', 'lost', 'cpu %', 'rss MB', 'heap MB', 'others %'],
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
      `${w.otherCpuPercent ?? '–'}`,
    ]),
  );
}
