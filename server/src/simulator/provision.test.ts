import { describe, expect, it } from 'vitest';
import { BindDeviceInput, CreateSessionInput, RegisterDeviceInput, type Session } from '@infusion/shared';
import { createPatientModel } from './physiology.js';
import { ProvisionError, provisionSessions, type FetchLike } from './provision.js';

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** An in-memory stand-in for the HTTP API, following its documented contract. */
function fakeApi(options: { requireCookie?: string } = {}): { fetch: FetchLike; calls: Call[]; sessions: Session[] } {
  const calls: Call[] = [];
  const sessions: Session[] = [];
  let devices = 0;
  const json = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body: unknown = JSON.parse(String(init.body));
    calls.push({ method: init.method ?? 'GET', path, headers, body });
    if (options.requireCookie && headers.cookie !== options.requireCookie) {
      return json(401, { code: 'unauthorized', message: 'sign in first' });
    }
    if (path === '/api/devices') {
      const { label } = RegisterDeviceInput.parse(body);
      devices++;
      return json(201, { id: `dev-${devices}`, label, createdAt: 1, token: `token-${devices}-0123456789abcdef` });
    }
    if (path === '/api/sessions') {
      const parsed = CreateSessionInput.safeParse(body);
      if (!parsed.success) return json(400, { code: 'invalid_payload', message: 'bad session', issues: [] });
      const input = parsed.data;
      const session: Session = {
        id: `ses-${sessions.length + 1}`,
        patient: { id: `pat-${input.patient.mrn}`, ...input.patient },
        location: input.location,
        state: input.state,
        protocolId: input.protocolId,
        deviceId: null,
        plannedDurationMin: input.plannedDurationMin,
        createdAt: 1,
        infusionStartedAt: input.state === 'infusing' ? 1 : null,
        endedAt: null,
        baseline: input.baseline,
      };
      sessions.push(session);
      return json(201, session);
    }
    const bind = /^\/api\/sessions\/([^/]+)\/device$/.exec(path);
    const session = sessions.find((s) => s.id === bind?.[1]);
    if (session) {
      session.deviceId = BindDeviceInput.parse(body).deviceId;
      return json(200, session);
    }
    return json(404, { code: 'not_found', message: `no route ${path}` });
  };
  return { fetch, calls, sessions };
}

describe('provisionSessions', () => {
  it('registers a monitor and opens a bound, infusing session per chair', async () => {
    const api = fakeApi();
    const chairs = await provisionSessions('http://sim.test/', 3, 7, api.fetch);

    expect(chairs).toHaveLength(3);
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/devices',
      'POST /api/sessions',
      'POST /api/sessions/ses-1/device',
      'POST /api/devices',
      'POST /api/sessions',
      'POST /api/sessions/ses-2/device',
      'POST /api/devices',
      'POST /api/sessions',
      'POST /api/sessions/ses-3/device',
    ]);
    chairs.forEach((chair, i) => {
      expect(chair.session.location).toBe(`Chair ${i + 1}`);
      expect(chair.session.state).toBe('infusing');
      expect(chair.session.deviceId).toBe(chair.device.id);
      expect(chair.device.token).toMatch(/^token-/);
      // The session baseline is what the simulated patient shows before the infusion.
      const model = createPatientModel(chair.model);
      expect(chair.session.baseline).toMatchObject({ hr: model.baseline.hr, sbp: model.baseline.sbp });
      expect(chair.model.infusionDurationSec).toBe(40 * 60);
    });
    expect(new Set(chairs.map((c) => c.session.patient.mrn)).size).toBe(3);
    expect(new Set(chairs.map((c) => c.model.seed)).size).toBe(3);
  });

  it('chooses the same patients for the same seed, and others for another seed', async () => {
    const patients = async (seed: number): Promise<string[]> =>
      (await provisionSessions('http://sim.test', 4, seed, fakeApi().fetch)).map(
        (c) => `${c.session.patient.mrn} ${c.session.patient.displayName} ${c.session.patient.weightKg}`,
      );
    expect(await patients(1)).toEqual(await patients(1));
    expect(await patients(1)).not.toEqual(await patients(2));
    for (const line of await patients(3)) expect(line).toMatch(/^\d{8} \S+ \S+ \d+(\.\d)?$/);
  });

  it('passes extra headers through, for authenticated deployments', async () => {
    const api = fakeApi({ requireCookie: 'sid=abc' });
    await provisionSessions('http://sim.test', 1, 1, api.fetch, { headers: { cookie: 'sid=abc' } });
    expect(api.calls.every((c) => c.headers.cookie === 'sid=abc')).toBe(true);
    expect(api.calls[0]?.headers['content-type']).toBe('application/json');
  });

  it('reports an API error with its status and code', async () => {
    const api = fakeApi({ requireCookie: 'sid=abc' });
    const failure = provisionSessions('http://sim.test', 1, 1, api.fetch);
    await expect(failure).rejects.toBeInstanceOf(ProvisionError);
    await expect(failure).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    await expect(failure).rejects.toThrow(/Registering the monitor for Chair 1 failed \(HTTP 401 unauthorized\)/);
  });

  it('reports an unreachable server', async () => {
    const down: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    await expect(provisionSessions('http://sim.test', 1, 1, down)).rejects.toMatchObject({
      status: null,
      message: expect.stringMatching(/cannot reach http:\/\/sim\.test/),
    });
  });
});
