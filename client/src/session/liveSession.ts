// Keeps one watched session up to date from the socket. Messages are gathered and applied
// at most once per animation frame, however fast they arrive, and exposed as an external
// store for useSyncExternalStore.
import {
  AlarmEvent,
  ClinicalEvent,
  Session,
  ThresholdProfile,
  type Alarm,
  type SessionWatchRequest,
} from '@infusion/shared';
import { z } from 'zod';
import type { AckResult } from '../api/ack';
import { forEachReadingsMessage, ReadingsMessageSchema, readingsOf, type ServerError } from '../api/wire';
import { upsertAlarms } from '../alarms/alarmList';
import type { DashboardConnection } from '../connection/dashboardConnection';
import { acknowledgeAlarm, listen, pauseAlarmAudio, unwatchSession, watchSession } from '../connection/socket';
import { applyUpdates, fromSnapshot, mergeSnapshot, noUpdates, type LiveSessionData } from './liveSessionState';
import { CHART_WINDOW_MS } from './readingBuffer';

/** Shown for a few seconds after a reconnect: "Reconnected – filled in N readings". */
export interface ReconnectNote {
  filled: number;
  /** Increases with each reconnect, so the screen can tell two notes apart. */
  seq: number;
}

export type LiveSessionView =
  | { phase: 'loading' }
  | { phase: 'error'; error: ServerError }
  | { phase: 'ready'; data: LiveSessionData; note: ReconnectNote | null; watchError: ServerError | null };

/** With no new messages the charts still scroll this often, so a gap in the data shows. */
const IDLE_SCROLL_MS = 5_000;
/** A frame that has not come by then (a hidden tab) is not waited for. */
const FRAME_FALLBACK_MS = 250;
const NOTE_SHOWN_MS = 8_000;
const RETRY_WATCH_MS = 3_000;
/** More than this many unapplied messages means no frame is coming: drop rather than grow. */
const MAX_PENDING_READINGS = 20_000;

type Listener = () => void;

const ProfileMessage = z.object({ sessionId: z.string(), profile: ThresholdProfile });

export class LiveSessionStore {
  private view: LiveSessionView = { phase: 'loading' };
  private pending = noUpdates();
  private readonly listeners = new Set<Listener>();
  private started = false;
  private stopListening: () => void = () => {};
  /** Bumped by every watch and by stop, so an answer to an older request is ignored. */
  private watchSeq = 0;
  private noteSeq = 0;
  private frame: number | null = null;
  private frameFallback: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  private noteTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly sessionId: string,
    private readonly connection: DashboardConnection,
  ) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): LiveSessionView => this.view;

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
      'clinical:event': this.onClinicalEvent,
      'session:profile': this.onProfile,
    });
    this.idleTimer = setInterval(() => this.scheduleFlush(), IDLE_SCROLL_MS);
    if (socket.connected) void this.watch(false);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.watchSeq++;
    this.stopListening();
    unwatchSession(this.connection.socket, this.sessionId);
    if (this.idleTimer !== null) clearInterval(this.idleTimer);
    if (this.noteTimer !== null) clearTimeout(this.noteTimer);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.cancelFrame();
    this.idleTimer = this.noteTimer = this.retryTimer = null;
  }

  /** A nurse acknowledging one of this session's alarms. */
  async acknowledge(alarmId: string): Promise<AckResult<Alarm | null>> {
    const result = await acknowledgeAlarm(this.connection.socket, this.sessionId, alarmId);
    if (result.ok && result.data) this.updateAlarms([result.data]);
    return result;
  }

  /** A nurse pausing one alarm's tone for the profile's pause time. */
  async pauseAudio(alarmId: string): Promise<AckResult<Alarm[]>> {
    const result = await pauseAlarmAudio(this.connection.socket, this.sessionId, alarmId);
    if (result.ok) this.updateAlarms(result.data);
    return result;
  }

  /** The session's limits changed (a charge nurse's change, from here or another screen). */
  applyProfile(profile: ThresholdProfile): void {
    const view = this.view;
    if (view.phase !== 'ready') return;
    this.setView({ ...view, data: { ...view.data, profile } });
  }

  private serverNow(): number {
    return this.connection.clock.now(Date.now());
  }

  private onConnect = (): void => {
    void this.watch(true);
  };

  private async watch(reconnect: boolean): Promise<void> {
    const seq = ++this.watchSeq;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const before = this.view;
    const request: SessionWatchRequest = { sessionId: this.sessionId, windowMs: CHART_WINDOW_MS };
    if (before.phase === 'ready') request.afterReadingId = before.data.lastReadingId;
    const result = await watchSession(this.connection.socket, request);
    if (seq !== this.watchSeq || !this.started) return;
    const current = this.view;
    if (!result.ok) {
      if (current.phase === 'ready') this.setView({ ...current, watchError: result.error });
      else this.setView({ phase: 'error', error: result.error });
      if (result.error.code !== 'not_found' && result.error.code !== 'forbidden') {
        this.retryTimer = setTimeout(() => {
          if (this.connection.socket.connected) void this.watch(reconnect);
        }, RETRY_WATCH_MS);
      }
      return;
    }
    const snapshot = result.data;
    if (snapshot.session.id !== this.sessionId) {
      this.setView({ phase: 'error', error: { code: 'invalid_response', message: 'The server sent another session' } });
      return;
    }
    this.connection.noteServerTime(snapshot.serverTime);
    const now = this.serverNow();
    let note: ReconnectNote | null = current.phase === 'ready' ? current.note : null;
    let data: LiveSessionData;
    if (current.phase === 'ready') {
      const merged = mergeSnapshot(current.data, snapshot, now);
      data = merged.data;
      if (reconnect) note = this.showNote(merged.filled);
    } else {
      data = fromSnapshot(snapshot, now);
    }
    const pending = this.pending;
    this.pending = noUpdates();
    this.setView({ phase: 'ready', data: applyUpdates(data, pending, now), note, watchError: null });
  }

  private showNote(filled: number): ReconnectNote {
    if (this.noteTimer !== null) clearTimeout(this.noteTimer);
    const note = { filled, seq: ++this.noteSeq };
    this.noteTimer = setTimeout(() => {
      this.noteTimer = null;
      if (this.view.phase === 'ready' && this.view.note?.seq === note.seq) this.setView({ ...this.view, note: null });
    }, NOTE_SHOWN_MS);
    return note;
  }

  /**
   * Readings come gathered per commit group: in `readings` for the sessions this screen
   * watches, or in `ward:readings` with every session's when the screen also watches the ward.
   */
  private onReadingsMessages = (raw: unknown): void => forEachReadingsMessage(raw, this.onReadings);

  private onReadings = (raw: unknown): void => {
    const message = ReadingsMessageSchema.safeParse(raw);
    if (!message.success) {
      console.warn('Ignored a malformed readings message', message.error.issues);
      return;
    }
    if (message.data.sessionId !== this.sessionId) return;
    if (this.pending.readings.length > MAX_PENDING_READINGS) return;
    this.pending.readings.push(...readingsOf(message.data));
    this.scheduleFlush();
  };

  private onAlarmEvent = (raw: unknown): void => {
    const event = AlarmEvent.safeParse(raw);
    if (!event.success) {
      console.warn('Ignored a malformed alarm event', event.error.issues);
      return;
    }
    if (event.data.alarm.sessionId !== this.sessionId) return;
    this.pending.alarmEvents.push(event.data);
    this.scheduleFlush();
  };

  private onSessionUpdated = (raw: unknown): void => {
    const session = Session.safeParse(raw);
    if (!session.success) {
      console.warn('Ignored a malformed session update', session.error.issues);
      return;
    }
    if (session.data.id !== this.sessionId) return;
    this.pending.session = session.data;
    this.scheduleFlush();
  };

  private onClinicalEvent = (raw: unknown): void => {
    const event = ClinicalEvent.safeParse(raw);
    if (!event.success) {
      console.warn('Ignored a malformed charted entry', event.error.issues);
      return;
    }
    if (event.data.sessionId !== this.sessionId) return;
    this.pending.clinicalEvents.push(event.data);
    this.scheduleFlush();
  };

  private onProfile = (raw: unknown): void => {
    const message = ProfileMessage.safeParse(raw);
    if (!message.success) {
      console.warn('Ignored a malformed profile update', message.error.issues);
      return;
    }
    if (message.data.sessionId === this.sessionId) this.applyProfile(message.data.profile);
  };

  private updateAlarms(alarms: readonly Alarm[]): void {
    const view = this.view;
    if (view.phase !== 'ready') return;
    this.setView({ ...view, data: { ...view.data, alarms: upsertAlarms(view.data.alarms, alarms) } });
  }

  private scheduleFlush(): void {
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
    this.frame = null;
    this.frameFallback = null;
  }

  private flush(): void {
    const view = this.view;
    if (view.phase !== 'ready') return;
    const pending = this.pending;
    this.pending = noUpdates();
    this.setView({ ...view, data: applyUpdates(view.data, pending, this.serverNow()) });
  }

  private setView(view: LiveSessionView): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }
}
