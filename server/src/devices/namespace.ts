import type { Namespace } from 'socket.io';
import { DeviceAuth, ERROR_CODES, type DeviceToServerEvents, type ServerToDeviceEvents } from '@infusion/shared';
import { ingestDeviceBatch } from '../readings/ingest.js';
import type { Ward, WardBroadcaster } from '../sessions/ward.js';
import type { Store } from '../store/store.js';
import { hashDeviceToken } from './tokens.js';

export interface DeviceSocketData {
  deviceId: string;
}

export type DeviceNamespace = Namespace<
  DeviceToServerEvents,
  ServerToDeviceEvents,
  Record<string, never>,
  DeviceSocketData
>;

/** Error a refused handshake carries to the client (`connect_error`, `err.data`). */
function handshakeError(code: string, message: string): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The monitors' namespace: a device authenticates with its own token at the handshake and
 * sends batches of readings; each is answered only after it is stored.
 */
export function attachDeviceNamespace(
  nsp: DeviceNamespace,
  deps: {
    store: Store;
    ward: Ward;
    broadcaster: WardBroadcaster;
    log: (msg: string, err?: unknown) => void;
    isClosing: () => boolean;
  },
): void {
  const { store, ward, broadcaster } = deps;

  nsp.use((socket, next) => {
    const auth = DeviceAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(handshakeError(ERROR_CODES.unauthorized, 'device token missing or malformed'));
    const device = store.findDeviceByTokenHash(hashDeviceToken(auth.data.token));
    if (!device) return next(handshakeError(ERROR_CODES.unauthorized, 'unknown device token'));
    socket.data.deviceId = device.id;
    next();
  });

  nsp.on('connection', (socket) => {
    const deviceId = socket.data.deviceId;
    void socket.join(`device:${deviceId}`);
    socket.emit('device:bound', { sessionId: ward.sessionForDevice(deviceId)?.id ?? null });
    void ward.deviceConnection(deviceId, true, Date.now()).catch((err: unknown) => deps.log('device connect', err));

    socket.on('readings:batch', (batch, ack) => {
      if (typeof ack !== 'function') return; // A batch nobody waits for cannot be acknowledged: drop it.
      ingestDeviceBatch(ward, broadcaster, deviceId, batch, Date.now()).then(ack, (err: unknown) => {
        deps.log('storing a batch failed', err);
        ack({ ok: false, error: { code: ERROR_CODES.internal, message: 'the batch could not be stored; resend it' } });
      });
    });

    socket.on('disconnect', () => {
      if (deps.isClosing()) return;
      // Only the last connection of a device going away means the monitor is gone.
      void nsp
        .in(`device:${deviceId}`)
        .fetchSockets()
        .then((left) => {
          if (left.length === 0) return ward.deviceConnection(deviceId, false, Date.now());
        })
        .catch((err: unknown) => deps.log('device disconnect', err));
    });
  });
}
