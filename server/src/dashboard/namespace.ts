import type { FastifyInstance } from 'fastify';
import type { Namespace } from 'socket.io';
import { audit } from '../audit/audit.js';
import { userFromCookieHeader } from '../auth/auth.js';
import {
  AcknowledgeAlarmInput,
  ERROR_CODES,
  LIVE_VITALS,
  PauseAudioInput,
  SessionWatchRequest,
  WardWatchRequest,
  invalidPayload,
  packReadingsMessages,
  type AlarmEvent,
  type ClinicalEvent,
  type ThresholdProfile,
  type DashboardToServerEvents,
  type Reading,
  type ReadingsMessage,
  type ServerToDashboardEvents,
  type Session,
  type User,
} from '@infusion/shared';
import type { Ward, WardBroadcaster } from '../sessions/ward.js';
import type { Store } from '../store/store.js';

export interface DashboardSocketData {
  user: User;
}

export type DashboardNamespace = Namespace<
  DashboardToServerEvents,
  ServerToDashboardEvents,
  Record<string, never>,
  DashboardSocketData
>;

const DEFAULT_WINDOW_MS = 15 * 60_000;
const sessionRoom = (id: string): string => `session:${id}`;
const WARD_ROOM = 'ward';
/** Screens that follow the ward's alarms and sessions but not its readings (escalation banners). */
const WARD_ALARMS_ROOM = 'ward-alarms';
/** How much history a ward tile's trend line starts with. */
const WARD_TREND_MS = 5 * 60_000;
/** Points per vital a tile's sparkline needs; more only costs every screen bandwidth and parsing. */
const WARD_TREND_POINTS = 60;

/**
 * A session's recent readings thinned for the ward tiles: the tile vitals, at most
 * WARD_TREND_POINTS each. Each stretch keeps its lowest and its highest reading, so a dip of a
 * few seconds still shows on a tile's sparkline, and the newest reading is always in.
 */
export function wardTrend(readings: readonly Reading[]): Reading[] {
  const byVital = new Map<string, Reading[]>();
  for (const r of readings) {
    if (!LIVE_VITALS.includes(r.vital)) continue;
    const list = byVital.get(r.vital) ?? [];
    list.push(r);
    byVital.set(r.vital, list);
  }
  const out: Reading[] = [];
  for (const list of byVital.values()) {
    if (list.length <= WARD_TREND_POINTS) {
      out.push(...list);
      continue;
    }
    const newest = list[list.length - 1] as Reading;
    const rest = list.slice(0, -1);
    // Two points per stretch, and one left for the newest reading.
    const stretches = Math.floor((WARD_TREND_POINTS - 1) / 2);
    const size = Math.ceil(rest.length / stretches);
    for (let start = 0; start < rest.length; start += size) {
      const stretch = rest.slice(start, start + size);
      let low = stretch[0] as Reading;
      let high = low;
      for (const r of stretch) {
        if (r.value < low.value) low = r;
        if (r.value > high.value) high = r;
      }
      out.push(low);
      if (high !== low) out.push(high);
    }
    out.push(newest);
  }
  return out.sort((a, b) => a.measuredAt - b.measuredAt || a.id - b.id);
}

/** Broadcasts the ward's news to dashboards watching a session, and to ward screens. */
export function dashboardBroadcaster(nsp: DashboardNamespace): WardBroadcaster {
  // A commit group's broadcasts all run in one turn. Its readings are gathered, packed (what a
  // batch's readings share sent once), and sent right after: once to the ward room, and once
  // to every other screen with the sessions it watches, so a screen gets one list per group
  // instead of one message per chair batch.
  let gathered: ReadingsMessage[] = [];
  const send = (): void => {
    const messages = gathered;
    gathered = [];
    nsp.to(WARD_ROOM).emit('ward:readings', messages);
    const rooms = nsp.adapter.rooms;
    const ward = rooms.get(WARD_ROOM);
    const perScreen = new Map<string, ReadingsMessage[]>();
    for (const message of messages) {
      for (const socketId of rooms.get(sessionRoom(message.sessionId)) ?? []) {
        // A ward screen has this session's readings in `ward:readings` already.
        if (ward?.has(socketId)) continue;
        const list = perScreen.get(socketId);
        if (list) list.push(message);
        else perScreen.set(socketId, [message]);
      }
    }
    for (const [socketId, list] of perScreen) nsp.sockets.get(socketId)?.emit('readings', list);
  };
  return {
    readings(_sessionId: string, readings: Reading[]) {
      // Each message names its session: the readings of a stored batch all carry it.
      if (readings.length === 0) return;
      if (gathered.length === 0) queueMicrotask(send);
      gathered.push(...packReadingsMessages(readings));
    },
    alarmEvents(sessionId: string, events: AlarmEvent[]) {
      for (const event of events) {
        nsp.to([sessionRoom(sessionId), WARD_ROOM, WARD_ALARMS_ROOM]).emit('alarm:event', event);
        // Escalation reaches every screen, whatever it is watching.
        if (event.type === 'escalated') nsp.emit('ward:escalation', event);
      }
    },
    sessionUpdated(session: Session) {
      nsp.to([sessionRoom(session.id), WARD_ROOM, WARD_ALARMS_ROOM]).emit('session:updated', session);
    },
    profileChanged(sessionId: string, profile: ThresholdProfile) {
      nsp.to([sessionRoom(sessionId), WARD_ROOM]).emit('session:profile', { sessionId, profile });
    },
    clinicalEvent(event: ClinicalEvent) {
      nsp.to([sessionRoom(event.sessionId), WARD_ROOM]).emit('clinical:event', event);
    },
  };
}

/** The dashboards' namespace: watch a session or the ward, acknowledge, pause audio. */
export function attachDashboardNamespace(
  nsp: DashboardNamespace,
  deps: { app: FastifyInstance; store: Store; ward: Ward; log: (msg: string, err?: unknown) => void },
): void {
  const { store, ward } = deps;
  const internal = { ok: false as const, error: { code: ERROR_CODES.internal, message: 'server error; try again' } };

  // Nothing is visible without signing in: the handshake carries the same cookie as HTTP.
  nsp.use((socket, next) => {
    const found = userFromCookieHeader(deps.app, store, socket.request.headers.cookie, Date.now());
    if (!found) {
      return next(Object.assign(new Error('sign in first'), { data: { code: ERROR_CODES.unauthorized } }));
    }
    socket.data.user = found.user;
    void socket.join(`auth:${found.tokenHash}`);
    next();
  });

  nsp.on('connection', (socket) => {
    socket.on('session:watch', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = SessionWatchRequest.safeParse(request);
      if (!parsed.success) return ack(invalidPayload(parsed.error, 'watch request'));
      const { sessionId, afterReadingId, windowMs } = parsed.data;
      const session = store.getSession(sessionId);
      if (!session)
        return ack({ ok: false, error: { code: ERROR_CODES.notFound, message: `no session ${sessionId}` } });
      const serverTime = Date.now();
      // Join before reading the store so nothing committed in between is missed; the
      // client drops any reading it sees twice by id.
      void socket.join(sessionRoom(sessionId));
      const readings = store.readingsForSession(sessionId, {
        sinceMeasuredAt: afterReadingId === undefined ? serverTime - (windowMs ?? DEFAULT_WINDOW_MS) : 0,
        afterId: afterReadingId ?? 0,
      });
      ack({
        ok: true,
        data: {
          session,
          profile: ward.profileFor(session),
          readings,
          alarms: ward.alarmsFor(sessionId),
          clinicalEvents: store.clinicalEventsForSession(sessionId),
          serverTime,
        },
      });
    });

    socket.on('session:unwatch', (request, ack) => {
      const parsed = SessionWatchRequest.pick({ sessionId: true }).safeParse(request);
      if (!parsed.success) return typeof ack === 'function' && ack(invalidPayload(parsed.error, 'unwatch request'));
      void socket.leave(sessionRoom(parsed.data.sessionId));
      if (typeof ack === 'function') ack({ ok: true, data: null });
    });

    socket.on('ward:watch', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = WardWatchRequest.safeParse(request ?? {});
      if (!parsed.success) return ack(invalidPayload(parsed.error, 'ward watch request'));
      const withReadings = parsed.data.readings ?? true;
      const trendMs = withReadings ? (parsed.data.trendMs ?? WARD_TREND_MS) : 0;
      void socket.join(withReadings ? WARD_ROOM : WARD_ALARMS_ROOM);
      const serverTime = Date.now();
      const sessions = ward.monitoredSessions();
      const readings =
        trendMs === 0
          ? []
          : sessions.flatMap((session) =>
              wardTrend(store.readingsForSession(session.id, { sinceMeasuredAt: serverTime - trendMs })),
            );
      ack({ ok: true, data: { sessions, alarms: ward.allAlarms(), readings, serverTime } });
    });

    socket.on('alarm:acknowledge', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = AcknowledgeAlarmInput.safeParse(request);
      if (!parsed.success) return ack(invalidPayload(parsed.error, 'acknowledgement'));
      const { sessionId, alarmId } = parsed.data;
      const user = socket.data.user;
      ward.committer
        .submit((uow) => {
          const result = ward.feedAlarms(uow, sessionId, {
            type: 'acknowledge',
            at: Date.now(),
            alarmId,
            by: user.displayName,
          });
          if (result && !result.refusal) audit(uow.tx, user, 'alarm-acknowledged', sessionId, { alarmId });
          return result;
        })
        .then((result) => {
          if (!result)
            return ack({ ok: false, error: { code: ERROR_CODES.notFound, message: 'session not monitored' } });
          if (result.refusal) {
            return ack({
              ok: false,
              error: {
                code: result.refusal === 'unknown-alarm' ? ERROR_CODES.notFound : ERROR_CODES.conflict,
                message: result.refusal === 'unknown-alarm' ? 'no such active alarm' : 'already acknowledged',
              },
            });
          }
          const event = result.events.find((e) => e.type === 'acknowledged');
          ack({ ok: true, data: event?.alarm ?? null });
        })
        .catch((err: unknown) => {
          deps.log('acknowledge failed', err);
          ack(internal);
        });
    });

    socket.on('alarm:pause-audio', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = PauseAudioInput.safeParse(request);
      if (!parsed.success) return ack(invalidPayload(parsed.error, 'audio pause'));
      const { sessionId, alarmId } = parsed.data;
      const user = socket.data.user;
      ward.committer
        .submit((uow) => {
          const result = ward.feedAlarms(uow, sessionId, {
            type: 'pause-audio',
            at: Date.now(),
            by: user.displayName,
            ...(alarmId === undefined ? {} : { alarmId }),
          });
          if (result && !result.refusal)
            audit(uow.tx, user, 'alarm-audio-paused', sessionId, { alarmId: alarmId ?? 'all' });
          return result;
        })
        .then((result) => {
          if (!result)
            return ack({ ok: false, error: { code: ERROR_CODES.notFound, message: 'session not monitored' } });
          if (result.refusal) return ack({ ok: false, error: { code: ERROR_CODES.notFound, message: result.refusal } });
          ack({ ok: true, data: result.events.map((e) => e.alarm) });
        })
        .catch((err: unknown) => {
          deps.log('pause audio failed', err);
          ack(internal);
        });
    });
  });
}
