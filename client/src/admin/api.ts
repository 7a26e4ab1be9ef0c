import { AuditEntry, Device, RegisteredDevice, User, type CreateUserInput } from '@infusion/shared';
import { z } from 'zod';
import { getJson } from '../api/http';
import { sendJson } from '../charting/request';

export function fetchUsers(signal?: AbortSignal): Promise<User[]> {
  return getJson('/api/users', z.array(User), signal);
}

/** Creates an account. Throws `RequestFailure` with the server's field issues when refused. */
export function createUser(input: CreateUserInput): Promise<User> {
  return sendJson('POST', '/api/users', input, User);
}

export function fetchDevices(signal?: AbortSignal): Promise<Device[]> {
  return getJson('/api/devices', z.array(Device), signal);
}

/** Registers a monitor; the answer holds its token, the only time it is ever shown. */
export function registerDevice(label: string): Promise<RegisteredDevice> {
  return sendJson('POST', '/api/devices', { label }, RegisteredDevice);
}

/** The latest entries of the whole audit log (the server sends up to 1000). */
export function fetchAudit(signal?: AbortSignal): Promise<AuditEntry[]> {
  return getJson('/api/audit', z.array(AuditEntry), signal);
}
