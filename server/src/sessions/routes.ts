import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BindDeviceInput, CreateSessionInput, ERROR_CODES, SessionState, type Session } from '@infusion/shared';
import { audit } from '../audit/audit.js';
import { currentUser } from '../auth/auth.js';
import { HttpError, parseInput } from '../http/errors.js';
import type { Ward } from './ward.js';
import type { Store } from '../store/store.js';

const SessionParams = z.object({ id: z.string().min(1).max(64) });
const SessionListQuery = z.object({
  state: z
    .union([SessionState, z.array(SessionState)])
    .optional()
    .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
});
const ReadingsQuery = z.object({
  from: z.coerce.number().int().nonnegative().optional(),
  afterId: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});

/** Sessions over HTTP: list, create, read, bind a monitor, read back readings and alarm events. */
export function sessionRoutes(app: FastifyInstance, deps: { store: Store; ward: Ward }): void {
  const { store, ward } = deps;
  const requireSession = (id: string): Session => {
    const session = store.getSession(id);
    if (!session) throw new HttpError(404, ERROR_CODES.notFound, `no session ${id}`);
    return session;
  };

  app.get('/api/sessions', async (request) => {
    const { state } = parseInput(SessionListQuery, request.query, 'session query');
    return store.listSessions(state ? { states: state } : {});
  });

  app.post('/api/sessions', async (request, reply) => {
    const input = parseInput(CreateSessionInput, request.body, 'session');
    if (!store.getProfile(input.protocolId)) {
      throw new HttpError(400, ERROR_CODES.invalidPayload, `unknown protocol "${input.protocolId}"`, [
        { path: 'protocolId', message: 'no protocol profile with this id' },
      ]);
    }
    const now = Date.now();
    const patient = store.upsertPatient(input.patient);
    const session = store.createSession({
      patientId: patient.id,
      location: input.location,
      state: input.state,
      protocolId: input.protocolId,
      deviceId: null,
      plannedDurationMin: input.plannedDurationMin,
      createdAt: now,
      infusionStartedAt: input.state === 'infusing' ? now : null,
      endedAt: null,
      baseline: input.baseline,
      recoveryStartedAt: null,
      doseMgPerKg: input.doseMgPerKg,
      rateMgPerKgPerHour: input.rateMgPerKgPerHour,
      course: input.course,
      checklist: { consent: false, fasting: false, transportHome: false, baselineVitals: false },
    });
    audit(store, currentUser(request), 'session-created', session.id, { mrn: input.patient.mrn, state: session.state });
    await ward.sessionChanged(session, now);
    return reply.status(201).send(session);
  });

  app.get('/api/sessions/:id', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    return requireSession(id);
  });

  app.post('/api/sessions/:id/device', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const { deviceId } = parseInput(BindDeviceInput, request.body, 'device binding');
    requireSession(id);
    if (!store.getDevice(deviceId)) throw new HttpError(404, ERROR_CODES.notFound, `no monitor ${deviceId}`);
    const session = store.updateSession(id, { deviceId });
    audit(store, currentUser(request), 'monitor-bound', id, { deviceId });
    await ward.sessionChanged(session, Date.now());
    return session;
  });

  app.get('/api/sessions/:id/readings', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const q = parseInput(ReadingsQuery, request.query, 'readings query');
    requireSession(id);
    return store.readingsForSession(id, {
      ...(q.from === undefined ? {} : { sinceMeasuredAt: q.from }),
      ...(q.afterId === undefined ? {} : { afterId: q.afterId }),
      ...(q.limit === undefined ? {} : { limit: q.limit }),
    });
  });

  app.get('/api/sessions/:id/alarm-events', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    requireSession(id);
    return store.alarmEventsForSession(id);
  });

  app.get('/api/sessions/:id/audit', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    requireSession(id);
    return store.listAudit({ sessionId: id });
  });
}
