import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { CreateUserInput, ERROR_CODES, LoginInput, SetupInput, type User } from '@infusion/shared';
import { audit } from '../audit/audit.js';
import { HttpError, parseInput } from '../http/errors.js';
import type { Store } from '../store/store.js';
import { SESSION_COOKIE, currentUser, setSessionCookie, startSignIn, type CookieOptions } from './auth.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

export interface AuthRouteOptions {
  store: Store;
  cookie: CookieOptions;
  /** One-time code that lets the first admin be created; null once any user exists. */
  setupCode: () => string | null;
  onSetupDone: () => void;
  /** Sign-in attempts allowed per client address per minute. */
  signInPerMinute: number;
  /** Closes the sockets of a sign-in that has ended. */
  onSignOut: (tokenHash: string) => void;
}

/** Sign-in, sign-out, who am I, first-start setup, and user accounts (admin). */
export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { store } = options;
  await app.register(rateLimit, { global: false });

  app.get('/api/auth/me', { config: { public: true } }, async (request) => ({
    user: request.user,
    setupNeeded: store.countUsers() === 0,
  }));

  app.post(
    '/api/auth/login',
    { config: { public: true, rateLimit: { max: options.signInPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { username, password } = parseInput(LoginInput, request.body, 'sign-in');
      const found = store.findUserByUsername(username);
      const valid = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
      if (!found || !valid) {
        audit(store, null, 'sign-in-failed', null, { username });
        throw new HttpError(401, ERROR_CODES.unauthorized, 'wrong username or password');
      }
      setSessionCookie(reply, startSignIn(store, found.user, Date.now()), options.cookie);
      audit(store, found.user, 'signed-in', null);
      return { user: found.user };
    },
  );

  app.post('/api/auth/logout', { config: { public: true } }, async (request, reply) => {
    if (request.authTokenHash) {
      store.deleteAuthSession(request.authTokenHash);
      options.onSignOut(request.authTokenHash);
      if (request.user) audit(store, request.user, 'signed-out', null);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post(
    '/api/setup',
    { config: { public: true, rateLimit: { max: options.signInPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const input = parseInput(SetupInput, request.body, 'setup');
      const code = options.setupCode();
      if (code === null || store.countUsers() > 0) {
        throw new HttpError(409, ERROR_CODES.conflict, 'setup is already done; sign in instead');
      }
      if (input.setupCode !== code) throw new HttpError(403, ERROR_CODES.forbidden, 'wrong setup code');
      const user = store.createUser({
        username: input.username,
        displayName: input.displayName,
        role: 'admin',
        passwordHash: await hashPassword(input.password),
      });
      options.onSetupDone();
      audit(store, user, 'first-admin-created', null, { username: user.username });
      setSessionCookie(reply, startSignIn(store, user, Date.now()), options.cookie);
      return reply.status(201).send({ user });
    },
  );

  app.get('/api/users', { config: { role: 'admin' } }, async () => store.listUsers());

  app.post('/api/users', { config: { role: 'admin' } }, async (request, reply) => {
    const input = parseInput(CreateUserInput, request.body, 'user');
    if (store.findUserByUsername(input.username)) {
      throw new HttpError(409, ERROR_CODES.conflict, `username ${input.username} is taken`);
    }
    const user: User = store.createUser({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    audit(store, currentUser(request), 'user-created', null, { username: user.username, role: user.role });
    return reply.status(201).send(user);
  });

  app.get('/api/audit', { config: { role: 'admin' } }, async () => store.listAudit({ limit: 1000 }));
}
