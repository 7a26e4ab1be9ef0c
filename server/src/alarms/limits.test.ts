import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, type AuditEntry, type ThresholdProfile } from '@infusion/shared';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let charge: { cookie: string };
beforeAll(async () => {
  h = await startHarness();
  charge = await h.signIn('charge', 'Carla Charge');
});
afterAll(async () => {
  await h.close();
});

const hrLimits = DEFAULT_PROFILE.vitals.hr;

describe('a charge nurse changing a session’s limits', () => {
  it('applies a change within safe bounds, and records who, what and why', async () => {
    const session = await h.createSession();
    const limits = { ...hrLimits, upper: { ...hrLimits?.upper, medium: { value: 130, inclusive: false } } };
    const res = await h.request(
      'PUT',
      `/api/sessions/${session.id}/limits`,
      { vital: 'hr', limits, reason: 'Known resting tachycardia, cardiology letter on file' },
      charge.cookie,
    );
    expect(res.status).toBe(200);
    expect((res.body as ThresholdProfile).vitals.hr?.upper.medium).toEqual({ value: 130, inclusive: false });
    const profile = (await h.request('GET', `/api/sessions/${session.id}/profile`)).body as ThresholdProfile;
    expect(profile.vitals.hr?.upper.medium?.value).toBe(130);
    // Other sessions keep the protocol's limits.
    const other = await h.createSession();
    const otherProfile = (await h.request('GET', `/api/sessions/${other.id}/profile`)).body as ThresholdProfile;
    expect(otherProfile.vitals.hr?.upper.medium?.value).toBe(120);
    const audit = (await h.request('GET', `/api/sessions/${session.id}/audit`)).body as AuditEntry[];
    expect(audit.find((a) => a.action === 'limits-changed')).toMatchObject({
      userName: 'Carla Charge',
      details: {
        vital: 'hr',
        reason: 'Known resting tachycardia, cardiology letter on file',
        after: { upper: { medium: { value: 130 } } },
      },
    });
  });

  it.each([
    [
      'outside the safe range',
      { lower: { medium: { value: 88 }, high: { value: 80 }, immediate: { value: 80 } } },
      'spo2',
      /outside the safe range 85–100/,
    ],
    [
      'a crisis limit',
      { lower: { medium: { value: 92 }, high: { value: 90 }, immediate: { value: 75 } } },
      'spo2',
      /crisis limit cannot be changed/,
    ],
    [
      'incoherent',
      { lower: { medium: { value: 88 }, high: { value: 90 }, immediate: { value: 80 } } },
      'spo2',
      /must be below the less urgent limit/,
    ],
  ])('refuses a change that is %s, changing nothing', async (_name, limits, vital, message) => {
    const session = await h.createSession();
    const res = await h.request(
      'PUT',
      `/api/sessions/${session.id}/limits`,
      { vital, limits: { delaySec: 15, hysteresis: 1, ...limits }, reason: 'Trying something' },
      charge.cookie,
    );
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toMatch(message);
    const profile = (await h.request('GET', `/api/sessions/${session.id}/profile`)).body as ThresholdProfile;
    expect(profile.vitals.spo2).toEqual(DEFAULT_PROFILE.vitals.spo2);
  });

  it('needs a reason', async () => {
    const session = await h.createSession();
    const res = await h.request(
      'PUT',
      `/api/sessions/${session.id}/limits`,
      { vital: 'hr', limits: hrLimits },
      charge.cookie,
    );
    expect(res).toMatchObject({ status: 400, body: { issues: [{ path: 'reason' }] } });
  });
});

describe('protocol profiles', () => {
  it('lets a charge nurse create a coherent named protocol, recorded with why, and refuses an incoherent one', async () => {
    const profile = { ...DEFAULT_PROFILE, name: 'Ketamine IV – cardiac history' };
    const ok = await h.request(
      'PUT',
      '/api/profiles/cardiac',
      {
        profile: {
          ...profile,
          vitals: { ...profile.vitals, hr: { ...hrLimits, upper: { medium: { value: 110 }, high: { value: 130 } } } },
        },
        reason: 'Site protocol for cardiac patients',
      },
      charge.cookie,
    );
    expect(ok).toMatchObject({
      status: 200,
      body: { id: 'cardiac', vitals: { hr: { upper: { medium: { value: 110 } } } } },
    });
    expect(((await h.request('GET', '/api/profiles')).body as { id: string }[]).map((p) => p.id)).toEqual([
      'cardiac',
      'default',
    ]);
    const bad = await h.request(
      'PUT',
      '/api/profiles/broken',
      {
        profile: { ...profile, vitals: { hr: { upper: { medium: { value: 150 }, high: { value: 130 } } } } },
        reason: 'Trying it out',
      },
      charge.cookie,
    );
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toMatch(/must be above the less urgent limit/);
    const audit = (await h.request('GET', '/api/audit')).body as { action: string; details: { protocolId?: string } }[];
    expect(audit.find((a) => a.action === 'protocol-created')?.details.protocolId).toBe('cardiac');
  });
});
