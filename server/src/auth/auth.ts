import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { ERROR_CODES, hasRole, type Role, type User } from '@infusion/shared';
import { HttpError } from '../http/errors.js';
import type { Store } from '../store/store.js';

export const SESSION_COOKIE = 'infusion_sid';
/** A sign-in lasts one long shift; then the nurse signs in again. */
export const SIGN_IN_TTL_MS = 13 * 3600_000;

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    authTokenHash: string | null;
  }
  interface FastifyContextConfig {
    /** Least role an /api route needs; nurse when not said. */
    role?: Role;
    /** The few /api routes open without signing in (health, sign-in, first-start setup). */
    public?: boolean;
  }
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a sign-in and returns the cookie token (stored only hashed). */
export function startSignIn(store: Store, user: User, now: number): string {
  const token = randomBytes(32).toString('base64url');
  store.createAuthSession(hashSessionToken(token), user.id, now + SIGN_IN_TTL_MS);
  return token;
}

export interface CookieOptions {
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, options: CookieOptions): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
    path: '/',
    maxAge: SIGN_IN_TTL_MS / 1000,
  });
}

/** Finds the user behind a raw `Cookie` header (HTTP request or socket.io handshake). */
export function userFromCookieHeader(
  app: FastifyInstance,
  store: Store,
  header: string | undefined,
  now: number,
): { user: User; tokenHash: string } | null {
  if (!header) return null;
  const token = app.parseCookie(header)[SESSION_COOKIE];
  if (!token) return null;
  const tokenHash = hashSessionToken(token);
  const user = store.findAuthSession(tokenHash, now);
  return user ? { user, tokenHash } : null;
}

/**
 * Authentication for every HTTP route: the user comes from the session cookie, a route's
 * `config.role` says who may call it. Writes must be JSON from our own origin: with
 * SameSite=Strict cookies this closes cross-site request forgery.
 */
export async function installAuth(app: FastifyInstance, store: Store): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('user', null);
  app.decorateRequest('authTokenHash', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const found = userFromCookieHeader(app, store, request.headers.cookie, Date.now());
    request.user = found?.user ?? null;
    request.authTokenHash = found?.tokenHash ?? null;
    const config = request.routeOptions.config;
    // Default deny: every /api route needs a signed-in nurse unless it says otherwise.
    const role: Role | null = config.public || !request.url.startsWith('/api/') ? null : (config.role ?? 'nurse');
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.url.startsWith('/api/')) {
      const origin = request.headers.origin;
      // `Origin: null` (sandboxed frames, file: pages) or garbage is as foreign as another host.
      if (origin && (!URL.canParse(origin) || new URL(origin).host !== request.headers.host)) {
        throw new HttpError(403, ERROR_CODES.forbidden, 'cross-origin write refused');
      }
    }
    if (!role) return;
    if (!request.user) throw new HttpError(401, ERROR_CODES.unauthorized, 'sign in first');
    if (!hasRole(request.user.role, role)) {
      throw new HttpError(403, ERROR_CODES.forbidden, `this needs the ${role} role; you are ${request.user.role}`);
    }
  });
}

/** The signed-in user of a route that declared a role (so one is certain to be there). */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new HttpError(401, ERROR_CODES.unauthorized, 'sign in first');
  return request.user;
}
