// Keeps the ward screen up to date from the socket. Messages from every chair are gathered
// and applied at most once per animation frame, however fast they arrive, and exposed as an
// external store for useSyncExternalStore.
import { Alarm, AlarmEvent, comparePriority, Reading, Session, type Priority } from '@infusion/shared';
import type { AckResult } from '../api/ack';
import { forEachReadingsMessage, parseEach, ReadingsMessageSchema, readingsOf, type ServerError } from '../api/wire';
import type { DashboardConnection } from '../connection/dashboardConnection';
import { acknowledgeAlarm, listen, watchWard } from '../connection/socket';
import { alarmToAcknowledge } from './wardOrder';
import {
  applyWardUpdates,
  EMPTY_WARD,
  fromWardSnapshot,
  noWardUpdates,
  upsertWardAlarm,
  type Chime,
  type TrendReading,
  type WardData,
} from './wardState';

/**
 * Performance marks of the first ward snapshot's way to the screen, for the client benchmark
 * (e2e/bench/client-bench.ts): asked, answered (the socket has parsed it), checked and merged,
 * drawn (`firstRender`, set by the grid).
 */
export const WARD_MARKS = {
  requested: 'ward:snapshot-requested',
  received: 'ward:snapshot-received',
  parsed: 'ward:snapshot-parsed',
  firstRender: 'ward:first-render',
} as const;

/** A tile's acknowledgement under way, or the reason the last one failed. */
export type AckStatus = { kind: 'busy' } | { kind: 'error'; message: string };

/** A new alarm to sound once; `seq` tells two chimes of the same priority apart. */
export interface ChimeSignal {
  priority: Priority;
  seq: number;
}

export type WardView =
  | { phase: 'loading' }
  | { phase: 'error'; error: ServerError }
  | {
      phase: 'ready';
      data: WardData;
      watchError: ServerError | null;
      acks: ReadonlyMap<string, AckStatus>;
      chime: ChimeSignal | null;
    };

/**
 * What a tile needs of a snapshot's reading, parsed with the shared schema: half the fields,
 * half the parsing of a ward snapshot (24 chairs × 5 minutes × 6 vitals is 43 000 readings).
 * Live readings, a batch per chair a second, are parsed whole (`readingsOf`) and cut down to
 * the same fields.
 */
const TrendReadingSchema = Reading.pick({ id: true, sessionId: true, vital: true, value: true, measuredAt: true });
/** Readings parsed per task, so a big snapshot never blocks the screen for long. */
const PARSE_SLICE = 2_000;
/** Readings alone are applied this often; alarms and session changes at the next frame. */
const READINGS_FLUSH_MS = 250;
/** A frame that has not come by then (a hidden tab) is not waited for. */
const FRAME_FALLBACK_MS = 250;
const RETRY_WATCH_MS = 3_000;
/** More than this many unapplied readings means no frame is coming: drop rather than grow. */
const MAX_PENDING_READINGS = 50_000;
const ACK_ERROR_SHOWN_MS = 8_000;

type Listener = () => void;

export class WardStore {
  private view: WardView = { phase: 'loading' };
  private pending = noWardUpdates();
  private readonly listeners = new Set<Listener>();
  private started = false;
  private stopListening: () => void = () => {};
  /** Bumped by every watch and by stop, so an answer to an older request is ignored. */
  private watchSeq = 0;
  /** While a snapshot is being read, updates wait: applied before it, the older snapshot would undo them. */
  private loadingSnapshot = false;
  private chimeSeq = 0;
  private frame: number | null = null;
  private frameFallback: ReturnType<typeof setTimeout> | null = null;
  private readingsTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly ackTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly connection: DashboardConnection) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): WardView => this.view;

  start(): void {
    if (this.started) return;
    this.started = true;
    const { socket } = this.connection;
    this.stopListening = listen(socket, {
      connect: this.onConnect,
      readings: this.onReadingsMessages,
      'ward:readings': this.onReadingsMessages,
      'alarm:event': this.onAlarmEvent,
      'session:updated': this.onSessionUpdated,
    });
    if (socket.connected) void this.watch();
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.watchSeq++;
    this.stopListening();
    // The ward room is left as it is: the escalation banner on every screen watches it too.
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const timer of this.ackTimers.values()) clearTimeout(timer);
    this.ackTimers.clear();
    this.cancelFrame();
  }

  /**
   * Acknowledges the most urgent unacknowledged alarm of a chair, as its tile shows it.
   * Resolves to false when there was nothing to acknowledge or a request is already under way.
   */
  async acknowledgeTop(sessionId: string): Promise<boolean> {
    const view = this.view;
    if (view.phase !== 'ready' || view.acks.get(sessionId)?.kind === 'busy') return false;
    const alarm = alarmToAcknowledge(view.data.tiles.get(sessionId)?.alarms ?? []);
    if (!alarm) return false;
    this.setAck(sessionId, { kind: 'busy' });
    const result: AckResult<Alarm | null> = await acknowledgeAlarm(this.connection.socket, sessionId, alarm.id);
    if (!this.started) return false;
    if (result.ok) {
      this.setAck(sessionId, null, result.data);
      return true;
    }
    this.setAck(sessionId, { kind: 'error', message: result.error.message });
    this.ackTimers.set(
      sessionId,
      setTimeout(() => this.setAck(sessionId, null), ACK_ERROR_SHOWN_MS),
    );
    return false;
  }

  private setAck(sessionId: string, status: AckStatus | null, alarm?: Alarm | null): void {
    const view = this.view;
    if (view.phase !== 'ready') return;
    const timer = this.ackTimers.get(sessionId);
    if (timer !== undefined) clearTimeout(timer);
    this.ackTimers.delete(sessionId);
    const acks = new Map(view.acks);
    if (status === null) acks.delete(sessionId);
    else acks.set(sessionId, status);
    const data = alarm ? upsertWardAlarm(view.data, alarm) : view.data;
    this.setView({ ...view, data, acks });
  }

  private serverNow(): number {
    return this.connection.clock.now(Date.now());
  }

  private onConnect = (): void => {
    void this.watch();
  };

  private async watch(): Promise<void> {
    const seq = ++this.watchSeq;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    performance.mark(WARD_MARKS.requested);
    const result = await watchWard(this.connection.socket);
    performance.mark(WARD_MARKS.received);
    if (seq !== this.watchSeq || !this.started) return;
    if (!result.ok) {
      const current = this.view;
      if (current.phase === 'ready') this.setView({ ...current, watchError: result.error });
      else this.setView({ phase: 'error', error: result.error });
      if (result.error.code !== 'forbidden') {
        this.retryTimer = setTimeout(() => {
          if (this.connection.socket.connected) void this.watch();
        }, RETRY_WATCH_MS);
      }
      return;
    }
    const raw = result.data;
    if (raw.serverTime !== undefined) this.connection.noteServerTime(raw.serverTime);
    this.loadingSnapshot = true;
    let readings: TrendReading[];
    try {
      readings = await parseInSlices(raw.readings);
    } finally {
      this.loadingSnapshot = false;
    }
    if (seq !== this.watchSeq || !this.started) return;
    const now = this.serverNow();
    const snapshot = {
      sessions: parseEach(Session, raw.sessions, 'session'),
      alarms: parseEach(Alarm, raw.alarms, 'alarm'),
      readings,
    };
    performance.mark(WARD_MARKS.parsed);
    const current = this.view;
    const first = current.phase !== 'ready';
    const before = current.phase === 'ready' ? current.data : EMPTY_WARD;
    const loaded = fromWardSnapshot(before, snapshot, now, first);
    // Whatever came in while the answer was on its way is newer than the answer.
    const pending = this.pending;
    this.pending = noWardUpdates();
    const updated = applyWardUpdates(loaded.data, pending, now);
    const chime = this.chimeFor(loudest(loaded.chime, updated.chime), current);
    this.setView({
      phase: 'ready',
      data: updated.data,
      watchError: null,
      acks: current.phase === 'ready' ? current.acks : new Map(),
      chime,
    });
  }

  private chimeFor(chime: Chime, current: WardView): ChimeSignal | null {
    if (chime !== null) return { priority: chime, seq: ++this.chimeSeq };
    return current.phase === 'ready' ? current.chime : null;
  }

  /**
   * A screen that watches the ward gets every session's readings, its own too, in
   * `ward:readings`; `readings` comes in the same lists.
   */
  private onReadingsMessages = (raw: unknown): void => forEachReadingsMessage(raw, this.onReadings);

  private onReadings = (raw: unknown): void => {
    const message = ReadingsMessageSchema.safeParse(raw);
    if (!message.success) {
      console.warn('Ignored a malformed readings message', message.error.issues);
      return;
    }
    if (this.pending.readings.length > MAX_PENDING_READINGS) return;
    for (const { id, sessionId, vital, value, measuredAt } of readingsOf(message.data)) {
      this.pending.readings.push({ id, sessionId, vital, value, measuredAt });
    }
    this.scheduleFlush(false);
  };

  private onAlarmEvent = (raw: unknown): void => {
    const event = AlarmEvent.safeParse(raw);
    if (!event.success) {
      console.warn('Ignored a malformed alarm event', event.error.issues);
      return;
    }
    this.pending.alarmEvents.push(event.data);
    this.scheduleFlush(true);
  };

  private onSessionUpdated = (raw: unknown): void => {
    const session = Session.safeParse(raw);
    if (!session.success) {
      console.warn('Ignored a malformed session update', session.error.issues);
      return;
    }
    this.pending.sessions.push(session.data);
    this.scheduleFlush(true);
  };

  /**
   * At most one render per animation frame. An alarm or a session change is drawn at the next
   * frame; readings alone wait up to {@link READINGS_FLUSH_MS}, so two dozen monitors sending
   * once a second make a few renders a second, not two dozen.
   */
  private scheduleFlush(urgent: boolean): void {
    if (!this.started) return;
    if (urgent) {
      this.requestFrame();
      return;
    }
    if (this.readingsTimer !== null || this.frameFallback !== null) return;
    this.readingsTimer = setTimeout(() => {
      this.readingsTimer = null;
      this.requestFrame();
    }, READINGS_FLUSH_MS);
  }

  private requestFrame(): void {
    if (this.frameFallback !== null || !this.started) return;
    const run = () => {
      this.cancelFrame();
      this.flush();
    };
    this.frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : null;
    this.frameFallback = setTimeout(run, FRAME_FALLBACK_MS);
  }

  private cancelFrame(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.frameFallback !== null) clearTimeout(this.frameFallback);
    if (this.readingsTimer !== null) clearTimeout(this.readingsTimer);
    this.frame = null;
    this.frameFallback = null;
    this.readingsTimer = null;
  }

  private flush(): void {
    const view = this.view;
    // Before the first answer, and while a new one is read, updates wait for it (see `watch`).
    if (view.phase !== 'ready' || this.loadingSnapshot) return;
    const pending = this.pending;
    this.pending = noWardUpdates();
    const updated = applyWardUpdates(view.data, pending, this.serverNow());
    if (updated.data === view.data && updated.chime === null) return;
    this.setView({ ...view, data: updated.data, chime: this.chimeFor(updated.chime, view) });
  }

  private setView(view: WardView): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }
}

/** Resolves in a new task (not clamped like a nested setTimeout), letting the screen draw. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Parses a long list of readings a slice per task, keeping the good ones (see `parseEach`). */
async function parseInSlices(items: readonly unknown[]): Promise<TrendReading[]> {
  const out: TrendReading[] = [];
  for (let i = 0; i < items.length; i += PARSE_SLICE) {
    if (i > 0) await nextTask();
    out.push(...parseEach(TrendReadingSchema, items.slice(i, i + PARSE_SLICE), 'reading'));
  }
  return out;
}

function loudest(a: Chime, b: Chime): Chime {
  if (a === null) return b;
  if (b === null) return a;
  return comparePriority(a, b) >= 0 ? a : b;
}
