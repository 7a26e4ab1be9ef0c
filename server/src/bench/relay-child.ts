/**
 * The ceiling: a bare socket.io relay on the same machine. It takes the same device batches
 * and rebroadcasts them to the same dashboard rooms, as the readings messages the server
 * sends (built straight from the batch), with no authentication check, validation, storage or
 * alarm evaluation, and acknowledges each batch at once with `{ ok: true }`. A monitor names
 * its session in the handshake (`auth.sessionId`), since there is no store to look its token
 * up in.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import {
  DASHBOARD_NAMESPACE,
  DEVICE_NAMESPACE,
  type DeviceReading,
  type ReadingsMessage,
  type VitalCode,
} from '@infusion/shared';
import { serveRunner } from './ipc.js';

const WARD_ROOM = 'ward';

async function main(): Promise<void> {
  const httpServer = http.createServer((_req, res) => {
    res.writeHead(404).end();
  });
  // The same engine settings as the real server (app.ts).
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    pingInterval: 5_000,
    pingTimeout: 5_000,
  });
  const dashboards = io.of(DASHBOARD_NAMESPACE);
  const devices = io.of(DEVICE_NAMESPACE);

  dashboards.on('connection', (socket) => {
    socket.on('session:watch', (request: { sessionId: string }, ack: (answer: unknown) => void) => {
      void socket.join(`session:${request.sessionId}`);
      ack({ ok: true, data: null });
    });
    socket.on('ward:watch', (_request: unknown, ack: (answer: unknown) => void) => {
      void socket.join(WARD_ROOM);
      ack({ ok: true, data: null });
    });
  });

  devices.on('connection', (socket) => {
    const auth = socket.handshake.auth as { sessionId?: unknown; deviceId?: unknown };
    const sessionId = String(auth.sessionId);
    // The server's messages name the monitor; the bench's monitors do not tell the relay who
    // they are, so the session's name stands in for it.
    const deviceId = typeof auth.deviceId === 'string' ? auth.deviceId : sessionId;
    const rooms = [`session:${sessionId}`, WARD_ROOM];
    socket.on('readings:batch', (batch: { readings: DeviceReading[] }, ack: (answer: unknown) => void) => {
      // A list of one message, the shape the server sends; the relay still broadcasts every
      // batch. Nothing is checked (`vital` is taken on trust), and each reading's `seq` stands
      // in for the id the store would give it.
      const message: ReadingsMessage = {
        sessionId,
        source: 'device',
        deviceId,
        enteredBy: null,
        receivedAt: Date.now(),
        rows: batch.readings.map((r) => [r.seq, r.vital as VitalCode, r.value, r.measuredAt, r.seq]),
      };
      dashboards.to(rooms).emit('readings', [message]);
      ack({ ok: true });
    });
  });

  // The real server sends dashboards a heartbeat every second; so does the relay.
  const clock = setInterval(() => dashboards.emit('heartbeat', { serverTime: Date.now() }), 1000);

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  serveRunner({
    commit: () => null,
    transactions: () => null,
    sockets: () => ({ devices: devices.sockets.size, dashboards: dashboards.sockets.size }),
    async stop() {
      clearInterval(clock);
      devices.disconnectSockets(true);
      dashboards.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  });
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, pid: process.pid });
}

main().catch((err: unknown) => {
  console.error('bench relay failed to start', err);
  process.exit(1);
});
