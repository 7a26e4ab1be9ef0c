/**
 * Load generator: simulated monitors in a worker thread. Each monitor is a real socket.io
 * client on the device namespace that sends a batch of 5 vitals on its own schedule (open
 * loop: it never waits for an acknowledgement before the next batch; phases are staggered
 * over the period). A batch's newest `measuredAt` is the moment it was sent, so a dashboard
 * can time its arrival against the same clock.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { DEVICE_NAMESPACE } from '@infusion/shared';
import type { MonitorReport, MonitorRequest, MonitorSpec, MonitorWorkerConfig, Window } from './load-types.js';
import { answerRequests } from './rpc.js';
import { LOOP_RESOLUTION_MS, MsHistogram, loopDelayOf, mapLimit, type LoopDelay } from './stats.js';

const config = workerData as MonitorWorkerConfig;

/** Scheduler resolution: monitors are spread over slots of this many ms. */
const SLOT_MS = 5;
const PERIOD_MS = 1000 / config.batchesPerSecond;
const SLOTS = Math.max(1, Math.round(PERIOD_MS / SLOT_MS));
const SAMPLE_MS = PERIOD_MS / config.samplesPerBatch;
const PROBE_EVERY_MS = config.probeEverySec * 1000;
/** Values inside every default limit, so only the probes alarm. */
const NORMAL = { hr: 70, sbp: 120, dbp: 75, spo2: 97, rr: 14 } as const;
const VITALS = Object.keys(NORMAL) as (keyof typeof NORMAL)[];
const PROBE_SPO2 = 75; // Below the immediate limit (80): alarms with no delay.

interface Ack {
  ok: boolean;
  data?: { results?: { status: string }[] };
}

interface Monitor {
  socket: Socket;
  sessionId: string;
  seq: number;
  probe: boolean;
  nextProbeAt: number;
  sentInWindow: number;
}

const buckets: Monitor[][] = Array.from({ length: SLOTS }, () => []);
const monitors: Monitor[] = [];
let added = 0;
let disconnects = 0;
let stopping = false;

let window: Window = { start: Infinity, end: Infinity };
let windowId = 0;
let batches = 0;
const acks = { ok: 0, refused: 0, rejectedReadings: 0, answered: 0 };
const ackLatency = new MsHistogram();
const sendLag = new MsHistogram();
let probes: [string, number][] = [];
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loop.enable();
let loopInWindow: LoopDelay | null = null;

function jitter(base: number, spread: number): number {
  return Math.round(base + (Math.random() * 2 - 1) * spread);
}

function send(m: Monitor, scheduledAt: number): void {
  const sentAt = Date.now();
  const inWindow = sentAt >= window.start && sentAt < window.end;
  const probing = m.probe && sentAt >= m.nextProbeAt;
  if (probing) m.nextProbeAt += PROBE_EVERY_MS * Math.ceil((sentAt - m.nextProbeAt + 1) / PROBE_EVERY_MS);
  const readings: { seq: number; vital: string; value: number; measuredAt: number }[] = [];
  for (let j = 0; j < config.samplesPerBatch; j++) {
    const last = j === config.samplesPerBatch - 1;
    const measuredAt = last ? sentAt : Math.round(sentAt - (config.samplesPerBatch - 1 - j) * SAMPLE_MS);
    for (const vital of VITALS) {
      const value = vital === 'spo2' && probing && last ? PROBE_SPO2 : jitter(NORMAL[vital], vital === 'spo2' ? 1 : 3);
      readings.push({ seq: m.seq++, vital, value, measuredAt });
    }
  }
  if (inWindow) {
    batches += 1;
    m.sentInWindow += readings.length;
    sendLag.add(sentAt - scheduledAt);
    if (probing) probes.push([m.sessionId, sentAt]);
  }
  const sentInWindowId = inWindow ? windowId : -1;
  m.socket.emit('readings:batch', { protocolVersion: 1, readings }, (ack: Ack) => {
    if (sentInWindowId !== windowId) return;
    acks.answered += 1;
    ackLatency.add(Date.now() - sentAt);
    if (!ack.ok) {
      acks.refused += 1;
      return;
    }
    acks.ok += 1;
    for (const r of ack.data?.results ?? []) if (r.status !== 'accepted') acks.rejectedReadings += 1;
  });
}

// The scheduler: every SLOT_MS, send for the monitors of each slot that came due (catching up
// after a stall, at most one period's worth: the load stays open loop).
let lastSlot = Math.floor(Date.now() / SLOT_MS);
const timer = setInterval(() => {
  const nowSlot = Math.floor(Date.now() / SLOT_MS);
  const from = Math.max(lastSlot + 1, nowSlot - SLOTS + 1);
  for (let k = from; k <= nowSlot; k++) {
    const bucket = buckets[k % SLOTS];
    if (!bucket) continue;
    for (const m of bucket) if (m.socket.connected) send(m, k * SLOT_MS);
  }
  lastSlot = nowSlot;
}, SLOT_MS);

function connect(spec: MonitorSpec): Promise<Monitor> {
  const auth = config.target === 'relay' ? { token: spec.token, sessionId: spec.sessionId } : { token: spec.token };
  const socket = io(`${config.url}${DEVICE_NAMESPACE}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('connect_error');
      socket.on('disconnect', () => {
        if (!stopping) disconnects += 1;
      });
      resolve({
        socket,
        sessionId: spec.sessionId,
        seq: 1,
        probe: spec.probe,
        nextProbeAt: Date.now() + Math.random() * PROBE_EVERY_MS,
        sentInWindow: 0,
      });
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

function report(): MonitorReport {
  return {
    sentBySession: monitors.map((m) => [m.sessionId, m.sentInWindow]),
    batches,
    acks: {
      ok: acks.ok,
      refused: acks.refused,
      rejectedReadings: acks.rejectedReadings,
      pending: batches - acks.answered,
    },
    ackLatency: ackLatency.toPairs(),
    probes,
    sendLag: sendLag.toPairs(),
    loop: loopInWindow ?? loopDelayOf(loop, LOOP_RESOLUTION_MS),
    disconnects,
    connected: monitors.filter((m) => m.socket.connected).length,
  };
}

answerRequests(async (request: MonitorRequest) => {
  switch (request.op) {
    case 'add': {
      const connected = await mapLimit(request.monitors, 64, (spec) => connect(spec));
      for (const m of connected) {
        // Golden-ratio spread: phases stay even however many monitors are added.
        const slot = Math.floor(((added++ * 0.6180339887498949) % 1) * SLOTS);
        buckets[slot]?.push(m);
        monitors.push(m);
      }
      return { connected: monitors.length };
    }
    case 'window': {
      window = request.window;
      windowId += 1;
      for (const m of monitors) m.sentInWindow = 0;
      batches = 0;
      acks.ok = acks.refused = acks.rejectedReadings = acks.answered = 0;
      ackLatency.reset();
      sendLag.reset();
      probes = [];
      loopInWindow = null;
      setTimeout(() => loop.reset(), Math.max(0, window.start - Date.now()));
      setTimeout(() => (loopInWindow = loopDelayOf(loop, LOOP_RESOLUTION_MS)), Math.max(0, window.end - Date.now()));
      return null;
    }
    case 'report':
      return report();
    case 'stop': {
      stopping = true;
      clearInterval(timer);
      for (const m of monitors) m.socket.disconnect();
      loop.disable();
      return null;
    }
  }
});
