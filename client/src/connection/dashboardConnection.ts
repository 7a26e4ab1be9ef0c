import { HeartbeatSchema } from '../api/wire';
import {
  connectionStatus,
  FORCE_RECONNECT_AFTER_MS,
  type ConnectionFacts,
  type ConnectionStatus,
} from './connectionStatus';
import { ServerClock } from './serverClock';
import type { DashboardSocket } from './socket';

/** What the status pill and the lost-connection banner show. */
export interface ConnectionView {
  status: ConnectionStatus;
  /** Server time of the last sign of life while the connection is lost, else null. */
  lostSince: number | null;
  /** Why the last attempt to connect failed, as the socket reported it. */
  problem: string | null;
  /** The server's error code for it, when it gave one (`unauthorized`: sign in again). */
  problemCode: string | null;
}

/** How often status and the screen clock are re-evaluated. */
const TICK_MS = 500;
/** How often to dial again when the socket has given up (the server closed it). */
const REDIAL_MS = 2_000;

type Listener = () => void;

/**
 * Owns the socket, the server clock and the connection status, and ticks the screen's
 * clock. Exposes them as external stores for `useSyncExternalStore`, so only the parts of
 * the screen that show time re-render when it moves.
 */
export class DashboardConnection {
  readonly clock = new ServerClock();
  private facts: ConnectionFacts;
  private view: ConnectionView = { status: 'connecting', lostSince: null, problem: null, problemCode: null };
  private problem: { message: string; code: string | null } | null = null;
  private lastDialAt = 0;
  private serverNow: number;
  private readonly viewListeners = new Set<Listener>();
  private readonly tickListeners = new Set<Listener>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(readonly socket: DashboardSocket) {
    const now = Date.now();
    this.facts = { socketConnected: false, everConnected: false, lastSignOfLifeAt: now };
    this.serverNow = now;
  }

  start(): void {
    if (this.timer !== null) return;
    this.facts = { socketConnected: false, everConnected: false, lastSignOfLifeAt: Date.now() };
    this.problem = null;
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on('heartbeat', this.onHeartbeat);
    this.lastDialAt = Date.now();
    this.socket.connect();
    this.timer = setInterval(this.tick, TICK_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('connect_error', this.onConnectError);
    this.socket.off('heartbeat', this.onHeartbeat);
    this.socket.disconnect();
  }

  /** Records a server time carried by any message (heartbeat, snapshot). */
  noteServerTime(serverTime: number): void {
    const now = Date.now();
    this.clock.addSample(serverTime, now);
    this.facts = { ...this.facts, lastSignOfLifeAt: now };
    this.update(now);
  }

  subscribeView = (listener: Listener): (() => void) => {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  };

  getView = (): ConnectionView => this.view;

  subscribeTick = (listener: Listener): (() => void) => {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  };

  /** The server's time as of the last tick: stable between ticks, as React needs. */
  getServerNow = (): number => this.serverNow;

  /** Whether readings arriving now may be shown as live. */
  get isLive(): boolean {
    return this.view.status === 'live';
  }

  private onConnect = (): void => {
    const now = Date.now();
    this.facts = { socketConnected: true, everConnected: true, lastSignOfLifeAt: now };
    this.problem = null;
    this.update(now);
  };

  private onConnectError = (error: Error & { data?: unknown }): void => {
    const data = error.data;
    const code =
      typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string' ? data.code : null;
    this.problem = { message: error.message, code };
    this.update(Date.now());
  };

  private onDisconnect = (): void => {
    this.facts = { ...this.facts, socketConnected: false };
    this.update(Date.now());
  };

  private onHeartbeat = (raw: unknown): void => {
    const parsed = HeartbeatSchema.safeParse(raw);
    if (parsed.success) this.noteServerTime(parsed.data.serverTime);
    else console.warn('Ignored a malformed heartbeat', parsed.error.issues);
  };

  private tick = (): void => {
    const now = Date.now();
    const silentMs = now - this.facts.lastSignOfLifeAt;
    if (this.socket.connected && silentMs > FORCE_RECONNECT_AFTER_MS) {
      // The socket looks open but the server has gone quiet: dial again rather than wait
      // tens of seconds for the socket's own ping to notice.
      this.socket.disconnect();
      this.socket.connect();
      this.facts = { ...this.facts, socketConnected: false };
      this.lastDialAt = now;
    } else if (!this.socket.connected && !this.socket.active && now - this.lastDialAt > REDIAL_MS) {
      // The socket stops retrying when the server closes it or refuses it; a ward screen
      // must never stop trying.
      this.socket.connect();
      this.lastDialAt = now;
    }
    this.update(now);
    this.serverNow = this.clock.now(now);
    for (const listener of this.tickListeners) listener();
  };

  private update(now: number): void {
    const status = connectionStatus(this.facts, now);
    const lostSince = status === 'lost' ? this.clock.now(this.facts.lastSignOfLifeAt) : null;
    const problem = status === 'live' ? null : (this.problem?.message ?? null);
    const problemCode = status === 'live' ? null : (this.problem?.code ?? null);
    const same =
      status === this.view.status &&
      lostSince === this.view.lostSince &&
      problem === this.view.problem &&
      problemCode === this.view.problemCode;
    if (same) return;
    this.view = { status, lostSince, problem, problemCode };
    for (const listener of this.viewListeners) listener();
  }
}
