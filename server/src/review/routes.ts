import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { VitalCode } from '@infusion/shared';
import { ERROR_CODES, downsampleMinMax, summariseSession, type Session, type SeriesPoint } from '@infusion/shared';
import { audit } from '../audit/audit.js';
import { currentUser } from '../auth/auth.js';
import { HttpError, parseInput } from '../http/errors.js';
import type { Ward } from '../sessions/ward.js';
import type { Store } from '../store/store.js';
import { eventsCsv, readingsCsv } from './csv.js';
import { fhirBundle } from './fhir.js';

const SessionParams = z.object({ id: z.string().min(1).max(64) });
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const SearchQuery = z.object({
  patient: z.string().trim().max(120).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  hadHighAlarm: booleanQuery.optional(),
});
const SeriesQuery = z.object({
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  /** About the chart's width in pixels. */
  maxPoints: z.coerce.number().int().min(10).max(5000).default(600),
});

/** What the review chart loads: per vital, exact readings or min/max buckets. */
export interface SeriesResponse {
  from: number;
  to: number;
  downsampled: boolean;
  series: Partial<Record<VitalCode, SeriesPoint[]>>;
}

const safeName = (s: Session): string => `session-${s.patient.mrn.replace(/[^A-Za-z0-9-]/g, '_')}-${s.id.slice(0, 8)}`;

/** Reviewing a session afterwards: search, series with downsampling, summary, exports. */
export function reviewRoutes(app: FastifyInstance, deps: { store: Store; ward: Ward }): void {
  const { store, ward } = deps;
  const requireSession = (id: string): Session => {
    const session = store.getSession(id);
    if (!session) throw new HttpError(404, ERROR_CODES.notFound, `no session ${id}`);
    return session;
  };

  app.get('/api/review/sessions', async (request) => {
    const q = parseInput(SearchQuery, request.query, 'search');
    return store.searchSessions({
      ...(q.patient ? { patient: q.patient } : {}),
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
      ...(q.hadHighAlarm ? { hadHighAlarm: true } : {}),
    });
  });

  app.get('/api/sessions/:id/series', async (request): Promise<SeriesResponse> => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const q = parseInput(SeriesQuery, request.query, 'series query');
    const session = requireSession(id);
    const from = q.from ?? session.createdAt;
    const to = q.to ?? session.endedAt ?? Date.now();
    if (to <= from) throw new HttpError(400, ERROR_CODES.invalidPayload, '`to` must be after `from`');
    const readings = store.readingsForSession(id, { sinceMeasuredAt: from, untilMeasuredAt: to });
    const byVital = new Map<VitalCode, typeof readings>();
    for (const r of readings) {
      const list = byVital.get(r.vital) ?? [];
      list.push(r);
      byVital.set(r.vital, list);
    }
    const series: SeriesResponse['series'] = {};
    let downsampled = false;
    for (const [vital, list] of byVital) {
      if (list.length > q.maxPoints) downsampled = true;
      series[vital] = downsampleMinMax(list, from, to, q.maxPoints);
    }
    return { from, to, downsampled, series };
  });

  app.get('/api/sessions/:id/summary', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const session = requireSession(id);
    return summariseSession(
      store.readingsForSession(id, {}),
      store.alarmEventsForSession(id),
      ward.profileFor(session),
      session.baseline,
    );
  });

  app.get('/api/sessions/:id/export/readings.csv', async (request, reply) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const session = requireSession(id);
    audit(store, currentUser(request), 'record-exported', id, { format: 'readings.csv' });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${safeName(session)}-readings.csv"`)
      .send(Readable.from(readingsCsv(store.iterateReadings(id))));
  });

  app.get('/api/sessions/:id/export/events.csv', async (request, reply) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const session = requireSession(id);
    audit(store, currentUser(request), 'record-exported', id, { format: 'events.csv' });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${safeName(session)}-events.csv"`)
      .send(eventsCsv(store.alarmEventsForSession(id), store.clinicalEventsForSession(id)));
  });

  app.get('/api/sessions/:id/export/fhir.json', async (request, reply) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const session = requireSession(id);
    audit(store, currentUser(request), 'record-exported', id, { format: 'fhir.json' });
    return reply
      .type('application/fhir+json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${safeName(session)}-fhir.json"`)
      .send(
        Readable.from(fhirBundle(session, store.iterateReadings(id), store.clinicalEventsForSession(id), Date.now())),
      );
  });
}
