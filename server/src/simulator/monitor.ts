/**
 * A simulated bedside monitor: samples a patient model on a timer and streams the readings
 * to the server's device namespace over a real socket.io connection, the way a device
 * integrator's gateway would.
 */
import { io, type Socket } from 'socket.io-client';
import {
  BatchResult,
  DEVICE_NAMESPACE,
  MAX_READINGS_PER_BATCH,
  PROTOCOL_VERSION,
  type Ack,
  type DeviceReading,
  type DeviceToServerEvents,
  type ServerToDeviceEvents,
} from '@infusion/shared';
import {
  SIMULATED_VITALS,
  createPatientModel,
  type PatientModel,
  type PatientModelConfigInput,
  type SimulatedEvent,
  type SimulatedEventType,
} from './physiology.js';

/** Options of a {@link SimulatedMonitor}. */
export interface SimulatedMonitorOptions {
  /** Server base URL, e.g. `http://localhost:3000` (the device namespace is appended). */
  serverUrl: string;
  /** The device token issued when the monitor was registered. */
  token: string;
  /** The simulated patient. Model time 0 is when the monitor starts, plus `startElapsedSec`. */
  model: PatientModelConfigInput;
  /** Samples per second; each sample yields one reading per vital. Default 1. */
  rateHz?: number;
  /** First sequence number. A restarted real device continues its counter; default 1. */
  startSeq?: number;
  /** Model time at start, so a demo can begin mid-infusion. Default 0. */
  startElapsedSec?: number;
  /** Most readings kept unacknowledged; older ones are dropped. Default: one hour's worth. */
  maxOutbox?: number;
  /** Most readings per batch. Default {@link MAX_READINGS_PER_BATCH}. */
  maxBatchSize?: number;
  /** Most batches awaiting an acknowledgement at once, so a backlog is not sent in one burst. Default 4. */
  maxInFlightBatches?: number;
  /** How long to wait for a batch's acknowledgement before resending it. Default 5000. */
  ackTimeoutMs?: number;
  /** First delay of socket.io's automatic reconnection after a dropped connection. Default 1000. */
  reconnectDelayMs?: number;
  /**
   * Delay before trying again when the server refused or closed the connection itself
   * (socket.io does not retry those). Null gives up instead. Default 5000.
   */
  retryRefusedAfterMs?: number | null;
  /** Wall clock for `measuredAt`, in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** Counters of a monitor, for status lines, tests and benchmarks. */
export interface MonitorStats {
  connected: boolean;
  /** Session the readings go to, as the server last said; null when unbound or unknown. */
  sessionId: string | null;
  /** Current model time in seconds. */
  elapsedSec: number;
  /** Next sequence number to be used. */
  nextSeq: number;
  /** Readings produced by sampling the model. */
  generated: number;
  /** Reading transmissions, resends included. */
  sent: number;
  /** Transmissions of readings that had been sent before. */
  resent: number;
  /** Readings the server answered for (accepted + duplicate + rejected). */
  acked: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Readings discarded unsent or unacknowledged because the outbox was full. */
  dropped: number;
  /** Readings awaiting an acknowledgement, in flight or not. */
  outbox: number;
  /** Readings in batches currently awaiting an acknowledgement. */
  inFlight: number;
  batchesSent: number;
  /** Batches the server refused as a whole (`ok: false`). */
  batchErrors: number;
  /** Batches that got no acknowledgement in time or were cut off by a disconnect. */
  batchesUnanswered: number;
  lastError: string | null;
  lastRejection: { seq: number; reason: string; message: string } | null;
}

/** An event to trigger now; `atSec` defaults to the current model time. */
export interface TriggerInput {
  type: SimulatedEventType;
  durationSec: number;
  atSec?: number;
}

interface OutboxEntry {
  reading: DeviceReading;
  /** Whether a batch holding it awaits an acknowledgement: it must not be sent twice at once. */
  inFlight: boolean;
  attempts: number;
}

type DeviceSocket = Socket<ServerToDeviceEvents, DeviceToServerEvents>;

const MAX_REFUSAL_BACKOFF_MS = 30_000;

/**
 * A monitor streaming simulated readings with at-least-once delivery: every reading stays in
 * an outbox until the server answers for it, and is resent after a timeout or a reconnect.
 * The server deduplicates by (device, seq).
 *
 * @example
 * const monitor = new SimulatedMonitor({ serverUrl, token, model: { seed: 7 } }).start();
 * monitor.trigger({ type: 'desaturation', durationSec: 60 });
 * await monitor.stop();
 */
export class SimulatedMonitor {
  private readonly serverUrl: string;
  private readonly token: string;
  private readonly rateHz: number;
  private readonly startElapsedSec: number;
  private readonly maxOutbox: number;
  private readonly maxBatchSize: number;
  private readonly maxInFlightBatches: number;
  private readonly ackTimeoutMs: number;
  private readonly reconnectDelayMs: number;
  private readonly retryRefusedAfterMs: number | null;
  private readonly now: () => number;

  private modelConfig: PatientModelConfigInput;
  private model: PatientModel;
  private nextSeq: number;
  /** Insertion order is seq order, so the oldest readings are resent (and dropped) first. */
  private readonly outbox = new Map<number, OutboxEntry>();
  private readonly inFlightBatches = new Map<number, OutboxEntry[]>();
  private batchCounter = 0;

  private socket: DeviceSocket | null = null;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private startedAtMono: number | null = null;
  private stoppedAtMono: number | null = null;
  private stopped = false;
  private refusals = 0;
  private pausedUntilMono = 0;

  private readonly counters = {
    generated: 0,
    sent: 0,
    resent: 0,
    accepted: 0,
    duplicate: 0,
    rejected: 0,
    dropped: 0,
    batchesSent: 0,
    batchErrors: 0,
    batchesUnanswered: 0,
  };
  private sessionId: string | null = null;
  private lastError: string | null = null;
  private lastRejection: MonitorStats['lastRejection'] = null;

  /** @throws RangeError on an invalid option; ZodError on an invalid model. */
  constructor(options: SimulatedMonitorOptions) {
    this.serverUrl = options.serverUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.rateHz = options.rateHz ?? 1;
    this.startElapsedSec = options.startElapsedSec ?? 0;
    this.nextSeq = options.startSeq ?? 1;
    this.maxBatchSize = options.maxBatchSize ?? MAX_READINGS_PER_BATCH;
    this.maxInFlightBatches = options.maxInFlightBatches ?? 4;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1000;
    this.retryRefusedAfterMs = options.retryRefusedAfterMs === undefined ? 5000 : options.retryRefusedAfterMs;
    this.now = options.now ?? Date.now;
    this.maxOutbox = options.maxOutbox ?? Math.ceil(3600 * this.rateHz) * SIMULATED_VITALS.length;

    if (!(this.rateHz > 0 && this.rateHz <= 1000))
      throw new RangeError(`rateHz must be in (0, 1000], got ${this.rateHz}`);
    if (!Number.isSafeInteger(this.nextSeq) || this.nextSeq < 0) {
      throw new RangeError(`startSeq must be a non-negative integer, got ${this.nextSeq}`);
    }
    if (!Number.isFinite(this.startElapsedSec)) throw new RangeError('startElapsedSec must be finite');
    if (!(this.maxBatchSize >= 1 && this.maxBatchSize <= MAX_READINGS_PER_BATCH)) {
      throw new RangeError(`maxBatchSize must be in [1, ${MAX_READINGS_PER_BATCH}]`);
    }
    if (!(this.maxOutbox >= 1) || !(this.maxInFlightBatches >= 1) || !(this.ackTimeoutMs > 0)) {
      throw new RangeError('maxOutbox, maxInFlightBatches and ackTimeoutMs must be positive');
    }

    this.modelConfig = options.model;
    this.model = createPatientModel(options.model);
  }

  /** The patient being simulated (it changes when an event is triggered). */
  get patient(): PatientModel {
    return this.model;
  }

  /** Connects and starts sampling. Calling it again does nothing. */
  start(): this {
    if (this.socket || this.stopped) return this;
    this.startedAtMono = performance.now();
    const socket: DeviceSocket = io(`${this.serverUrl}${DEVICE_NAMESPACE}`, {
      auth: { token: this.token },
      transports: ['websocket'],
      // One connection per monitor, as with real devices (and no shared manager cache).
      forceNew: true,
      reconnectionDelay: this.reconnectDelayMs,
      reconnectionDelayMax: Math.max(this.reconnectDelayMs, 10_000),
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.lastError = null;
      this.flush();
    });
    socket.on('connect_error', (error) => {
      this.lastError = `connect_error: ${error.message}`;
      // A refusal by the server's middleware is final for socket.io; a real device keeps trying.
      if (!socket.active) this.scheduleRetry();
    });
    socket.on('disconnect', (reason) => {
      // Our own stop() is not an error worth reporting.
      if (reason !== 'io client disconnect') this.lastError = `disconnected: ${reason}`;
      if (!socket.active) this.scheduleRetry();
    });
    socket.on('device:bound', (payload) => {
      this.sessionId = payload.sessionId;
    });

    this.tickTimer = setInterval(() => this.tick(), 1000 / this.rateHz);
    return this;
  }

  /** Model time now, in seconds. */
  elapsedSec(): number {
    if (this.startedAtMono === null) return this.startElapsedSec;
    return this.startElapsedSec + ((this.stoppedAtMono ?? performance.now()) - this.startedAtMono) / 1000;
  }

  /**
   * Schedules a clinical event, by default starting at the current model time.
   * @returns the event as scheduled.
   * @throws ZodError when the event is invalid (a non-positive duration, say); nothing changes then.
   */
  trigger(input: TriggerInput): SimulatedEvent {
    const event: SimulatedEvent = {
      type: input.type,
      durationSec: input.durationSec,
      atSec: input.atSec ?? this.elapsedSec(),
    };
    const next = { ...this.modelConfig, events: [...(this.modelConfig.events ?? []), event] };
    // Built before being stored, so an invalid event leaves the monitor as it was.
    this.model = createPatientModel(next);
    this.modelConfig = next;
    return event;
  }

  /** A snapshot of the counters. */
  stats(): MonitorStats {
    let inFlight = 0;
    for (const entries of this.inFlightBatches.values()) inFlight += entries.length;
    const { accepted, duplicate, rejected } = this.counters;
    return {
      connected: this.socket?.connected ?? false,
      sessionId: this.sessionId,
      elapsedSec: this.elapsedSec(),
      nextSeq: this.nextSeq,
      ...this.counters,
      acked: accepted + duplicate + rejected,
      outbox: this.outbox.size,
      inFlight,
      lastError: this.lastError,
      lastRejection: this.lastRejection,
    };
  }

  /** Resolves once connected; rejects after `timeoutMs`. */
  onceConnected(timeoutMs = 5000): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('monitor not started'));
    if (socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off('connect', onConnect);
        reject(new Error(`monitor not connected after ${timeoutMs} ms (${this.lastError ?? 'no error'})`));
      }, timeoutMs);
      const onConnect = (): void => {
        clearTimeout(timer);
        resolve();
      };
      socket.once('connect', onConnect);
    });
  }

  /**
   * Stops sampling and disconnects. With `drainTimeoutMs`, first waits (up to that long)
   * for the outbox to empty, so a clean shutdown loses nothing.
   * @returns the final counters.
   */
  async stop(options: { drainTimeoutMs?: number } = {}): Promise<MonitorStats> {
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
    const drainUntil = performance.now() + (options.drainTimeoutMs ?? 0);
    while (!this.stopped && this.outbox.size > 0 && performance.now() < drainUntil) {
      this.flush();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.stopped = true;
    this.stoppedAtMono ??= performance.now();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.disconnect();
    return this.stats();
  }

  private tick(): void {
    const sample = this.model.sample(this.elapsedSec());
    const measuredAt = this.now();
    for (const vital of SIMULATED_VITALS) {
      const value = sample[vital];
      if (value === undefined) continue;
      const reading: DeviceReading = { seq: this.nextSeq++, vital, value, measuredAt };
      this.outbox.set(reading.seq, { reading, inFlight: false, attempts: 0 });
      this.counters.generated++;
    }
    for (const seq of this.outbox.keys()) {
      if (this.outbox.size <= this.maxOutbox) break;
      this.outbox.delete(seq);
      this.counters.dropped++;
    }
    this.flush();
  }

  /** Sends what is not already in flight, oldest first, within the in-flight limit. */
  private flush(): void {
    const socket = this.socket;
    // Emitting while disconnected would only queue the batch inside socket.io, where it
    // would be sent again on reconnect alongside our own resend.
    if (!socket?.connected || this.stopped || performance.now() < this.pausedUntilMono) return;
    let batch: OutboxEntry[] = [];
    for (const entry of this.outbox.values()) {
      if (this.inFlightBatches.size >= this.maxInFlightBatches) break;
      if (entry.inFlight) continue;
      batch.push(entry);
      if (batch.length === this.maxBatchSize) {
        this.send(socket, batch);
        batch = [];
      }
    }
    if (batch.length > 0 && this.inFlightBatches.size < this.maxInFlightBatches) this.send(socket, batch);
  }

  private send(socket: DeviceSocket, entries: OutboxEntry[]): void {
    const batchId = ++this.batchCounter;
    for (const entry of entries) {
      entry.inFlight = true;
      if (entry.attempts > 0) this.counters.resent++;
      entry.attempts++;
    }
    this.inFlightBatches.set(batchId, entries);
    this.counters.sent += entries.length;
    this.counters.batchesSent++;
    const batch = { protocolVersion: PROTOCOL_VERSION, readings: entries.map((e) => e.reading) };
    socket.timeout(this.ackTimeoutMs).emit('readings:batch', batch, (error, ack) => {
      this.settle(batchId, error, ack);
    });
  }

  private settle(batchId: number, error: Error | null, ack: Ack<BatchResult> | undefined): void {
    const entries = this.inFlightBatches.get(batchId);
    if (!entries) return;
    this.inFlightBatches.delete(batchId);
    // Whatever happens next, these may be sent again; answered ones leave the outbox below.
    for (const entry of entries) entry.inFlight = false;

    if (error || !ack) {
      // Timed out, or cut off by a disconnect: the readings stay and go out again.
      this.counters.batchesUnanswered++;
      this.lastError = `batch unanswered: ${error?.message ?? 'no acknowledgement'}`;
      return;
    }
    if (!ack.ok) {
      this.counters.batchErrors++;
      this.lastError = `batch refused: ${ack.error.code}: ${ack.error.message}`;
      // Back off so a server that refuses (rate limiting, say) is not hammered every tick.
      this.refusals++;
      this.pausedUntilMono = performance.now() + Math.min(MAX_REFUSAL_BACKOFF_MS, 500 * 2 ** this.refusals);
      return;
    }
    const parsed = BatchResult.safeParse(ack.data);
    if (!parsed.success) {
      this.counters.batchErrors++;
      this.lastError = 'batch acknowledgement malformed';
      return;
    }
    this.refusals = 0;
    this.sessionId = parsed.data.sessionId;
    parsed.data.results.forEach((result, index) => {
      // Results come in batch order; the seq, when echoed, is the authority.
      const seq = result.seq ?? entries[index]?.reading.seq;
      if (seq === undefined || !this.outbox.delete(seq)) return;
      this.counters[result.status]++;
      if (result.status === 'rejected') this.lastRejection = { seq, reason: result.reason, message: result.message };
    });
    // Backlog left by an earlier disconnect goes out as soon as there is room for it.
    if (this.outbox.size > 0) this.flush();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryRefusedAfterMs === null || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped && this.socket && !this.socket.connected) this.socket.connect();
    }, this.retryRefusedAfterMs);
  }
}
