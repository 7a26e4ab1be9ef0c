import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CHECKLIST_LABELS,
  Checklist,
  ERROR_CODES,
  TRANSITIONS,
  TransitionInput,
  canTransition,
  dischargeReadiness,
  type Baseline,
  type Session,
  type VitalCode,
} from '@infusion/shared';
import { audit } from '../audit/audit.js';
import { currentUser } from '../auth/auth.js';
import { HttpError, parseInput } from '../http/errors.js';
import type { Store } from '../store/store.js';
import type { Ward, WardBroadcaster } from './ward.js';

const SessionParams = z.object({ id: z.string().min(1).max(64) });

/** Baseline = the mean of each vital measured before the infusion started. */
function baselineFromReadings(store: Store, session: Session): Baseline {
  const readings = store.readingsForSession(session.id, {});
  const sums = new Map<VitalCode, { sum: number; n: number }>();
  for (const r of readings) {
    const s = sums.get(r.vital) ?? { sum: 0, n: 0 };
    s.sum += r.value;
    s.n += 1;
    sums.set(r.vital, s);
  }
  const baseline: Baseline = { ...session.baseline };
  for (const [vital, { sum, n }] of sums) baseline[vital] = Math.round((sum / n) * 10) / 10;
  return baseline;
}

function latestValue(store: Store, sessionId: string, vital: VitalCode, since: number): number | undefined {
  const readings = store.readingsForSession(sessionId, { sinceMeasuredAt: since });
  for (let i = readings.length - 1; i >= 0; i--) if (readings[i]?.vital === vital) return readings[i]?.value;
  return undefined;
}

/** The session's lifecycle, enforced here: check-in, checklist, infusion, recovery, discharge. */
export function lifecycleRoutes(
  app: FastifyInstance,
  deps: { store: Store; ward: Ward; broadcaster: WardBroadcaster },
): void {
  const { store, ward, broadcaster } = deps;
  const requireSession = (id: string): Session => {
    const session = store.getSession(id);
    if (!session) throw new HttpError(404, ERROR_CODES.notFound, `no session ${id}`);
    return session;
  };

  app.put('/api/sessions/:id/checklist', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const checklist = parseInput(Checklist, request.body, 'checklist');
    const session = requireSession(id);
    if (session.state !== 'scheduled' && session.state !== 'pre-check') {
      throw new HttpError(409, ERROR_CODES.illegalTransition, `the checklist is closed once the infusion has started`);
    }
    const updated = store.updateSession(id, { checklist });
    audit(store, currentUser(request), 'checklist-updated', id, checklist);
    await ward.sessionChanged(updated, Date.now());
    return updated;
  });

  app.post('/api/sessions/:id/transition', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const input = parseInput(TransitionInput, request.body, 'state change');
    const user = currentUser(request);
    const session = requireSession(id);
    const now = Date.now();
    const { to } = input;
    if (!canTransition(session.state, to)) {
      const allowed = TRANSITIONS[session.state];
      throw new HttpError(
        409,
        ERROR_CODES.illegalTransition,
        `a session cannot go from ${session.state} to ${to}` +
          (allowed.length > 0 ? `; from ${session.state} it can go to ${allowed.join(', ')}` : '; it has ended'),
      );
    }
    const changes: Parameters<Store['updateSession']>[1] = { state: to };
    let override: string | undefined;
    if (to === 'ended-early' && !input.reason) {
      throw new HttpError(400, ERROR_CODES.invalidPayload, 'ending a session early needs a reason', [
        { path: 'reason', message: 'say why the session ended early' },
      ]);
    }
    if (to === 'infusing' && session.state === 'pre-check') {
      const missing = (Object.keys(CHECKLIST_LABELS) as (keyof Checklist)[]).filter((k) => !session.checklist[k]);
      if (missing.length > 0) {
        throw new HttpError(
          409,
          ERROR_CODES.illegalTransition,
          `the pre-infusion checklist is not complete: ${missing.map((k) => CHECKLIST_LABELS[k]).join(', ')}`,
        );
      }
      changes.infusionStartedAt = now;
      changes.baseline = baselineFromReadings(store, session);
    }
    if (to === 'recovery') changes.recoveryStartedAt = now;
    if (to === 'discharged') {
      const profile = ward.profileFor(session);
      const readiness = dischargeReadiness({
        aldrete: input.aldrete,
        recoveryStartedAt: session.recoveryStartedAt,
        now,
        minRecoveryMin: profile.minRecoveryMin,
        baselineSbp: session.baseline.sbp,
        latestSbp: latestValue(store, id, 'sbp', now - 5 * 60_000),
      });
      if (!readiness.ready) {
        if (!input.reason) {
          throw new HttpError(
            409,
            ERROR_CODES.illegalTransition,
            `discharge criteria not met: ${readiness.problems.join('; ')}. Give a reason to override.`,
          );
        }
        override = `${input.reason} (criteria not met: ${readiness.problems.join('; ')})`;
      }
    }
    if (to === 'discharged' || to === 'ended-early') changes.endedAt = now;

    const updated = store.updateSession(id, changes);
    const reason = override ?? input.reason;
    const event = store.insertClinicalEvent({
      sessionId: id,
      entry: { kind: 'lifecycle', from: session.state, to, ...(reason ? { reason } : {}) },
      occurredAt: now,
      chartedAt: now,
      chartedBy: user.displayName,
      chartedById: user.id,
      amends: null,
    });
    audit(store, user, 'state-changed', id, {
      from: session.state,
      to,
      ...(reason ? { reason } : {}),
      ...(input.aldrete ? { aldrete: input.aldrete } : {}),
      ...(override ? { dischargeOverride: true } : {}),
    });
    await ward.sessionChanged(updated, now);
    broadcaster.clinicalEvent(event);
    return updated;
  });

  app.get('/api/patients/:id/sessions', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'patient id');
    return store.listPatientSessions(id);
  });
}
