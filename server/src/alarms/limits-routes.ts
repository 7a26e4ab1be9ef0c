import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ERROR_CODES, LimitChangeInput, ThresholdProfile, applyLimitChange } from '@infusion/shared';
import { audit } from '../audit/audit.js';
import { currentUser } from '../auth/auth.js';
import { HttpError, parseInput } from '../http/errors.js';
import type { Ward } from '../sessions/ward.js';
import type { Store } from '../store/store.js';

const SessionParams = z.object({ id: z.string().min(1).max(64) });
const ProfileParams = z.object({
  profileId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes'),
});
const ProfileChangeInput = z.object({
  profile: z.record(z.string(), z.unknown()),
  reason: z.string().trim().min(5, 'say why (at least 5 characters)').max(500),
});

/** Limits: what is in force for a session, and a charge nurse's change of them (who, why). */
export function limitsRoutes(app: FastifyInstance, deps: { store: Store; ward: Ward }): void {
  const { store, ward } = deps;

  app.get('/api/profiles', async () => store.listProfiles());

  // A named protocol profile: created or replaced by a charge nurse, checked for coherence by
  // the shared schema. Sessions already running keep the limits they have.
  app.put('/api/profiles/:profileId', { config: { role: 'charge' } }, async (request) => {
    const { profileId } = parseInput(ProfileParams, request.params, 'protocol id');
    const body = parseInput(ProfileChangeInput, request.body, 'protocol');
    const profile = parseInput(ThresholdProfile, { ...body.profile, id: profileId }, 'protocol');
    const before = store.getProfile(profileId);
    store.saveProfile(profile);
    audit(store, currentUser(request), before ? 'protocol-changed' : 'protocol-created', null, {
      protocolId: profileId,
      reason: body.reason,
    });
    return profile;
  });

  app.get('/api/sessions/:id/profile', async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const session = store.getSession(id);
    if (!session) throw new HttpError(404, ERROR_CODES.notFound, `no session ${id}`);
    return ward.profileFor(session);
  });

  app.put('/api/sessions/:id/limits', { config: { role: 'charge' } }, async (request) => {
    const { id } = parseInput(SessionParams, request.params, 'session id');
    const change = parseInput(LimitChangeInput, request.body, 'limit change');
    const session = store.getSession(id);
    if (!session) throw new HttpError(404, ERROR_CODES.notFound, `no session ${id}`);
    const before = ward.profileFor(session);
    const result = applyLimitChange(before, change);
    if (!result.ok) {
      throw new HttpError(
        400,
        ERROR_CODES.invalidPayload,
        `limit change refused: ${result.problems.join('; ')}`,
        result.problems.map((message) => ({ path: `limits`, message })),
      );
    }
    await ward.changeSessionProfile(session, result.profile, Date.now());
    audit(store, currentUser(request), 'limits-changed', id, {
      vital: change.vital,
      before: before.vitals[change.vital] ?? null,
      after: change.limits,
      reason: change.reason,
    });
    return ward.profileFor(session);
  });
}
