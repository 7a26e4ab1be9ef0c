import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmEvent, ClinicalEvent, Session } from '@infusion/shared';
import { nextEvent, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let nurse: { cookie: string };
beforeAll(async () => {
  h = await startHarness();
  nurse = await h.signIn('nurse', 'Nora Nurse');
});
afterAll(async () => {
  await h.close();
});

const transition = (id: string, body: unknown) =>
  h.request('POST', `/api/sessions/${id}/transition`, body, nurse.cookie);

describe('session lifecycle over HTTP', () => {
  it('walks a session from check-in to discharge, refusing illegal steps with a clear error', async () => {
    const session = await h.createSession({ state: 'scheduled', baseline: {} });
    expect(await transition(session.id, { to: 'recovery' })).toMatchObject({
      status: 409,
      body: {
        code: 'illegal_transition',
        message: 'a session cannot go from scheduled to recovery; from scheduled it can go to pre-check, ended-early',
      },
    });
    expect(await transition(session.id, { to: 'pre-check' })).toMatchObject({
      status: 200,
      body: { state: 'pre-check' },
    });
    const early = await transition(session.id, { to: 'infusing' });
    expect(early).toMatchObject({ status: 409, body: { code: 'illegal_transition' } });
    expect((early.body as { message: string }).message).toContain('Consent signed');

    // Baseline vitals typed in during the pre-check become the session's baseline.
    for (const value of [118, 122]) {
      expect(
        (await h.request('POST', `/api/sessions/${session.id}/readings`, { vital: 'sbp', value }, nurse.cookie)).status,
      ).toBe(201);
    }
    const checklist = { consent: true, fasting: true, transportHome: true, baselineVitals: true };
    expect((await h.request('PUT', `/api/sessions/${session.id}/checklist`, checklist, nurse.cookie)).status).toBe(200);
    const started = await transition(session.id, { to: 'infusing' });
    expect(started).toMatchObject({ status: 200, body: { state: 'infusing', baseline: { sbp: 120 } } });
    expect((started.body as Session).infusionStartedAt).not.toBeNull();

    expect(await transition(session.id, { to: 'paused' })).toMatchObject({ body: { state: 'paused' } });
    expect(await transition(session.id, { to: 'infusing' })).toMatchObject({ body: { state: 'infusing' } });
    expect(await transition(session.id, { to: 'recovery' })).toMatchObject({ body: { state: 'recovery' } });

    const notReady = await transition(session.id, {
      to: 'discharged',
      aldrete: { activity: 2, breathing: 2, circulation: 2, consciousness: 2, spo2: 2 },
    });
    expect(notReady).toMatchObject({ status: 409 });
    expect((notReady.body as { message: string }).message).toMatch(/recovery 0 min < minimum 30 min.*Give a reason/);

    const overridden = await transition(session.id, {
      to: 'discharged',
      aldrete: { activity: 2, breathing: 2, circulation: 2, consciousness: 2, spo2: 2 },
      reason: 'Alert, vitals at baseline; physician reviewed',
    });
    expect(overridden).toMatchObject({ status: 200, body: { state: 'discharged' } });
    expect(await transition(session.id, { to: 'infusing' })).toMatchObject({ status: 409 });

    const events = (await h.request('GET', `/api/sessions/${session.id}/events`)).body as ClinicalEvent[];
    expect(events.map((e) => e.entry.kind === 'lifecycle' && e.entry.to)).toEqual([
      'pre-check',
      'infusing',
      'paused',
      'infusing',
      'recovery',
      'discharged',
    ]);
    expect(events.at(-1)?.entry).toMatchObject({ reason: expect.stringContaining('criteria not met') });
    expect(events.every((e) => e.chartedBy === 'Nora Nurse')).toBe(true);
    const audit = (await h.request('GET', `/api/sessions/${session.id}/audit`)).body as { action: string }[];
    expect(audit.filter((a) => a.action === 'state-changed')).toHaveLength(6);
  });

  it('needs a reason to end a session early', async () => {
    const session = await h.createSession({ state: 'infusing' });
    expect(await transition(session.id, { to: 'ended-early' })).toMatchObject({
      status: 400,
      body: { issues: [{ path: 'reason' }] },
    });
    expect(await transition(session.id, { to: 'ended-early', reason: 'Patient asked to stop' })).toMatchObject({
      status: 200,
      body: { state: 'ended-early' },
    });
  });
});

describe('charting at the chair', () => {
  it('charts side effects, scores and interventions, live to other screens, and never overwrites', async () => {
    const session = await h.createSession({ state: 'infusing' });
    const other = await h.dashboard();
    await other.emitWithAck('session:watch', { sessionId: session.id });
    const seen = nextEvent<ClinicalEvent>(other, 'clinical:event');
    const nausea = await h.request(
      'POST',
      `/api/sessions/${session.id}/events`,
      { entry: { kind: 'side-effect', effect: 'nausea', severity: 'moderate' }, occurredAt: Date.now() - 5 * 60_000 },
      nurse.cookie,
    );
    expect(nausea.status).toBe(201);
    expect(await seen).toMatchObject({ entry: { effect: 'nausea' }, chartedBy: 'Nora Nurse' });

    const med = await h.request(
      'POST',
      `/api/sessions/${session.id}/events`,
      {
        entry: {
          kind: 'intervention',
          action: 'medication-given',
          medication: { name: 'Ondansetron', dose: '4 mg', route: 'IV' },
        },
      },
      nurse.cookie,
    );
    expect(med.status).toBe(201);
    const correction = await h.request(
      'POST',
      `/api/sessions/${session.id}/events`,
      {
        entry: { kind: 'side-effect', effect: 'nausea', severity: 'mild' },
        amends: { eventId: (nausea.body as ClinicalEvent).id, reason: 'Graded too high' },
      },
      nurse.cookie,
    );
    expect(correction).toMatchObject({ status: 201, body: { amends: { reason: 'Graded too high' } } });
    const events = (await h.request('GET', `/api/sessions/${session.id}/events`)).body as ClinicalEvent[];
    expect(events.map((e) => e.entry.kind)).toEqual(['side-effect', 'intervention', 'side-effect']);
    expect(events[0]).toMatchObject({ entry: { severity: 'moderate' } });
  });

  it('refuses entries dated in the future or more than 30 minutes back, and unknown corrections', async () => {
    const session = await h.createSession({ state: 'infusing' });
    const post = (body: unknown) => h.request('POST', `/api/sessions/${session.id}/events`, body, nurse.cookie);
    const entry = { kind: 'note', text: 'Resting comfortably' };
    expect(await post({ entry, occurredAt: Date.now() + 10 * 60_000 })).toMatchObject({ status: 400 });
    expect(await post({ entry, occurredAt: Date.now() - 40 * 60_000 })).toMatchObject({ status: 400 });
    expect(await post({ entry, amends: { eventId: 999999, reason: 'typo fix' } })).toMatchObject({ status: 404 });
    expect((await h.request('GET', `/api/sessions/${session.id}/events`)).body).toEqual([]);
  });

  it('takes a manual cuff pressure through the same alarm pipeline, attributed to the nurse', async () => {
    const session = await h.createSession({ state: 'infusing' });
    const dashboard = await h.dashboard();
    await dashboard.emitWithAck('session:watch', { sessionId: session.id });
    const alarm = nextEvent<AlarmEvent>(dashboard, 'alarm:event', (e) => e.type === 'raised');
    const res = await h.request(
      'POST',
      `/api/sessions/${session.id}/readings`,
      { vital: 'sbp', value: 205 },
      nurse.cookie,
    );
    expect(res).toMatchObject({ status: 201, body: { source: 'manual', enteredBy: 'Nora Nurse', value: 205 } });
    expect((await alarm).alarm).toMatchObject({ priority: 'high', message: 'SBP 205 ≥ 200' });
    expect(
      await h.request('POST', `/api/sessions/${session.id}/readings`, { vital: 'sbp', value: 999 }, nurse.cookie),
    ).toMatchObject({ status: 400, body: { message: 'SBP 999 is outside the plausible range 40–300 mmHg' } });
  });

  it('turns a MOAA/S score into a reading the alarm engine sees', async () => {
    const session = await h.createSession({ state: 'infusing' });
    const dashboard = await h.dashboard();
    await dashboard.emitWithAck('session:watch', { sessionId: session.id });
    const alarm = nextEvent<AlarmEvent>(dashboard, 'alarm:event', (e) => e.alarm.vital === 'moaas');
    await h.request(
      'POST',
      `/api/sessions/${session.id}/events`,
      { entry: { kind: 'score', scale: 'moaas', value: 1 } },
      nurse.cookie,
    );
    expect((await alarm).alarm).toMatchObject({ priority: 'high', message: 'MOAA/S 1 ≤ 1' });
  });
});

describe('corrections and rate changes', () => {
  it('updates the session rate when a rate change is charted', async () => {
    const session = await h.createSession({ state: 'infusing' });
    const res = await h.request(
      'POST',
      `/api/sessions/${session.id}/events`,
      { entry: { kind: 'intervention', action: 'rate-changed', rateMgPerKgPerHour: 0.5 } },
      nurse.cookie,
    );
    expect(res.status).toBe(201);
    expect((await h.request('GET', `/api/sessions/${session.id}`)).body).toMatchObject({ rateMgPerKgPerHour: 0.5 });
  });

  it('lists the named protocols', async () => {
    const profiles = (await h.request('GET', '/api/profiles')).body as { id: string }[];
    expect(profiles.map((p) => p.id)).toEqual(['default']);
  });
});
