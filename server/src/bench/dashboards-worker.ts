/**
 * Load generator: dashboards in a worker thread. Each is a real socket.io client on the
 * dashboard namespace, signed in with the admin's cookie, watching either a share of the
 * sessions (`session:watch`) or the whole ward (`ward:watch`). It times every reading's arrival
 * against its send time, counts the readings of the measurement window, times alarm raises,
 * and acknowledges them as a nurse would (so the next crossing raises a fresh alarm).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { DASHBOARD_NAMESPACE, type ReadingsMessage } from '@infusion/shared';
import type { DashboardReport, DashboardRequest, DashboardSpec, Window } from './load-types.js';
import { answerRequests } from './rpc.js';
import { LOOP_RESOLUTION_MS, MsHistogram, loopDelayOf, mapLimit, type LoopDelay } from './stats.js';

const config = workerData as { url: string; cookie: string | null };

interface Dashboard {
  id: number;
  ward: boolean;
  socket: Socket;
  received: number;
}

interface AlarmEventMessage {
  type: string;
  alarm: { id: string; sessionId: string; condition: string };
}

const dashboards = new Map<number, Dashboard>();
let window: Window = { start: Infinity, end: Infinity };
const latency = new MsHistogram();
let alarms: [string, number][] = [];
let disconnects = 0;
let refusedWatches = 0;
let stopping = false;
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loop.enable();
let loopInWindow: LoopDelay | null = null;

function onReadings(d: Dashboard, msg: ReadingsMessage): void {
  const arrivedAt = Date.now();
  // Rows are [id, vital, value, measuredAt, seq]; a batch's newest measuredAt is its send time.
  let sentAt = 0;
  for (const row of msg.rows) if (row[3] > sentAt) sentAt = row[3];
  if (sentAt < window.start || sentAt >= window.end) return;
  d.received += msg.rows.length;
  latency.add(arrivedAt - sentAt, msg.rows.length);
}

function onAlarm(d: Dashboard, event: AlarmEventMessage): void {
  if (event.type !== 'raised' || event.alarm.condition !== 'spo2.limit') return;
  // The session's own screen times the alarm and acknowledges it; ward screens just show it.
  if (d.ward) return;
  alarms.push([event.alarm.sessionId, Date.now()]);
  d.socket.emit('alarm:acknowledge', { sessionId: event.alarm.sessionId, alarmId: event.alarm.id }, () => {});
}

function connect(spec: DashboardSpec): Promise<Dashboard> {
  const socket = io(`${config.url}${DASHBOARD_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: config.cookie ? { cookie: config.cookie } : {},
  });
  const d: Dashboard = { id: spec.id, ward: spec.ward, socket, received: 0 };
  // Both targets send lists: the real server one per commit group, the relay one per batch.
  const onList = (messages: ReadingsMessage[]): void => {
    for (const msg of messages) onReadings(d, msg);
  };
  socket.on('readings', onList);
  socket.on('ward:readings', onList);
  socket.on('alarm:event', (event: AlarmEventMessage) => onAlarm(d, event));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('connect_error');
      socket.on('disconnect', () => {
        if (!stopping) disconnects += 1;
      });
      if (!spec.ward) return resolve(d);
      socket.emit('ward:watch', {}, (ack: { ok: boolean }) => {
        if (!ack.ok) refusedWatches += 1;
        resolve(d);
      });
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

function watch(d: Dashboard, sessionId: string): Promise<void> {
  return new Promise((resolve) => {
    d.socket.emit('session:watch', { sessionId }, (ack: { ok: boolean }) => {
      if (!ack.ok) refusedWatches += 1;
      resolve();
    });
  });
}

answerRequests(async (request: DashboardRequest) => {
  switch (request.op) {
    case 'connect': {
      const connected = await mapLimit(request.dashboards, 16, (spec) => connect(spec));
      for (const d of connected) dashboards.set(d.id, d);
      return null;
    }
    case 'watch': {
      const d = dashboards.get(request.dashboardId);
      if (!d) throw new Error(`no dashboard ${request.dashboardId}`);
      await mapLimit(request.sessionIds, 32, (sessionId) => watch(d, sessionId));
      return null;
    }
    case 'window': {
      window = request.window;
      for (const d of dashboards.values()) d.received = 0;
      latency.reset();
      alarms = [];
      loopInWindow = null;
      setTimeout(() => loop.reset(), Math.max(0, window.start - Date.now()));
      setTimeout(() => (loopInWindow = loopDelayOf(loop, LOOP_RESOLUTION_MS)), Math.max(0, window.end - Date.now()));
      return null;
    }
    case 'counts':
      return [...dashboards.values()].map((d) => [d.id, d.received]);
    case 'report': {
      const report: DashboardReport = {
        received: [...dashboards.values()].map((d) => [d.id, d.received]),
        latency: latency.toPairs(),
        alarms,
        loop: loopInWindow ?? loopDelayOf(loop, LOOP_RESOLUTION_MS),
        disconnects,
        refusedWatches,
      };
      return report;
    }
    case 'stop': {
      stopping = true;
      for (const d of dashboards.values()) d.socket.disconnect();
      loop.disable();
      return null;
    }
  }
});
