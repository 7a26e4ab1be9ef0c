/**
 * Client performance benchmark (issue 8, the browser's half). Not a test: it asserts nothing
 * about timings, it measures them with the browser's own instruments and prints them.
 *
 *  (a) the live view of a session holding 4 hours of 1 Hz readings, still streaming;
 *  (b) the ward view with 24 chairs streaming at 1 Hz, each with 5 minutes of history.
 *
 * For each: time to the first full render (navigation start to the first frame painted
 * with every chart or tile drawn, median of 3 loads), main-thread busy time while live
 * (Chrome's own TaskDuration over 20 s, via the DevTools protocol), and the longest task
 * (a 10 s Chrome trace of every main-thread task, plus the `longtask` observer), with where
 * the main thread's time went. The ward also reports its snapshot's size and its own marks.
 *
 * Run: `npm run bench:client -w e2e` (after `npm run build`); prints a table and one JSON
 * object, and writes it to bench-results/client-<time>.json. Options (environment):
 * BENCH_PROFILE=<dir> also writes CPU profiles of each view (summarise them with
 * `node server/dist/bench/profile-summary.js FILE`); BENCH_WARD_HISTORY_SEC (default 300)
 * sets how much trend each ward chair has before the ward opens; E2E_PORT, E2E_CLIENT_DIR as
 * for the end-to-end tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  createPatientModel,
  provisionSessions,
  SIMULATED_VITALS,
  SimulatedMonitor,
  type ProvisionedSession,
} from '@infusion/server/simulator';
import {
  BatchResult,
  DASHBOARD_NAMESPACE,
  DEVICE_NAMESPACE,
  MAX_READINGS_PER_BATCH,
  PROTOCOL_VERSION,
} from '@infusion/shared';
import { io } from 'socket.io-client';
import { E2E_URL } from '../env.js';
import { signedInContext, signInCookie } from '../support.js';

const LIVE_WINDOW_MS = 20_000;
const TRACE_WINDOW_MS = 10_000;
const LOADS = 3;
const TARGETS = { renderMs: 500, busyPct: 10, longestTaskMs: 50 };

interface Measured {
  /** Navigation start to the first frame painted with everything drawn, per load. */
  renderMs: number[];
  renderMedianMs: number;
  /** Marks the client set on the way (median ms from navigation start). */
  phasesMs: Record<string, number>;
  /** Tasks over 50 ms during the last load. */
  loadLongTasksMs: number[];
  /** Main-thread busy time while live (Chrome's TaskDuration), % of wall time. */
  busyPct: number;
  /** Part of it spent in script, layout and style (Chrome's own counters), %. */
  busyBreakdownPct: Record<string, number>;
  /** Where the main thread's time went while live, from a trace, ms per second. */
  liveTraceMsPerSecond: Record<string, number>;
  /** Tasks over 50 ms while live (the `longtask` observer). */
  liveLongTasksMs: number[];
  /** The longest main-thread task while live (trace and observer). */
  longestTaskMs: number;
}

// ---------- seeding through the device protocol ----------

/** Sends `seconds` of the chair's simulated patient at 1 Hz, measured from `fromMs`, over one device socket. */
async function backfill(chair: ProvisionedSession, fromMs: number, seconds: number, startSeq = 1): Promise<number> {
  const socket = io(`${E2E_URL}${DEVICE_NAMESPACE}`, {
    auth: { token: chair.device.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const model = createPatientModel(chair.model);
  let seq = startSeq;
  let batch: { seq: number; vital: string; value: number; measuredAt: number }[] = [];
  let accepted = 0;
  const send = async () => {
    const raw: unknown = await socket
      .timeout(30_000)
      .emitWithAck('readings:batch', { protocolVersion: PROTOCOL_VERSION, readings: batch });
    const ack = raw as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!ack.ok) throw new Error(`batch refused: ${ack.error?.message ?? 'unknown'}`);
    const result = BatchResult.parse(ack.data);
    accepted += result.results.filter((r) => r.status === 'accepted').length;
    batch = [];
  };
  for (let s = 0; s < seconds; s++) {
    const sample = model.sample(s);
    for (const vital of SIMULATED_VITALS) {
      const value = sample[vital];
      if (value === undefined) continue;
      batch.push({ seq: seq++, vital, value, measuredAt: fromMs + s * 1000 });
      if (batch.length === MAX_READINGS_PER_BATCH) await send();
    }
  }
  if (batch.length > 0) await send();
  socket.disconnect();
  if (accepted === 0) throw new Error('no reading accepted');
  return seq;
}

function stream(chair: ProvisionedSession, startSeq: number, startElapsedSec: number): SimulatedMonitor {
  return new SimulatedMonitor({
    serverUrl: E2E_URL,
    token: chair.device.token,
    rateHz: 1,
    startSeq,
    startElapsedSec,
    model: chair.model,
  }).start();
}

// ---------- measuring in the browser ----------

/**
 * Installed before the page's own scripts: records long tasks from the start, and the time
 * of the first frame painted after `ready()` first holds (checked on DOM changes only).
 */
function instrument(ready: string): string {
  return `(() => {
    const w = window;
    w.__bench = { longTasks: [], readyAt: null, domReadyAt: null };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    const ready = ${ready};
    const check = () => {
      if (w.__bench.domReadyAt !== null || !ready()) return;
      w.__bench.domReadyAt = performance.now();
      observer.disconnect();
      // After the next frame is painted: rAF runs before paint, the task after it runs after.
      requestAnimationFrame(() => setTimeout(() => { w.__bench.readyAt = performance.now(); }, 0));
    };
    const observer = new MutationObserver(check);
    document.addEventListener('DOMContentLoaded', () => {
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  })();`;
}

/** Every chart has a line of many points, and the big numbers are shown. */
const SESSION_READY = `() => {
  const lines = document.querySelectorAll('[data-testid^="chart-"] path.vital-chart__line');
  if (lines.length < 5) return false;
  for (const l of lines) if (((l.getAttribute('d') || '').match(/L/g) || []).length < 50) return false;
  return /^\\d+$/.test(document.querySelector('[data-testid="vital-value-hr"]')?.textContent || '');
}`;

function wardReady(tiles: number): string {
  return `() => {
    const shown = document.querySelectorAll('[data-testid="ward-tile"]');
    if (shown.length < ${tiles}) return false;
    for (const t of shown) {
      if (!/^\\d+$/.test(t.querySelector('[data-testid="ward-value-hr"]')?.textContent || '')) return false;
      if (t.querySelectorAll('polyline').length < 5) return false;
    }
    return true;
  }`;
}

type Bench = { longTasks: { start: number; duration: number }[]; readyAt: number | null };

async function readBench(page: Page): Promise<Bench> {
  return page.evaluate(() => (window as unknown as { __bench: Bench }).__bench);
}

/** Marks the page set on the way to its first render (the ward sets them; see WARD_MARKS). */
async function marks(page: Page): Promise<Record<string, number>> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })),
  );
  const first: Record<string, number> = {};
  for (const m of entries) first[m.name] ??= Math.round(m.at);
  return first;
}

async function loadTimes(
  page: Page,
  url: string,
): Promise<{ renderMs: number[]; loadLongTasksMs: number[]; phasesMs: Record<string, number> }> {
  const renderMs: number[] = [];
  let loadLongTasksMs: number[] = [];
  const phases: Record<string, number[]> = {};
  for (let i = 0; i < LOADS; i++) {
    await page.goto(url);
    await expect.poll(async () => (await readBench(page)).readyAt, { timeout: 60_000 }).not.toBeNull();
    const bench = await readBench(page);
    renderMs.push(Math.round(bench.readyAt ?? NaN));
    loadLongTasksMs = bench.longTasks.map((t) => Math.round(t.duration));
    for (const [name, at] of Object.entries(await marks(page))) (phases[name] ??= []).push(at);
  }
  const phasesMs = Object.fromEntries(Object.entries(phases).map(([name, at]) => [name, median(at)]));
  return { renderMs, loadLongTasksMs, phasesMs };
}

const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;

async function liveBusy(
  page: Page,
): Promise<{ busyPct: number; breakdown: Record<string, number>; longTasks: number[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const seenBefore = (await readBench(page)).longTasks.length;
  const before = await read();
  await page.waitForTimeout(LIVE_WINDOW_MS);
  const after = await read();
  await cdp.detach();
  const elapsed = (after.Timestamp ?? 0) - (before.Timestamp ?? 0);
  const pct = (name: string) => round1((((after[name] ?? 0) - (before[name] ?? 0)) / elapsed) * 100);
  const breakdown = Object.fromEntries(METRICS.slice(1).map((m) => [m.replace('Duration', ''), pct(m)]));
  const longTasks = (await readBench(page)).longTasks.slice(seenBefore).map((t) => Math.round(t.duration));
  return { busyPct: pct('TaskDuration'), breakdown, longTasks };
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Main-thread trace events whose time is worth reporting, per second of the live window. */
const TRACE_NAMES = [
  'FireAnimationFrame',
  'FunctionCall',
  'TimerFire',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Commit',
  'MinorGC',
  'MajorGC',
];

/** Over a trace window: the longest main-thread task, and where the main thread's time went. */
async function traceLive(
  browser: Browser,
  page: Page,
): Promise<{ longestMs: number; msPerSecond: Record<string, number> }> {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline'] });
  await page.waitForTimeout(TRACE_WINDOW_MS);
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const mains = new Set(
    traceEvents
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let longestMs = 0;
  const total = new Map<string, number>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const ms = e.dur / 1000;
    total.set(e.name, (total.get(e.name) ?? 0) + ms);
    if (e.name === 'RunTask' && ms > longestMs) longestMs = ms;
  }
  const seconds = TRACE_WINDOW_MS / 1000;
  const msPerSecond = Object.fromEntries(
    ['RunTask', ...TRACE_NAMES].map((name) => [name, round1((total.get(name) ?? 0) / seconds)]),
  );
  return { longestMs: round1(longestMs), msPerSecond };
}

/** With BENCH_PROFILE=dir: CPU profiles of one more load and of 10 s live, for the profile summary. */
async function profile(page: Page, url: string, name: string): Promise<void> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const record = async (file: string, during: () => Promise<void>) => {
    await cdp.send('Profiler.start');
    await during();
    const { profile: result } = await cdp.send('Profiler.stop');
    fs.writeFileSync(path.join(dir, file), JSON.stringify(result));
  };
  await record(`${name}-load.cpuprofile`, async () => {
    await page.goto(url);
    await expect.poll(async () => (await readBench(page)).readyAt, { timeout: 60_000 }).not.toBeNull();
  });
  await record(`${name}-live.cpuprofile`, () => page.waitForTimeout(TRACE_WINDOW_MS));
  await cdp.detach();
  console.log(`profiles of ${name} written to ${dir}`);
}

async function measure(
  browser: Browser,
  url: string,
  ready: string,
  name: string,
  viewport = { width: 1920, height: 1080 },
) {
  const context = await signedInContext(browser, 'nora', viewport);
  await context.addInitScript({ content: instrument(ready) });
  const page = await context.newPage();
  const load = await loadTimes(page, url);
  const live = await liveBusy(page);
  const trace = await traceLive(browser, page);
  await profile(page, url, name);
  const measured: Measured = {
    renderMs: load.renderMs,
    renderMedianMs: median(load.renderMs),
    phasesMs: load.phasesMs,
    loadLongTasksMs: load.loadLongTasksMs,
    busyPct: live.busyPct,
    busyBreakdownPct: live.breakdown,
    liveTraceMsPerSecond: trace.msPerSecond,
    liveLongTasksMs: live.longTasks,
    longestTaskMs: Math.max(trace.longestMs, ...live.longTasks),
  };
  return { measured, page, context };
}

/** The ward snapshot as a Node client gets it: readings, bytes, round trip (median of 3). */
async function wardSnapshotSize(): Promise<{ readings: number; bytes: number; roundTripMs: number }> {
  const cookie = await signInCookie('nora');
  const socket = io(`${E2E_URL}${DASHBOARD_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const times: number[] = [];
  let answer: { data?: { readings?: unknown[] } } = {};
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    answer = (await socket.timeout(30_000).emitWithAck('ward:watch', {})) as typeof answer;
    times.push(performance.now() - t);
  }
  socket.disconnect();
  return {
    readings: answer.data?.readings?.length ?? 0,
    bytes: JSON.stringify(answer).length,
    roundTripMs: Math.round(median(times)),
  };
}

// ---------- helpers ----------

const round1 = (n: number): number => Math.round(n * 10) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function verdict(m: Measured): Record<string, string> {
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  return {
    render: mark(m.renderMedianMs < TARGETS.renderMs),
    busy: mark(m.busyPct < TARGETS.busyPct),
    longestTask: mark(m.longestTaskMs <= TARGETS.longestTaskMs),
  };
}

function table(rows: Record<string, Measured>): string {
  const head = ['view', 'first render (median)', 'busy while live', 'longest task (live)', 'long tasks in load'];
  const lines = [head.join(' | '), head.map(() => '---').join(' | ')];
  for (const [name, m] of Object.entries(rows)) {
    lines.push(
      [
        name,
        `${m.renderMedianMs} ms (${m.renderMs.join(', ')})`,
        `${m.busyPct} %`,
        `${m.longestTaskMs} ms`,
        m.loadLongTasksMs.length === 0 ? 'none' : m.loadLongTasksMs.map((t) => `${t} ms`).join(', '),
      ].join(' | '),
    );
  }
  lines.push(
    `targets: render < ${TARGETS.renderMs} ms, busy < ${TARGETS.busyPct} %, no task > ${TARGETS.longestTaskMs} ms`,
  );
  return lines.join('\n');
}

// ---------- the run ----------

test('client performance', async ({ browser }) => {
  const admin = await signInCookie('admin');
  const monitors: SimulatedMonitor[] = [];
  try {
    // (a) One chair with 4 hours of 1 Hz readings, then streaming live.
    const hours = 4;
    const [long] = await provisionSessions(E2E_URL, 1, 4040, fetch, {
      headers: { cookie: admin },
      location: () => 'Bench 4 h',
      plannedDurationMin: 300,
    });
    if (!long) throw new Error('no session');
    const seconds = hours * 3600;
    const t0 = Date.now();
    const nextSeq = await backfill(long, Date.now() - seconds * 1000, seconds);
    console.log(`seeded ${nextSeq - 1} readings (${hours} h at 1 Hz) in ${Math.round((Date.now() - t0) / 1000)} s`);
    monitors.push(stream(long, nextSeq, seconds));
    const session = await measure(browser, `/sessions/${long.session.id}`, SESSION_READY, 'session4h');
    await session.context.close();
    await Promise.all(monitors.splice(0).map((m) => m.stop()));
    const ended = await fetch(`${E2E_URL}/api/sessions/${long.session.id}/transition`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json', origin: E2E_URL },
      body: JSON.stringify({ to: 'ended-early', reason: 'benchmark' }),
    });
    expect(ended.status, 'the 4 h session leaves the ward').toBe(200);

    // (b) 24 chairs, each with 5 minutes of history, streaming at 1 Hz.
    const chairs = await provisionSessions(E2E_URL, 24, 2424, fetch, {
      headers: { cookie: admin },
      location: (i) => `Chair ${i + 1}`,
    });
    // Ward tiles start with 5 minutes of trend (the server's WARD_TREND_MS); shorter to compare.
    const history = Number(process.env.BENCH_WARD_HISTORY_SEC ?? 300);
    const seqs = await Promise.all(chairs.map((c) => backfill(c, Date.now() - history * 1000, history)));
    chairs.forEach((c, i) => monitors.push(stream(c, seqs[i] ?? 1, history)));
    await new Promise((r) => setTimeout(r, 3_000));
    const snapshot = await wardSnapshotSize();
    const ward = await measure(browser, '/ward', wardReady(24), 'ward24');
    await ward.page.screenshot({ path: 'screenshots/ward-24-1920.png' });
    await ward.page.setViewportSize({ width: 1280, height: 800 });
    await ward.page.waitForTimeout(1_500);
    await ward.page.screenshot({ path: 'screenshots/ward-24-1280.png' });
    await ward.context.close();

    const results = { session4h: session.measured, ward24: { ...ward.measured, snapshot, historySec: history } };
    const report = {
      kind: 'client-bench',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', browser: browser.version() },
      targets: TARGETS,
      results,
      verdict: { session4h: verdict(session.measured), ward24: verdict(ward.measured) },
    };
    const dir = path.resolve(import.meta.dirname, '../../bench-results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `client-${report.at.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `\n${table({ 'session live view, 4 h of 1 Hz': session.measured, 'ward, 24 chairs at 1 Hz': ward.measured })}`,
    );
    const phases = Object.entries(ward.measured.phasesMs).map(([name, at]) => `${name} ${at} ms`);
    console.log(`ward first load: ${phases.join(' → ')} → painted ${ward.measured.renderMedianMs} ms`);
    console.log(
      `ward snapshot (${history} s of trend): ${snapshot.readings} readings, ${(snapshot.bytes / 1e6).toFixed(1)} MB, ` +
        `${snapshot.roundTripMs} ms round trip from a Node client\n`,
    );
    console.log(JSON.stringify(report));
    console.log(`written to ${file}`);
  } finally {
    await Promise.all(monitors.map((m) => m.stop()));
  }
});
