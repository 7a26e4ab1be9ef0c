import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VITALS, type Reading, type SessionSummary } from '@infusion/shared';
import { startHarness, type Harness } from '../testing/harness.js';
import type { SeriesResponse } from './routes.js';

let h: Harness;
let sessionId: string;
let otherId: string;
const T0 = Date.now() - 20 * 60_000;
// HR at 1 Hz for 10 minutes: 70 throughout, with 30 s at 130 (above the medium limit of 120).
const hr = Array.from({ length: 600 }, (_, i) => (i >= 100 && i < 130 ? 130 : 70));

beforeAll(async () => {
  h = await startHarness();
  const device = await h.registerDevice();
  const session = await h.createSession({
    patient: { mrn: 'REV-001', displayName: 'Rita Review', weightKg: 64 },
    baseline: { hr: 70 },
  });
  sessionId = session.id;
  otherId = (await h.createSession({ patient: { mrn: 'OTH-002', displayName: 'Otto Other', weightKg: 80 } })).id;
  await h.bind(session.id, device.id);
  const socket = await h.device(device.token);
  for (let start = 0; start < hr.length; start += 200) {
    const readings = hr.slice(start, start + 200).map((value, j) => ({
      seq: start + j + 1,
      vital: 'hr',
      value,
      measuredAt: T0 + (start + j) * 1000,
    }));
    await socket.emitWithAck('readings:batch', { protocolVersion: 1, readings });
  }
  // One SpO2 of 75 alarms at once (immediate limit), whatever the alarm delays.
  await socket.emitWithAck('readings:batch', {
    protocolVersion: 1,
    readings: [{ seq: 1000, vital: 'spo2', value: 75, measuredAt: T0 + 600_000 }],
  });
  await h.request('POST', `/api/sessions/${session.id}/events`, {
    entry: { kind: 'side-effect', effect: 'nausea', severity: 'moderate' },
  });
  await h.request('POST', `/api/sessions/${session.id}/events`, {
    entry: {
      kind: 'intervention',
      action: 'medication-given',
      medication: { name: 'Ondansetron', dose: '4 mg', route: 'IV' },
    },
  });
  await h.request('POST', `/api/sessions/${session.id}/events`, {
    entry: { kind: 'intervention', action: 'oxygen-applied', oxygenLitresPerMin: 2 },
  });
});
afterAll(async () => {
  await h.close();
});

describe('session review', () => {
  it('finds sessions by patient and by "had a high-priority alarm"', async () => {
    const byName = (await h.request('GET', '/api/review/sessions?patient=rita')).body as { id: string }[];
    expect(byName.map((s) => s.id)).toEqual([sessionId]);
    const byMrn = (await h.request('GET', '/api/review/sessions?patient=OTH')).body as { id: string }[];
    expect(byMrn.map((s) => s.id)).toEqual([otherId]);
    const withAlarm = (await h.request('GET', '/api/review/sessions?hadHighAlarm=true')).body as { id: string }[];
    expect(withAlarm.map((s) => s.id)).toEqual([sessionId]);
    expect((await h.request('GET', '/api/review/sessions?hadHighAlarm=maybe')).status).toBe(400);
  });

  it('gives the summary figures of a session with known readings', async () => {
    const summary = (await h.request('GET', `/api/sessions/${sessionId}/summary`)).body as SessionSummary;
    expect(summary.vitals.filter((v) => v.vital === 'hr')).toEqual([
      {
        vital: 'hr',
        count: 600,
        min: 70,
        max: 130,
        mean: (70 * 570 + 130 * 30) / 600,
        baseline: 70,
        secondsBeyondMedium: 30,
        secondsBeyondHigh: 0,
      },
    ]);
    // The readings arrived in three bursts: alarm delays run on the server's clock, so only
    // the SpO2 crisis value (no delay) alarmed.
    expect(summary.alarmsByPriority).toEqual({ high: 1, medium: 0, low: 0 });
  });

  it('downsamples a long range to min/max buckets and gives exact readings when zoomed in', async () => {
    const full = (
      await h.request('GET', `/api/sessions/${sessionId}/series?from=${T0}&to=${T0 + 600_000}&maxPoints=60`)
    ).body as SeriesResponse;
    expect(full.downsampled).toBe(true);
    expect(full.series.hr).toHaveLength(60);
    expect(Math.max(...(full.series.hr ?? []).map((p) => p.max))).toBe(130);
    const zoom = (
      await h.request('GET', `/api/sessions/${sessionId}/series?from=${T0 + 95_000}&to=${T0 + 104_000}&maxPoints=60`)
    ).body as SeriesResponse;
    expect(zoom.downsampled).toBe(false);
    expect(zoom.series.hr?.map((p) => p.mean)).toEqual([70, 70, 70, 70, 70, 130, 130, 130, 130, 130]);
  });

  it('exports readings as CSV that parses back to the same readings', async () => {
    const res = await h.request('GET', `/api/sessions/${sessionId}/export/readings.csv`);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="session-REV-001-.*-readings.csv"/);
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    const stored = (await h.request('GET', `/api/sessions/${sessionId}/readings`)).body as Reading[];
    expect(
      rows.map((r) => [Number(r.reading_id), Date.parse(r.measured_at ?? ''), r.vital, Number(r.value), r.unit]),
    ).toEqual(stored.map((r) => [r.id, r.measuredAt, r.vital, r.value, VITALS[r.vital].ucum]));
  });

  it('exports alarms and charted entries on one timeline as CSV', async () => {
    const res = await h.request('GET', `/api/sessions/${sessionId}/export/events.csv`);
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['alarm', 'side-effect', 'intervention']));
    expect(rows.find((r) => r.kind === 'side-effect')).toMatchObject({
      description: 'Nausea (moderate)',
      by: 'Ada Admin',
    });
  });

  it('exports an HL7 FHIR R4 Bundle with the right resources, codes, units, references and times', async () => {
    const res = await h.request('GET', `/api/sessions/${sessionId}/export/fhir.json`);
    expect(res.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    const bundle = FhirBundle.parse(res.body);
    const byType = (t: string) => bundle.entry.filter((e) => e.resource.resourceType === t);
    expect(byType('Patient')).toHaveLength(1);
    expect(byType('Encounter')).toHaveLength(1);
    const patientRef = byType('Patient')[0]?.fullUrl;
    const encounterRef = byType('Encounter')[0]?.fullUrl;
    const vitals = bundle.entry.map((e) => VitalObservation.safeParse(e.resource)).filter((p) => p.success);
    expect(vitals).toHaveLength(601);
    for (const [i, p] of vitals.slice(0, 600).entries()) {
      const o = p.data;
      expect(o.code.coding[0]).toMatchObject({ system: 'http://loinc.org', code: VITALS.hr.loinc });
      expect(o.valueQuantity).toEqual({
        value: hr[i],
        unit: '/min',
        system: 'http://unitsofmeasure.org',
        code: '/min',
      });
      expect(o.subject.reference).toBe(patientRef);
      expect(o.encounter.reference).toBe(encounterRef);
      expect(Date.parse(o.effectiveDateTime)).toBe(T0 + i * 1000);
    }
    expect(byType('MedicationAdministration')).toHaveLength(1);
    expect(byType('MedicationAdministration')[0]?.resource).toMatchObject({
      medicationCodeableConcept: { text: 'Ondansetron' },
      context: { reference: encounterRef },
      dosage: { route: { text: 'IV' } },
    });
    expect(byType('Procedure').map((e) => (e.resource as { code: { text: string } }).code.text)).toEqual([
      'Oxygen 2 L/min',
    ]);
    expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(bundle.entry.length);
  });

  it('records every export in the session’s audit trail', async () => {
    const audit = (await h.request('GET', `/api/sessions/${sessionId}/audit`)).body as {
      action: string;
      details: { format: string };
    }[];
    expect(
      audit
        .filter((a) => a.action === 'record-exported')
        .map((a) => a.details.format)
        .sort(),
    ).toEqual(['events.csv', 'fhir.json', 'readings.csv']);
  });

  it('refuses exports of unknown sessions and bad ranges with clear errors', async () => {
    expect((await h.request('GET', '/api/sessions/nope/export/fhir.json')).status).toBe(404);
    expect((await h.request('GET', `/api/sessions/${sessionId}/series?from=10&to=5`)).status).toBe(400);
  });
});

// A structural validator of the FHIR R4 resources this export uses (enough to catch a wrong
// type, code system, unit or reference; not a full FHIR validator).
const Reference = z.object({ reference: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/) });
const Coding = z.object({
  system: z.string().url().or(z.string().startsWith('urn:')),
  code: z.string(),
  display: z.string().optional(),
});
const Instant = z.string().datetime();
const VitalObservation = z.object({
  resourceType: z.literal('Observation'),
  status: z.literal('final'),
  category: z.array(z.object({ coding: z.array(Coding.extend({ code: z.literal('vital-signs') })) })),
  code: z.object({
    coding: z.array(Coding.extend({ system: z.literal('http://loinc.org') })).min(1),
    text: z.string(),
  }),
  subject: Reference,
  encounter: Reference,
  effectiveDateTime: Instant,
  valueQuantity: z.object({
    value: z.number(),
    unit: z.string(),
    system: z.literal('http://unitsofmeasure.org'),
    code: z.string(),
  }),
});
const Resource = z.discriminatedUnion('resourceType', [
  z.object({
    resourceType: z.literal('Patient'),
    identifier: z.array(z.object({ system: z.string(), value: z.string() })),
  }),
  z.object({
    resourceType: z.literal('Encounter'),
    status: z.enum(['planned', 'in-progress', 'finished']),
    subject: Reference,
    period: z.object({ start: Instant, end: Instant.optional() }),
  }),
  z.object({
    resourceType: z.literal('Observation'),
    status: z.enum(['final', 'amended']),
    subject: Reference,
    effectiveDateTime: Instant,
  }),
  z.object({
    resourceType: z.literal('MedicationAdministration'),
    status: z.literal('completed'),
    subject: Reference,
    context: Reference,
    effectiveDateTime: Instant,
  }),
  z.object({
    resourceType: z.literal('Procedure'),
    status: z.literal('completed'),
    subject: Reference,
    encounter: Reference,
    performedDateTime: Instant,
  }),
]);
const FhirBundle = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('collection'),
  timestamp: Instant,
  entry: z.array(
    z.object({
      fullUrl: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/),
      resource: Resource.and(z.record(z.string(), z.unknown())),
    }),
  ),
});
