import {
  Alarm,
  DASHBOARD_NAMESPACE,
  type DashboardToServerEvents,
  type ServerToDashboardEvents,
  type SessionSnapshot,
  type SessionWatchRequest,
  type WardWatchRequest,
} from '@infusion/shared';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { parseAck, TIMEOUT_ERROR, withSchema, type AckResult } from '../api/ack';
import { parseSnapshot, WardSnapshotSchema } from '../api/wire';

/** The dashboard's socket, typed by the event maps both ends share. */
export type DashboardSocket = Socket<ServerToDashboardEvents, DashboardToServerEvents>;

/** How long a request waits for its acknowledgement. */
export const REQUEST_TIMEOUT_MS = 8_000;

/** Opens (lazily: call `connect()`) the socket to the dashboard namespace. */
export function openDashboardSocket(): DashboardSocket {
  return io(DASHBOARD_NAMESPACE, { transports: ['websocket'], withCredentials: true, autoConnect: false });
}

const OFFLINE: AckResult<never> = {
  ok: false,
  error: { code: 'offline', message: 'Not sent: no connection to the server' },
};

/** A handler for a server event; what arrives is outside input, parsed by the handler. */
type EventHandler = (raw: unknown) => void;

/**
 * Listens to several of the server's events at once and returns what stops all of them, so a
 * store names its events in one place instead of in a matching `on` and `off` list.
 */
export function listen(
  socket: DashboardSocket,
  handlers: Partial<Record<keyof ServerToDashboardEvents | 'connect', EventHandler>>,
): () => void {
  // socket.io types each event's listener separately; every handler here takes unknown, which
  // fits all of them, but TypeScript cannot see that through a loop over the names.
  const untyped = socket as unknown as {
    on(event: string, handler: EventHandler): void;
    off(event: string, handler: EventHandler): void;
  };
  const entries = Object.entries(handlers).filter((entry): entry is [string, EventHandler] => entry[1] !== undefined);
  for (const [event, handler] of entries) untyped.on(event, handler);
  return () => {
    for (const [event, handler] of entries) untyped.off(event, handler);
  };
}

type TimedSocket = ReturnType<DashboardSocket['timeout']>;
type Answer = (err: Error | null, raw: unknown) => void;

/**
 * Sends one request and waits for its acknowledgement. A request is never queued while
 * offline: a nurse's acknowledgement replayed minutes later would be a lie about when.
 */
function request<T>(
  socket: DashboardSocket,
  send: (timed: TimedSocket, answer: Answer) => void,
  readData: (data: unknown) => AckResult<T>,
): Promise<AckResult<T>> {
  if (!socket.connected) return Promise.resolve(OFFLINE);
  return new Promise((resolve) => {
    send(socket.timeout(REQUEST_TIMEOUT_MS), (err, raw) => {
      resolve(err ? { ok: false, error: TIMEOUT_ERROR } : parseAck(raw, readData));
    });
  });
}

/** Starts watching a session: answers with a snapshot, then readings and alarms follow. */
export function watchSession(socket: DashboardSocket, req: SessionWatchRequest): Promise<AckResult<SessionSnapshot>> {
  return request(socket, (s, answer) => s.emit('session:watch', req, answer), parseSnapshot);
}

/** Stops watching a session. Fire and forget: nothing waits on it. */
export function unwatchSession(socket: DashboardSocket, sessionId: string): void {
  if (socket.connected) socket.emit('session:unwatch', { sessionId }, () => undefined);
}

/** Starts watching the ward, for escalations shown on every screen. */
export function watchWard(
  socket: DashboardSocket,
  options: WardWatchRequest = {},
): Promise<AckResult<z.infer<typeof WardSnapshotSchema>>> {
  return request(
    socket,
    (s, answer) => s.emit('ward:watch', options, answer),
    withSchema(WardSnapshotSchema, 'ward snapshot'),
  );
}

/** A nurse acknowledging an alarm. */
export function acknowledgeAlarm(
  socket: DashboardSocket,
  sessionId: string,
  alarmId: string,
): Promise<AckResult<Alarm | null>> {
  return request(
    socket,
    (s, answer) => s.emit('alarm:acknowledge', { sessionId, alarmId }, answer),
    withSchema(Alarm.nullable(), 'alarm'),
  );
}

/** A nurse pausing the audio of one alarm (or all of the session's, without `alarmId`). */
export function pauseAlarmAudio(
  socket: DashboardSocket,
  sessionId: string,
  alarmId?: string,
): Promise<AckResult<Alarm[]>> {
  const req = alarmId === undefined ? { sessionId } : { sessionId, alarmId };
  return request(
    socket,
    (s, answer) => s.emit('alarm:pause-audio', req, answer),
    withSchema(z.array(Alarm), 'alarm list'),
  );
}
