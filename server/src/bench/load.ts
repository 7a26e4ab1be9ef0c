/**
 * The load generator as the runner drives it: monitor worker threads and a dashboard worker
 * thread against one target, and the measurement of one window (send → dashboard latency,
 * readings lost, acknowledgements, alarm latency, target CPU and memory, and the generator's
 * own health).
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DashboardReport, MonitorReport, MonitorWorkerConfig, MonitorSpec } from './load-types.js';
import {
  cpuPercent,
  machineBusyPercent,
  sampleMachine,
  writeMBps,
  type MachineSample,
  type ProcSample,
} from './procstat.js';
import { WorkerClient } from './rpc.js';
import { MsHistogram, sleep, summarise, type LatencySummary, type LoopDelay } from './stats.js';
import type { Chair, Target } from './target.js';
import type { TargetStats } from './ipc.js';

export interface LoadOptions {
  /** Worker threads for the monitors. */
  monitorWorkers: number;
  /** Dashboards watching a share of the sessions each. */
  sessionDashboards: number;
  /** Dashboards watching the whole ward (every reading of every session). */
  wardDashboards: number;
  batchesPerSecond: number;
  samplesPerBatch: number;
  /** Every `probeEvery`-th monitor sends a threshold-crossing SpO2 every `probeEverySec`. */
  probeEvery: number;
  probeEverySec: number;
  /** At most this many probe monitors. */
  maxProbes: number;
}

/** Everything measured in one window. */
export interface WindowResult {
  monitors: number;
  windowSec: number;
  readingsSent: number;
  readingsPerSecond: number;
  /** Deliveries expected at dashboards (each reading to its session's dashboard and every ward dashboard). */
  deliveriesExpected: number;
  deliveriesReceived: number;
  /** Deliveries still missing after the drain: the readings lost. */
  lost: number;
  latencyMs: LatencySummary;
  ackLatencyMs: LatencySummary;
  acks: MonitorReport['acks'];
  alarm: { probes: number; arrived: number; latencyMs: LatencySummary };
  target: {
    cpuPercent: number | null;
    rssMB: number | null;
    heapUsedMB: number;
    loop: LoopDelay;
    /** Group commit in this window (real server only). */
    commit: { groups: number; jobs: number; jobsPerGroup: number } | null;
    /** Commit groups the writer thread stored in this window, and how long each took (real server only). */
    transactions: TargetStats['transactions'];
    /** Share of the window the writer thread spent inside transactions, in percent. */
    transactionPercent: number | null;
    /** Storage writes caused by the target, MB/s. */
    diskWriteMBps: number | null;
    /** Target CPU per reading taken in, in µs: the cost figure that machine contention does not change. */
    cpuUsPerReading: number | null;
    sockets: TargetStats['sockets'];
  };
  generator: {
    /** CPU of the whole runner process (all its threads), percent of one core. */
    cpuPercent: number | null;
    monitorLoops: LoopDelay[];
    dashboardLoop: LoopDelay;
    sendLagMs: LatencySummary;
    /** A generator thread's p99 event-loop delay (or its send lag) went over the limit. */
    bound: boolean;
  };
  /** Whole machine, percent of all cores. */
  machineBusyPercent: number | null;
  /**
   * CPU used by everything else on the machine (other processes), percent of one core:
   * a large figure means the measurement shared the machine.
   */
  otherCpuPercent: number | null;
  disconnects: number;
  refusedWatches: number;
  drainMs: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

export class LoadGenerator {
  private readonly dashboardWorker: WorkerClient;
  private readonly monitorWorkers: WorkerClient[];
  /** Sessions each session dashboard watches (index = dashboard id). */
  private readonly watched: Set<string>[];
  private monitorCount = 0;
  private probeCount = 0;
  private nextMonitorWorker = 0;

  private constructor(
    private readonly target: Target,
    private readonly options: LoadOptions,
  ) {
    this.dashboardWorker = new WorkerClient(
      new Worker(new URL('./dashboards-worker.js', import.meta.url), {
        workerData: { url: target.url, cookie: target.cookie },
      }),
    );
    const monitorConfig: MonitorWorkerConfig = {
      url: target.url,
      target: target.kind,
      batchesPerSecond: options.batchesPerSecond,
      samplesPerBatch: options.samplesPerBatch,
      probeEverySec: options.probeEverySec,
    };
    this.monitorWorkers = Array.from(
      { length: options.monitorWorkers },
      () =>
        new WorkerClient(new Worker(new URL('./monitors-worker.js', import.meta.url), { workerData: monitorConfig })),
    );
    this.watched = Array.from({ length: options.sessionDashboards }, () => new Set<string>());
  }

  static async start(target: Target, options: LoadOptions): Promise<LoadGenerator> {
    const load = new LoadGenerator(target, options);
    const dashboards = [
      ...Array.from({ length: options.sessionDashboards }, (_, id) => ({ id, ward: false })),
      ...Array.from({ length: options.wardDashboards }, (_, i) => ({ id: options.sessionDashboards + i, ward: true })),
    ];
    await load.dashboardWorker.request({ op: 'connect', dashboards });
    return load;
  }

  get monitors(): number {
    return this.monitorCount;
  }

  /** Dashboards start watching the new chairs' sessions, then their monitors connect and start sending. */
  async addChairs(chairs: Chair[]): Promise<void> {
    const byDashboard = new Map<number, string[]>();
    for (const chair of chairs) {
      const d = chair.index % this.options.sessionDashboards;
      this.watched[d]?.add(chair.sessionId);
      byDashboard.set(d, [...(byDashboard.get(d) ?? []), chair.sessionId]);
    }
    for (const [dashboardId, sessionIds] of byDashboard) {
      await this.dashboardWorker.request({ op: 'watch', dashboardId, sessionIds });
    }
    const perWorker: MonitorSpec[][] = this.monitorWorkers.map(() => []);
    for (const chair of chairs) {
      const probe = chair.index % this.options.probeEvery === 0 && this.probeCount < this.options.maxProbes;
      if (probe) this.probeCount += 1;
      perWorker[this.nextMonitorWorker]?.push({ token: chair.token, sessionId: chair.sessionId, probe });
      this.nextMonitorWorker = (this.nextMonitorWorker + 1) % this.monitorWorkers.length;
    }
    await Promise.all(
      this.monitorWorkers.map((w, i) =>
        (perWorker[i]?.length ?? 0) > 0 ? w.request({ op: 'add', monitors: perWorker[i] }) : null,
      ),
    );
    this.monitorCount += chairs.length;
  }

  private async monitorReports(): Promise<MonitorReport[]> {
    return Promise.all(this.monitorWorkers.map((w) => w.request<MonitorReport>({ op: 'report' })));
  }

  /**
   * Measures one window of `windowMs`, starting shortly from now, then waits (at most
   * `drainMaxMs`) for the window's readings still on their way before counting losses.
   */
  async measure(windowMs: number, options: { drainMaxMs: number; loopLimitMs: number }): Promise<WindowResult> {
    const start = Date.now() + 300;
    const window = { start, end: start + windowMs };
    await Promise.all([
      this.dashboardWorker.request({ op: 'window', window }),
      ...this.monitorWorkers.map((w) => w.request({ op: 'window', window })),
    ]);
    const profileDir = this.target.options.cpuProfileDir;
    if (profileDir) await this.target.profileStart();
    await sleep(Math.max(0, window.start - Date.now()));
    const before = {
      proc: this.target.sample(),
      machine: sampleMachine(),
      runner: process.cpuUsage(),
      runnerAt: performance.now(),
      stats: await this.target.stats(true),
    };
    await sleep(Math.max(0, window.end - Date.now()));
    const after: { proc: ProcSample | null; machine: MachineSample | null; runner: NodeJS.CpuUsage; runnerAt: number } =
      {
        proc: this.target.sample(),
        machine: sampleMachine(),
        runner: process.cpuUsage(before.runner),
        runnerAt: performance.now(),
      };
    const stats = await this.target.stats();
    if (profileDir) {
      await this.target.profileStop(
        path.resolve(profileDir, `${this.target.kind}-N${this.monitorCount}-${Date.now()}.cpuprofile`),
      );
    }

    // Drain: wait until every dashboard has the window's readings, or give up.
    await sleep(200);
    const drainStarted = Date.now();
    let monitorReports = await this.monitorReports();
    const sent = new Map<string, number>();
    for (const r of monitorReports) for (const [sessionId, n] of r.sentBySession) sent.set(sessionId, n);
    const readingsSent = [...sent.values()].reduce((a, b) => a + b, 0);
    const expectedFor = (id: number): number => {
      const sessions = this.watched[id];
      if (!sessions) return readingsSent; // A ward dashboard gets everything.
      let n = 0;
      for (const s of sessions) n += sent.get(s) ?? 0;
      return n;
    };
    for (;;) {
      const received = await this.dashboardWorker.request<[number, number][]>({ op: 'counts' });
      const pendingAcks = monitorReports.reduce((a, r) => a + r.acks.pending, 0);
      const complete = received.every(([id, n]) => n >= expectedFor(id));
      if ((complete && pendingAcks === 0) || Date.now() - drainStarted > options.drainMaxMs) break;
      await sleep(100);
      monitorReports = await this.monitorReports();
    }
    const drainMs = Date.now() - drainStarted;
    const dash = await this.dashboardWorker.request<DashboardReport>({ op: 'report' });
    monitorReports = await this.monitorReports();

    let deliveriesExpected = 0;
    let deliveriesReceived = 0;
    let lost = 0;
    for (const [id, n] of dash.received) {
      const expected = expectedFor(id);
      deliveriesExpected += expected;
      deliveriesReceived += n;
      lost += Math.max(0, expected - n);
    }

    const latency = MsHistogram.fromPairs(dash.latency);
    const ackLatency = new MsHistogram();
    const sendLag = new MsHistogram();
    for (const r of monitorReports) {
      ackLatency.merge(MsHistogram.fromPairs(r.ackLatency));
      sendLag.merge(MsHistogram.fromPairs(r.sendLag));
    }
    const acks = { ok: 0, refused: 0, rejectedReadings: 0, pending: 0 };
    for (const r of monitorReports) {
      acks.ok += r.acks.ok;
      acks.refused += r.acks.refused;
      acks.rejectedReadings += r.acks.rejectedReadings;
      acks.pending += r.acks.pending;
    }

    // Alarm latency: each raise at a session's dashboard against the latest probe of that
    // session sent before it.
    const probesBySession = new Map<string, number[]>();
    let probeCount = 0;
    for (const r of monitorReports) {
      for (const [sessionId, at] of r.probes) {
        probesBySession.set(sessionId, [...(probesBySession.get(sessionId) ?? []), at]);
        probeCount += 1;
      }
    }
    const alarmLatency = new MsHistogram();
    let arrived = 0;
    for (const [sessionId, at] of dash.alarms) {
      const sentAts = (probesBySession.get(sessionId) ?? []).filter((t) => t <= at);
      if (sentAts.length === 0) continue;
      const sentAt = Math.max(...sentAts);
      // Count each probe once.
      probesBySession.set(
        sessionId,
        (probesBySession.get(sessionId) ?? []).filter((t) => t !== sentAt),
      );
      alarmLatency.add(at - sentAt);
      arrived += 1;
    }

    const monitorLoops = monitorReports.map((r) => r.loop);
    const sendLagMs = summarise(sendLag);
    const loops = [...monitorLoops, dash.loop];
    const bound = loops.some((l) => l.p99 > options.loopLimitMs) || (sendLagMs.p99 ?? 0) > options.loopLimitMs;
    const runnerCpuMs = (after.runner.user + after.runner.system) / 1000;
    const windowSec = windowMs / 1000;
    const generatorCpu = Math.round((runnerCpuMs / (after.runnerAt - before.runnerAt)) * 1000) / 10;
    const targetCpu = cpuPercent(before.proc, after.proc);
    const machineBusy = machineBusyPercent(before.machine, after.machine);
    const otherCpu =
      machineBusy === null || targetCpu === null
        ? null
        : Math.max(0, Math.round((machineBusy * os.cpus().length - targetCpu - generatorCpu) * 10) / 10);

    return {
      monitors: this.monitorCount,
      windowSec,
      readingsSent,
      readingsPerSecond: Math.round(readingsSent / windowSec),
      deliveriesExpected,
      deliveriesReceived,
      lost,
      latencyMs: summarise(latency),
      ackLatencyMs: summarise(ackLatency),
      acks,
      alarm: { probes: probeCount, arrived, latencyMs: summarise(alarmLatency) },
      target: {
        cpuPercent: targetCpu,
        rssMB: after.proc ? mb(after.proc.rssBytes) : mb(stats.memory.rss),
        transactions: stats.transactions,
        transactionPercent: stats.transactions ? Math.round((stats.transactions.totalMs / windowMs) * 1000) / 10 : null,
        diskWriteMBps: writeMBps(before.proc, after.proc),
        cpuUsPerReading:
          before.proc && after.proc && readingsSent > 0
            ? Math.round(((after.proc.cpuMs - before.proc.cpuMs) * 1000) / readingsSent)
            : null,
        heapUsedMB: mb(stats.memory.heapUsed),
        loop: stats.loop,
        commit:
          stats.commit && before.stats.commit
            ? (() => {
                const groups = stats.commit.groups - (before.stats.commit?.groups ?? 0);
                const jobs = stats.commit.jobs - (before.stats.commit?.jobs ?? 0);
                return { groups, jobs, jobsPerGroup: groups > 0 ? Math.round((jobs / groups) * 10) / 10 : 0 };
              })()
            : null,
        sockets: stats.sockets,
      },
      generator: {
        cpuPercent: generatorCpu,
        monitorLoops,
        dashboardLoop: dash.loop,
        sendLagMs,
        bound,
      },
      machineBusyPercent: machineBusy,
      otherCpuPercent: otherCpu,
      disconnects: dash.disconnects + monitorReports.reduce((a, r) => a + r.disconnects, 0),
      refusedWatches: dash.refusedWatches,
      drainMs,
    };
  }

  async stop(): Promise<void> {
    await Promise.all([
      this.dashboardWorker.request({ op: 'stop' }).catch(() => null),
      ...this.monitorWorkers.map((w) => w.request({ op: 'stop' }).catch(() => null)),
    ]);
    await sleep(200);
    await Promise.all([this.dashboardWorker.terminate(), ...this.monitorWorkers.map((w) => w.terminate())]);
  }
}
