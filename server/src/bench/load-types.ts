/** Requests and answers between the benchmark runner and its load-generator worker threads. */
import type { LoopDelay } from './stats.js';

export type TargetKind = 'server' | 'relay';

/** A measurement window: readings sent in [start, end) (epoch ms, the send time) are counted. */
export interface Window {
  start: number;
  end: number;
}

export interface MonitorWorkerConfig {
  url: string;
  target: TargetKind;
  /** Batches each monitor sends per second. */
  batchesPerSecond: number;
  /** Samples (of 5 vitals each) per batch; more than 1 compresses time (soak). */
  samplesPerBatch: number;
  /** A probe monitor sends one SpO2 of 75 (an immediate alarm) this often, in seconds. */
  probeEverySec: number;
}

export interface MonitorSpec {
  token: string;
  sessionId: string;
  probe: boolean;
}

export type MonitorRequest =
  { op: 'add'; monitors: MonitorSpec[] } | { op: 'window'; window: Window } | { op: 'report' } | { op: 'stop' };

export interface MonitorReport {
  /** Readings sent in the window, per session. */
  sentBySession: [string, number][];
  batches: number;
  /** Acknowledgements of the window's batches. */
  acks: { ok: number; refused: number; rejectedReadings: number; pending: number };
  /** Send → acknowledgement, per batch, as [ms, count] pairs. */
  ackLatency: [number, number][];
  /** Threshold-crossing readings sent in the window: [sessionId, sentAt]. */
  probes: [string, number][];
  /** How late batches left against their schedule (the generator falling behind). */
  sendLag: [number, number][];
  loop: LoopDelay;
  disconnects: number;
  connected: number;
}

export interface DashboardSpec {
  id: number;
  ward: boolean;
}

export type DashboardRequest =
  | { op: 'connect'; dashboards: DashboardSpec[] }
  | { op: 'watch'; dashboardId: number; sessionIds: string[] }
  | { op: 'window'; window: Window }
  | { op: 'counts' }
  | { op: 'report' }
  | { op: 'stop' };

export interface DashboardReport {
  /** Readings of the window received, per dashboard: [dashboardId, count]. */
  received: [number, number][];
  /** Send → arrival at a dashboard, per reading, as [ms, count] pairs. */
  latency: [number, number][];
  /** Alarm raises ('spo2.limit') that reached the session's dashboard: [sessionId, arrivedAt]. */
  alarms: [string, number][];
  loop: LoopDelay;
  disconnects: number;
  refusedWatches: number;
}
