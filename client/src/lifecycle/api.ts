import { Device, Session, type Checklist, type CreateSessionInput, type TransitionInput } from '@infusion/shared';
import { z } from 'zod';
import { sendJson } from '../charting/request';

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

export function createSession(input: CreateSessionInput): Promise<Session> {
  return sendJson('POST', '/api/sessions', input, Session);
}

/** Moves the session on; the server refuses an illegal step with 409 and says why. */
export function transitionSession(sessionId: string, input: TransitionInput): Promise<Session> {
  return sendJson('POST', `${sessionPath(sessionId)}/transition`, input, Session);
}

export function saveChecklist(sessionId: string, checklist: Checklist): Promise<Session> {
  return sendJson('PUT', `${sessionPath(sessionId)}/checklist`, checklist, Session);
}

export function bindMonitor(sessionId: string, deviceId: string): Promise<Session> {
  return sendJson('POST', `${sessionPath(sessionId)}/device`, { deviceId }, Session);
}

export function fetchDevices(signal?: AbortSignal): Promise<Device[]> {
  return sendJson('GET', '/api/devices', undefined, z.array(Device), signal);
}

/** The patient's sessions in order: the course so far. */
export function fetchPatientSessions(patientId: string, signal?: AbortSignal): Promise<Session[]> {
  return sendJson(
    'GET',
    `/api/patients/${encodeURIComponent(patientId)}/sessions`,
    undefined,
    z.array(Session),
    signal,
  );
}
