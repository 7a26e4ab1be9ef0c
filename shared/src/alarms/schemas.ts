import { z } from 'zod';
import { EpochMs } from '../readings/schemas.js';
import { VitalCode } from '../vitals/catalogue.js';

/** Alarm priority (IEC 60601-1-8): high = red "***", medium = yellow "**", low = "*". */
export const AlarmPriority = z.enum(['low', 'medium', 'high']);

/** Physiological (the patient) or technical (the equipment, or a protocol reminder). */
export const AlarmKind = z.enum(['physiological', 'technical']);
export type AlarmKind = z.infer<typeof AlarmKind>;

/**
 * `active`: the condition holds. `latched`: a high-priority condition has ended but the
 * alarm stays until someone acknowledges it.
 */
export const AlarmState = z.enum(['active', 'latched']);
export type AlarmState = z.infer<typeof AlarmState>;

/** An alarm as dashboards show it. */
export const Alarm = z.object({
  id: z.string(),
  sessionId: z.string(),
  /** What is alarming, e.g. `spo2.limit`, `sbp.baseline`, `spo2.no-data`, `device.disconnected`. */
  condition: z.string(),
  kind: AlarmKind,
  vital: VitalCode.nullable(),
  priority: AlarmPriority,
  /** e.g. "SpO2 87 < 90". Names the vital, the value and the limit crossed. */
  message: z.string(),
  /** Latest value of the vital while the condition holds. */
  value: z.number().nullable(),
  state: AlarmState,
  raisedAt: EpochMs,
  acknowledgedAt: EpochMs.nullable(),
  acknowledgedBy: z.string().nullable(),
  audioPausedUntil: EpochMs.nullable(),
  audioPausedBy: z.string().nullable(),
  escalatedAt: EpochMs.nullable(),
});
export type Alarm = z.infer<typeof Alarm>;

/** Something that happened to an alarm; every one is stored and broadcast. */
export const AlarmEventType = z.enum([
  'raised',
  'priority-raised',
  'escalated',
  'acknowledged',
  'audio-paused',
  'audio-resumed',
  'condition-ended',
  'cleared',
]);
export type AlarmEventType = z.infer<typeof AlarmEventType>;

/** An alarm event with the alarm as it stood right after it. */
export const AlarmEvent = z.object({
  type: AlarmEventType,
  at: EpochMs,
  /** User who caused it (acknowledge, audio pause), null for the engine's own events. */
  by: z.string().nullable(),
  alarm: Alarm,
});
export type AlarmEvent = z.infer<typeof AlarmEvent>;

/** A nurse acknowledging an alarm from a dashboard. */
export const AcknowledgeAlarmInput = z.object({
  sessionId: z.string().min(1).max(64),
  alarmId: z.string().min(1).max(200),
});
export type AcknowledgeAlarmInput = z.infer<typeof AcknowledgeAlarmInput>;

/** A nurse pausing the audio of one alarm, or of all of a session's alarms. */
export const PauseAudioInput = z.object({
  sessionId: z.string().min(1).max(64),
  alarmId: z.string().min(1).max(200).optional(),
});
export type PauseAudioInput = z.infer<typeof PauseAudioInput>;
