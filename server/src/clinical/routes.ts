import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ChartEntryInput,
  ERROR_CODES,
  MAX_BACKDATE_MS,
  ManualReadingInput,
  VITALS,
  isMonitored,
  type Session,
} from '@infusion/shared';
import { audit } from '../audit/audit.js';
import { currentUser } from '../auth/auth.js';
import { HttpError, parseInput } from '../http/errors.js';
import { storeReadings } from '../readings/ingest.js';
import { MAX_FUTURE_SKEW_MS } from '../readings/validate.js';
import type { Ward, WardBroadcaster } from '../sessions/ward.js';
import type { Store } from '../store/store.js';

const SessionParams = z.object({ id: z.string().min(1).max(64) });

function checkTime(at: number, now: number, field: string): void {
  if (at > now + MAX_FUTURE_SKEW_MS) {
    throw new HttpError(400, ERROR_CODES.invalidPayload, `${field} is in the future`, [
      { path: field, message: 'cannot be in the future' },
    ]);
  }
  if (at < now - MAX_BACKDATE_MS) {
    throw new HttpError(400, ERROR_CODES.invalidPayload, `${field} is more than 30 minutes ago`, [
      { path: field, message: 'may be back-dated by at most 30 minutes' },
    ]);
  }
}

/** Charting at the chair: manual readings, side effects, scores, interventions, corrections. */
export function clinicalRoutes(
  app: FastifyInstance,
  deps: { store: Store; ward: Ward; broadcaster: WardBroadcaster },
): void {
  const { store, ward, broadcaster } = deps;
  const requireOpenSession = (id: string): Session => {
    const session = store.getSession(id);
    if (!session) throw new HttpError(404, ERROR_CODES.notFound, `no session ${id}`);
    if (!isMonitored(session.state)) {
      throw new HttpError(
        409,
        ERROR_CODES.illegalTransition,
        `session is ${session.state}: nothing more can be charted`,
      );
    }
    return session;
  };

  // A manual reading takes the very same path as a monitor's: validation, store, alarms, broadcast.
  app.post('/api/sessions/:id/readings', async (request, reply) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const input = parseInput(ManualReadingInput, request.body, 'manual reading');
    const user = currentUser(request);
    const session = requireOpenSession(id);
    const now = Date.now();
    const measuredAt = input.measuredAt ?? now;
    checkTime(measuredAt, now, 'measuredAt');
    const info = VITALS[input.vital];
    if (input.value < info.plausible.min || input.value > info.plausible.max) {
      throw new HttpError(
        400,
        ERROR_CODES.invalidPayload,
        `${info.label} ${input.value} is outside the plausible range ${info.plausible.min}–${info.plausible.max} ${info.unit}`,
        [{ path: 'value', message: `must be ${info.plausible.min}–${info.plausible.max}` }],
      );
    }
    const [outcome] = await storeReadings(
      ward,
      broadcaster,
      session.id,
      [{ seq: null, vital: input.vital, value: input.value, measuredAt }],
      now,
      { source: 'manual', enteredBy: user.displayName },
    );
    audit(store, user, 'manual-reading', id, { vital: input.vital, value: input.value, measuredAt });
    return reply.status(201).send(outcome?.status === 'inserted' ? outcome.reading : null);
  });

  app.post('/api/sessions/:id/events', async (request, reply) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const input = parseInput(ChartEntryInput, request.body, 'chart entry');
    const user = currentUser(request);
    requireOpenSession(id);
    const now = Date.now();
    const occurredAt = input.occurredAt ?? now;
    const original = input.amends ? store.getClinicalEvent(input.amends.eventId) : null;
    if (input.amends) {
      if (!original || original.sessionId !== id) {
        throw new HttpError(404, ERROR_CODES.notFound, `no entry ${input.amends.eventId} in this session to correct`);
      }
      if (original.entry.kind === 'lifecycle') {
        throw new HttpError(409, ERROR_CODES.conflict, 'lifecycle steps cannot be corrected');
      }
    }
    // A correction may keep the time of the entry it corrects, however long ago that was.
    if (!original || occurredAt !== original.occurredAt) checkTime(occurredAt, now, 'occurredAt');
    const event = store.insertClinicalEvent({
      sessionId: id,
      entry: input.entry,
      occurredAt,
      chartedAt: now,
      chartedBy: user.displayName,
      chartedById: user.id,
      amends: input.amends ?? null,
    });
    audit(store, user, input.amends ? 'entry-corrected' : 'entry-charted', id, {
      eventId: event.id,
      kind: input.entry.kind,
      ...(input.amends ? { amends: input.amends.eventId, reason: input.amends.reason } : {}),
    });
    broadcaster.clinicalEvent(event);
    if (
      input.entry.kind === 'intervention' &&
      input.entry.action === 'rate-changed' &&
      input.entry.rateMgPerKgPerHour
    ) {
      const updated = store.updateSession(id, { rateMgPerKgPerHour: input.entry.rateMgPerKgPerHour });
      await ward.sessionChanged(updated, now);
    }
    // A sedation score is also a reading: it goes through the alarm engine like any other.
    if (input.entry.kind === 'score' && input.entry.scale === 'moaas') {
      await storeReadings(
        ward,
        broadcaster,
        id,
        [{ seq: null, vital: 'moaas', value: input.entry.value, measuredAt: occurredAt }],
        now,
        { source: 'manual', enteredBy: user.displayName },
      );
    }
    return reply.status(201).send(event);
  });

  app.get('/api/sessions/:id/events', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    if (!store.getSession(id)) throw new HttpError(404, ERROR_CODES.notFound, `no session ${id}`);
    return store.clinicalEventsForSession(id);
  });
}
