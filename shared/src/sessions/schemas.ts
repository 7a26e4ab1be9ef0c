import { z } from 'zod';
import { EpochMs } from '../readings/schemas.js';
import { VitalCode } from '../vitals/catalogue.js';
import { Checklist } from './lifecycle.js';

/** A patient, identified by the clinic's medical record number. */
export const Patient = z.object({
  id: z.string(),
  mrn: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  weightKg: z.number().positive().max(400).nullable(),
});
export type Patient = z.infer<typeof Patient>;

/** Where a session is in its life, from check-in to discharge. */
export const SESSION_STATES = [
  'scheduled',
  'pre-check',
  'infusing',
  'paused',
  'recovery',
  'discharged',
  'ended-early',
] as const;
export const SessionState = z.enum(SESSION_STATES);
export type SessionState = z.infer<typeof SessionState>;

/** States in which a bound monitor's readings are taken in and alarmed on. */
export const MONITORED_STATES: readonly SessionState[] = ['pre-check', 'infusing', 'paused', 'recovery'];

/** Whether readings are taken in for a session in this state. */
export function isMonitored(state: SessionState): boolean {
  return MONITORED_STATES.includes(state);
}

/** Pre-infusion baseline per vital (mean of the readings taken before the infusion). */
export const Baseline = z.partialRecord(VitalCode, z.number());
export type Baseline = z.infer<typeof Baseline>;

/** Where the patient is in their treatment course. */
export const Course = z.object({
  phase: z.enum(['induction', 'maintenance']),
  /** This infusion's number within the current series, e.g. 3 of 6. */
  infusionNumber: z.number().int().min(1).max(100),
  seriesSize: z.number().int().min(1).max(100).nullable(),
});
export type Course = z.infer<typeof Course>;

/** One infusion session of one patient in one chair. */
export const Session = z.object({
  id: z.string(),
  patient: Patient,
  /** Chair or room, as the ward names it. */
  location: z.string().min(1).max(40),
  state: SessionState,
  protocolId: z.string(),
  /** Monitor bound to this chair, if any. */
  deviceId: z.string().nullable(),
  plannedDurationMin: z.number().int().min(1).max(600),
  createdAt: EpochMs,
  infusionStartedAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  baseline: Baseline,
  recoveryStartedAt: EpochMs.nullable().default(null),
  doseMgPerKg: z.number().positive().max(5).nullable().default(null),
  rateMgPerKgPerHour: z.number().positive().max(10).nullable().default(null),
  course: Course.nullable().default(null),
  checklist: Checklist.default({ consent: false, fasting: false, transportHome: false, baselineVitals: false }),
});
export type Session = z.infer<typeof Session>;

/** Request to create a session (and its patient, if the record number is new). */
export const CreateSessionInput = z.object({
  patient: z.object({
    mrn: z.string().trim().min(1).max(64),
    displayName: z.string().trim().min(1).max(120),
    weightKg: z.number().positive().max(400).nullable().default(null),
  }),
  location: z.string().trim().min(1).max(40),
  protocolId: z.string().min(1).default('default'),
  plannedDurationMin: z.number().int().min(1).max(600).default(40),
  state: z.enum(['scheduled', 'pre-check', 'infusing']).default('scheduled'),
  baseline: Baseline.default({}),
  doseMgPerKg: z.number().positive().max(5).nullable().default(null),
  rateMgPerKgPerHour: z.number().positive().max(10).nullable().default(null),
  course: Course.nullable().default(null),
});
export type CreateSessionInput = z.input<typeof CreateSessionInput>;

/** Request to bind a registered monitor to a session's chair. */
export const BindDeviceInput = z.object({ deviceId: z.string().min(1).max(64) });
export type BindDeviceInput = z.infer<typeof BindDeviceInput>;

/** Request to register a monitor. The token comes back once and is stored only hashed. */
export const RegisterDeviceInput = z.object({
  label: z.string().trim().min(1).max(80),
});
export type RegisterDeviceInput = z.infer<typeof RegisterDeviceInput>;

/** A registered monitor, as listed (never with its token). */
export const Device = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: EpochMs,
});
export type Device = z.infer<typeof Device>;

/** Answer to a device registration: the only time the token is ever shown. */
export const RegisteredDevice = Device.extend({ token: z.string() });
export type RegisteredDevice = z.infer<typeof RegisteredDevice>;
