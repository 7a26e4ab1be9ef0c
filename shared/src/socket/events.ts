import { z } from 'zod';
import type { Alarm, AlarmEvent, AcknowledgeAlarmInput, PauseAudioInput } from '../alarms/schemas.js';
import type { Ack } from '../protocol/errors.js';
import type { ClinicalEvent } from '../clinical/schemas.js';
import type { BatchResult, Reading } from '../readings/schemas.js';
import type { ReadingsMessage } from '../readings/wire.js';
import type { Session } from '../sessions/schemas.js';
import type { ThresholdProfile } from '../thresholds/profile.js';

/** Socket.io namespace monitors connect to. */
export const DEVICE_NAMESPACE = '/device';
/** Socket.io namespace dashboards connect to. */
export const DASHBOARD_NAMESPACE = '/dashboard';

/** Handshake `auth` a monitor sends: its own token, issued when it was registered. */
export const DeviceAuth = z.object({ token: z.string().min(16).max(200) });
export type DeviceAuth = z.infer<typeof DeviceAuth>;

/** Events a monitor sends. Payloads arrive as `unknown` and are parsed by the server. */
export interface DeviceToServerEvents {
  /** A batch of readings (see `ReadingBatch`); acknowledged after it is stored. */
  'readings:batch': (batch: unknown, ack: (result: Ack<BatchResult>) => void) => void;
}

/** Events the server sends a monitor. */
export interface ServerToDeviceEvents {
  /** The session the monitor's readings now go to, or null when it is unbound. */
  'device:bound': (payload: { sessionId: string | null }) => void;
}

/** What a dashboard gets when it starts watching a session: enough to draw at once. */
export const SessionWatchRequest = z.object({
  sessionId: z.string().min(1).max(64),
  /** Readings newer than this id only, to catch up after a reconnect. */
  afterReadingId: z.number().int().nonnegative().optional(),
  /** How far back to send readings, in ms (default 15 minutes). */
  windowMs: z
    .number()
    .int()
    .positive()
    .max(24 * 3600_000)
    .optional(),
});
export type SessionWatchRequest = z.infer<typeof SessionWatchRequest>;

/**
 * What a ward screen asks for: how much trend history each chair's tile starts with, and
 * whether it wants every session's readings at all. A screen that only shows escalations
 * (the banner on every page) asks for `readings: false` and gets alarms and session changes
 * only, not a hundred readings a second it would throw away.
 */
export const WardWatchRequest = z.object({
  trendMs: z
    .number()
    .int()
    .min(0)
    .max(15 * 60_000)
    .optional(),
  readings: z.boolean().optional(),
});
export type WardWatchRequest = z.infer<typeof WardWatchRequest>;

/** Snapshot sent in answer to `session:watch`. */
export interface SessionSnapshot {
  session: Session;
  profile: ThresholdProfile;
  readings: Reading[];
  alarms: Alarm[];
  /** Side effects, scores, interventions and lifecycle steps charted so far. */
  clinicalEvents: ClinicalEvent[];
  /** Server clock, so the dashboard can measure data age against the server's time. */
  serverTime: number;
}

/** Events a dashboard sends. Payloads arrive as `unknown` and are parsed by the server. */
export interface DashboardToServerEvents {
  'session:watch': (request: unknown, ack: (result: Ack<SessionSnapshot>) => void) => void;
  'session:unwatch': (request: unknown, ack: (result: Ack<null>) => void) => void;
  'ward:watch': (
    request: unknown,
    ack: (result: Ack<{ sessions: Session[]; alarms: Alarm[]; readings: Reading[]; serverTime: number }>) => void,
  ) => void;
  'alarm:acknowledge': (request: unknown, ack: (result: Ack<Alarm | null>) => void) => void;
  'alarm:pause-audio': (request: unknown, ack: (result: Ack<Alarm[]>) => void) => void;
}

/** Events the server sends dashboards. */
export interface ServerToDashboardEvents {
  /**
   * New readings of the sessions a screen watches (a screen that does not watch the whole
   * ward), gathered per commit group: one list per screen, not one per monitor batch. Each
   * message in it holds a run of one session's readings, with what they share (source,
   * monitor, nurse, arrival time) given once: see `packReadingsMessages`, and
   * `unpackReadingsMessage` to read one.
   */
  readings: (messages: ReadingsMessage[]) => void;
  /**
   * New readings of the whole ward, as the same messages, one list per commit group rather
   * than one per monitor batch: a wall screen gets a handful of lists a second, not one per
   * chair per second. A screen watching the ward gets a watched session's readings here
   * too, not in `readings`.
   */
  'ward:readings': (messages: ReadingsMessage[]) => void;
  /** Something happened to an alarm of a watched session. */
  'alarm:event': (event: AlarmEvent) => void;
  /** A high-priority alarm went unacknowledged too long: shown on every screen. */
  'ward:escalation': (event: AlarmEvent) => void;
  /** A nurse charted something (or the session changed state). */
  'clinical:event': (event: ClinicalEvent) => void;
  /** A charge nurse changed a session's limits. */
  'session:profile': (payload: { sessionId: string; profile: ThresholdProfile }) => void;
  /** A session changed (state, binding, limits). */
  'session:updated': (session: Session) => void;
  /** Server clock, once a second, so screens can tell live from stale. */
  heartbeat: (payload: { serverTime: number }) => void;
}

export type { AcknowledgeAlarmInput, PauseAudioInput };
