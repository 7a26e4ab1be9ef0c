import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { Server } from 'socket.io';
import { DASHBOARD_NAMESPACE, DEVICE_NAMESPACE, ERROR_CODES } from '@infusion/shared';
import type { ServerConfig } from './config/config.js';
import { attachDashboardNamespace, dashboardBroadcaster, type DashboardNamespace } from './dashboard/namespace.js';
import { attachDeviceNamespace, type DeviceNamespace } from './devices/namespace.js';
import { deviceRoutes } from './devices/routes.js';
import { installAuth } from './auth/auth.js';
import { authRoutes } from './auth/routes.js';
import { installErrorHandler } from './http/errors.js';
import { limitsRoutes } from './alarms/limits-routes.js';
import { clinicalRoutes } from './clinical/routes.js';
import { reviewRoutes } from './review/routes.js';
import { lifecycleRoutes } from './sessions/lifecycle-routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { Ward } from './sessions/ward.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';

/** Largest socket.io message; a bigger one closes that client's connection, no one else's. */
export const MAX_SOCKET_MESSAGE_BYTES = 1_000_000;
/** Largest HTTP request body. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

export interface RouteInfo {
  method: string;
  url: string;
  role: string | null;
  public: boolean;
}

export interface BuiltServer {
  app: FastifyInstance;
  io: Server;
  store: Store;
  ward: Ward;
  /** Every route, with the role it needs: the authorisation test walks this list. */
  routes: RouteInfo[];
  /** The one-time code for creating the first admin, while no user exists. */
  setupCode(): string | null;
}

/**
 * Builds the whole server (HTTP API, both socket.io namespaces, store, alarm clock) without
 * listening. Tests call this and listen on port 0; `main` alone picks the port and handles
 * signals.
 */
export async function buildServer(config: ServerConfig): Promise<BuiltServer> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: MAX_HTTP_BODY_BYTES,
    // Bad URLs Fastify refuses itself (an over-long parameter, a broken %-escape) get the API's
    // error shape too.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply)
        .status(error.statusCode ?? 400)
        .send({ code: ERROR_CODES.invalidPayload, message: error.message });
    },
  });
  const store = openSqliteStore(config.databaseFile);
  const io = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    pingInterval: 5_000,
    pingTimeout: 5_000,
  });
  const log = (msg: string, err?: unknown): void => app.log.error({ err }, msg);
  const dashboards = io.of(DASHBOARD_NAMESPACE) as DashboardNamespace;
  const broadcaster = dashboardBroadcaster(dashboards);
  const ward = new Ward(store, broadcaster, Date.now());

  let setupCode: string | null =
    store.countUsers() === 0 ? (config.setupCode ?? randomBytes(9).toString('base64url')) : null;

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, role: route.config?.role ?? null, public: route.config?.public === true });
    }
  });
  installErrorHandler(app);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:'],
        // Recharts positions its SVG with inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure ? undefined : false,
  });
  await installAuth(app, store);
  const deviceNamespaceState = { closing: false };
  attachDeviceNamespace(io.of(DEVICE_NAMESPACE) as DeviceNamespace, {
    store,
    ward,
    broadcaster,
    log,
    isClosing: () => deviceNamespaceState.closing,
  });
  attachDashboardNamespace(dashboards, { app, store, ward, log });

  app.get('/api/health', { config: { public: true } }, async () => ({ ok: true, serverTime: Date.now() }));
  await authRoutes(app, {
    store,
    cookie: { secure: config.cookieSecure ?? false },
    setupCode: () => setupCode,
    onSetupDone: () => {
      setupCode = null;
    },
    signInPerMinute: config.signInPerMinute ?? 10,
    onSignOut: (tokenHash) => dashboards.in(`auth:${tokenHash}`).disconnectSockets(true),
  });
  sessionRoutes(app, { store, ward });
  lifecycleRoutes(app, { store, ward, broadcaster });
  clinicalRoutes(app, { store, ward, broadcaster });
  reviewRoutes(app, { store, ward });
  limitsRoutes(app, { store, ward });
  deviceRoutes(app, { store });

  const indexHtml = config.clientDir ? path.join(config.clientDir, 'index.html') : null;
  if (config.clientDir && indexHtml && fs.existsSync(indexHtml)) {
    // wildcard (the default) serves files by path at request time, so a rebuilt client's new
    // asset names are found without a restart.
    await app.register(fastifyStatic, { root: config.clientDir });
    app.setNotFoundHandler((request, reply) => {
      const spaRoute = !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
      if (request.method === 'GET' && spaRoute) return reply.sendFile('index.html');
      return reply
        .status(404)
        .send({ code: ERROR_CODES.notFound, message: `no route ${request.method} ${request.url}` });
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ code: ERROR_CODES.notFound, message: `no route ${request.method} ${request.url}` }),
    );
  }

  // A monitor that was connected before a crash and never came back was never seen to
  // disconnect: give monitors a moment to reconnect, then say which have not.
  const reconnectGrace = setTimeout(() => {
    for (const session of ward.monitoredSessions()) {
      const deviceId = session.deviceId;
      if (!deviceId) continue;
      void io
        .of(DEVICE_NAMESPACE)
        .in(`device:${deviceId}`)
        .fetchSockets()
        .then((sockets) => (sockets.length === 0 ? ward.deviceConnection(deviceId, false, Date.now()) : undefined))
        .catch((err: unknown) => log('monitor reconnect check failed', err));
    }
  }, config.monitorReconnectGraceMs ?? 15_000);

  const tickMs = config.tickMs ?? 1000;
  const clock = setInterval(() => {
    const now = Date.now();
    ward.tick(now).catch((err: unknown) => log('alarm tick failed', err));
    dashboards.emit('heartbeat', { serverTime: now });
  }, tickMs);

  app.addHook('preClose', async () => {
    // The server is the one going away: that is not the monitors' disconnection.
    deviceNamespaceState.closing = true;
    clearInterval(clock);
    clearTimeout(reconnectGrace);
    io.of(DEVICE_NAMESPACE).disconnectSockets(true);
    dashboards.disconnectSockets(true);
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await ward.close();
    store.close();
  });

  await app.ready();
  return { app, io, store, ward, routes, setupCode: () => (store.countUsers() === 0 ? setupCode : null) };
}
