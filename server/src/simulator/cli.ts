#!/usr/bin/env node
/**
 * `npm run simulate -- --sessions 4 --seed 1 --rate 1 --server http://localhost:3000`
 *
 * Exit codes: 0 after Ctrl-C, 1 when provisioning fails, 2 on bad arguments.
 */
import { parseCliArgs, USAGE, type CliOptions } from './args.js';
import { SimulatedMonitor, type MonitorStats } from './monitor.js';
import type { SimulatedEvent } from './physiology.js';
import { provisionSessions } from './provision.js';

function statusLine(kind: 'status' | 'stopped', monitors: readonly SimulatedMonitor[]): string {
  const all = monitors.map((m) => m.stats());
  const sum = (key: keyof MonitorStats): number => all.reduce((n, s) => n + Number(s[key]), 0);
  const errors = all.map((s, chair) => ({ chair: chair + 1, error: s.lastError })).filter((e) => e.error !== null);
  return JSON.stringify({
    kind,
    time: new Date().toISOString(),
    elapsedSec: Math.round((all[0]?.elapsedSec ?? 0) * 10) / 10,
    monitors: all.length,
    connected: all.filter((s) => s.connected).length,
    generated: sum('generated'),
    sent: sum('sent'),
    resent: sum('resent'),
    acked: sum('acked'),
    accepted: sum('accepted'),
    duplicate: sum('duplicate'),
    rejected: sum('rejected'),
    dropped: sum('dropped'),
    outbox: sum('outbox'),
    lastRejection: all.find((s) => s.lastRejection)?.lastRejection ?? null,
    errors,
  });
}

async function run(options: CliOptions): Promise<void> {
  const provisioned = await provisionSessions(options.server, options.sessions, options.seed, fetch, {
    headers: options.headers,
    plannedDurationMin: options.durationMin,
  }).catch((error: unknown) => {
    // ProvisionError messages already say which call failed and what the server answered.
    console.error(`simulate: ${error instanceof Error ? error.message : String(error)}`);
    return process.exit(1);
  });

  const monitors = provisioned.map((p, chair) => {
    // Script times count from the start of this run, wherever in the infusion it begins.
    const events: SimulatedEvent[] = options.scripts
      .filter((s) => s.chair === null || s.chair === chair)
      .map((s) => ({ type: s.type, atSec: options.startElapsedSec + s.atSec, durationSec: s.durationSec }));
    return new SimulatedMonitor({
      serverUrl: options.server,
      token: p.device.token,
      model: { ...p.model, events },
      rateHz: options.rate,
      startElapsedSec: options.startElapsedSec,
    }).start();
  });
  console.log(
    JSON.stringify({
      kind: 'started',
      time: new Date().toISOString(),
      server: options.server,
      sessions: provisioned.map((p) => ({
        sessionId: p.session.id,
        location: p.session.location,
        patient: p.session.patient.displayName,
        deviceId: p.device.id,
        baseline: p.session.baseline,
      })),
    }),
  );

  const timer = setInterval(() => console.log(statusLine('status', monitors)), options.statusEverySec * 1000);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    // A short drain so readings already taken are not lost to the interrupt.
    void Promise.all(monitors.map((m) => m.stop({ drainTimeoutMs: 2000 }))).then(() => {
      console.log(statusLine('stopped', monitors));
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

const parsed = parseCliArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(USAGE);
} else if (parsed.kind === 'error') {
  console.error(`simulate: ${parsed.message}\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  void run(parsed.options);
}
