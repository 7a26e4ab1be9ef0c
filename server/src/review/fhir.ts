import { randomUUID } from 'node:crypto';
import { VITALS, describeEntry, type ClinicalEvent, type Reading, type Session } from '@infusion/shared';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const LOCAL_CODES = 'urn:infusion-monitor:codes';

const iso = (ms: number): string => new Date(ms).toISOString();

function readingObservation(r: Reading, patientRef: string, encounterRef: string): Record<string, unknown> {
  const info = VITALS[r.vital];
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          info.loinc
            ? { system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }
            : { system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' },
        ],
      },
    ],
    code: {
      coding: [
        info.loinc
          ? { system: LOINC, code: info.loinc, display: info.name }
          : { system: LOCAL_CODES, code: r.vital, display: info.name },
      ],
      text: info.name,
    },
    subject: { reference: patientRef },
    encounter: { reference: encounterRef },
    effectiveDateTime: iso(r.measuredAt),
    issued: iso(r.receivedAt),
    valueQuantity: { value: r.value, unit: info.unit, system: UCUM, code: info.ucum },
    ...(r.source === 'manual' && r.enteredBy ? { performer: [{ display: r.enteredBy }] } : {}),
    ...(r.deviceId ? { device: { display: `monitor ${r.deviceId}` } } : {}),
  };
}

function eventResource(e: ClinicalEvent, patientRef: string, encounterRef: string): Record<string, unknown> | null {
  const entry = e.entry;
  const text = describeEntry(entry);
  const note = e.amends ? [{ text: `Corrects entry ${e.amends.eventId}: ${e.amends.reason}` }] : undefined;
  const common = { subject: { reference: patientRef }, ...(note ? { note } : {}) };
  switch (entry.kind) {
    case 'side-effect':
    case 'score':
    case 'note':
      return {
        resourceType: 'Observation',
        status: e.amends ? 'amended' : 'final',
        category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }],
        code: {
          coding: [
            {
              system: LOCAL_CODES,
              code:
                entry.kind === 'side-effect' ? entry.effect : entry.kind === 'score' ? `score-${entry.scale}` : 'note',
            },
          ],
          text,
        },
        ...common,
        encounter: { reference: encounterRef },
        effectiveDateTime: iso(e.occurredAt),
        issued: iso(e.chartedAt),
        performer: [{ display: e.chartedBy }],
        ...(entry.kind === 'side-effect' ? { valueCodeableConcept: { text: entry.severity } } : {}),
        ...(entry.kind === 'score' ? { valueInteger: entry.value } : {}),
        ...(entry.kind === 'note' ? { valueString: entry.text } : {}),
      };
    case 'intervention':
      if (entry.action === 'medication-given' && entry.medication) {
        return {
          resourceType: 'MedicationAdministration',
          status: 'completed',
          medicationCodeableConcept: { text: entry.medication.name },
          ...common,
          context: { reference: encounterRef },
          effectiveDateTime: iso(e.occurredAt),
          performer: [{ actor: { display: e.chartedBy } }],
          dosage: {
            text: `${entry.medication.dose} ${entry.medication.route}`,
            route: { text: entry.medication.route },
          },
        };
      }
      return {
        resourceType: 'Procedure',
        status: 'completed',
        code: { coding: [{ system: LOCAL_CODES, code: entry.action }], text },
        ...common,
        encounter: { reference: encounterRef },
        performedDateTime: iso(e.occurredAt),
        performer: [{ actor: { display: e.chartedBy } }],
      };
    case 'lifecycle':
      // Lifecycle steps are carried by the Encounter's period and the audit trail.
      return null;
  }
}

/**
 * The session as an HL7 FHIR R4 Bundle (type collection): Patient, Encounter, one vital-signs
 * Observation per reading (LOINC codes, UCUM units), and the charted events as Observations,
 * MedicationAdministrations and Procedures. Yielded in pieces so a long session streams.
 */
export function* fhirBundle(
  session: Session,
  readings: Iterable<Reading>,
  events: readonly ClinicalEvent[],
  now: number,
): Generator<string> {
  const patientRef = `urn:uuid:${session.patient.id}`;
  const encounterRef = `urn:uuid:${session.id}`;
  const patient = {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:infusion-monitor:mrn', value: session.patient.mrn }],
    name: [{ text: session.patient.displayName }],
  };
  const finished = session.state === 'discharged' || session.state === 'ended-early';
  const encounter = {
    resourceType: 'Encounter',
    status: finished ? 'finished' : session.state === 'scheduled' ? 'planned' : 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: { reference: patientRef },
    period: {
      start: iso(session.infusionStartedAt ?? session.createdAt),
      ...(session.endedAt ? { end: iso(session.endedAt) } : {}),
    },
    location: [{ location: { display: session.location } }],
  };
  yield `{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(iso(now))},"entry":[`;
  yield JSON.stringify({ fullUrl: patientRef, resource: patient });
  yield `,${JSON.stringify({ fullUrl: encounterRef, resource: encounter })}`;
  for (const r of readings) {
    yield `,${JSON.stringify({ fullUrl: `urn:uuid:${randomUUID()}`, resource: readingObservation(r, patientRef, encounterRef) })}`;
  }
  for (const e of events) {
    const resource = eventResource(e, patientRef, encounterRef);
    if (resource) yield `,${JSON.stringify({ fullUrl: `urn:uuid:${randomUUID()}`, resource })}`;
  }
  yield ']}';
}
