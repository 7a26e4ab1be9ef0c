import type { Store } from './store.js';

/**
 * For the store's tests: a monitor, a patient and an infusing session bound to it, made
 * through the store as the server makes them, so readings have real rows to name.
 */
export function seedChair(
  store: Store,
  { chair = 1, at = 1_000 }: { chair?: number; at?: number } = {},
): { session: string; device: string } {
  const device = store.createDevice(`Chair ${chair} monitor`, `token-hash-${chair}`);
  const patient = store.upsertPatient({ mrn: `M-${chair}`, displayName: 'Pat Patient', weightKg: 70 });
  const session = store.createSession({
    patientId: patient.id,
    location: `Chair ${chair}`,
    state: 'infusing',
    protocolId: 'default',
    deviceId: device.id,
    plannedDurationMin: 40,
    createdAt: at,
    infusionStartedAt: at,
    endedAt: null,
    baseline: {},
    recoveryStartedAt: null,
    doseMgPerKg: 0.5,
    rateMgPerKgPerHour: 0.75,
    course: null,
    checklist: { consent: true, fasting: true, transportHome: true, baselineVitals: true },
  });
  return { session: session.id, device: device.id };
}
