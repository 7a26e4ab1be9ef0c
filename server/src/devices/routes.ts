import type { FastifyInstance } from 'fastify';
import { RegisterDeviceInput, type RegisteredDevice } from '@infusion/shared';
import { audit } from '../audit/audit.js';
import { currentUser } from '../auth/auth.js';
import { parseInput } from '../http/errors.js';
import type { Store } from '../store/store.js';
import { hashDeviceToken, newDeviceToken } from './tokens.js';

/** Registering a monitor: its token is in this answer and nowhere else, ever. */
export function deviceRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.get('/api/devices', async () => deps.store.listDevices());

  app.post('/api/devices', { config: { role: 'admin' } }, async (request, reply) => {
    const { label } = parseInput(RegisterDeviceInput, request.body, 'monitor registration');
    const token = newDeviceToken();
    const device = deps.store.createDevice(label, hashDeviceToken(token));
    audit(deps.store, currentUser(request), 'monitor-registered', null, { deviceId: device.id, label });
    const body: RegisteredDevice = { ...device, token };
    return reply.status(201).send(body);
  });
}
