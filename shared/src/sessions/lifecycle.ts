import { z } from 'zod';
import type { SessionState } from './schemas.js';

/**
 * The session's life: scheduled → pre-check → infusing ⇄ paused → recovery → discharged,
 * or ended early (with a reason) from any state before discharge.
 */
export const TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  scheduled: ['pre-check', 'ended-early'],
  'pre-check': ['infusing', 'ended-early'],
  infusing: ['paused', 'recovery', 'ended-early'],
  paused: ['infusing', 'recovery', 'ended-early'],
  recovery: ['discharged', 'ended-early'],
  discharged: [],
  'ended-early': [],
};

/** The pre-infusion checklist; every item must be ticked before the infusion starts. */
export const Checklist = z.object({
  consent: z.boolean().default(false),
  fasting: z.boolean().default(false),
  transportHome: z.boolean().default(false),
  baselineVitals: z.boolean().default(false),
});
export type Checklist = z.infer<typeof Checklist>;

export const CHECKLIST_LABELS: Readonly<Record<keyof Checklist, string>> = {
  consent: 'Consent signed',
  fasting: 'Fasting confirmed',
  transportHome: 'Transport home arranged',
  baselineVitals: 'Baseline vitals taken',
};

/** Modified Aldrete score: five criteria scored 0-2; 9 or more is ready for discharge. */
export const AldreteScore = z.object({
  activity: z.number().int().min(0).max(2),
  breathing: z.number().int().min(0).max(2),
  circulation: z.number().int().min(0).max(2),
  consciousness: z.number().int().min(0).max(2),
  spo2: z.number().int().min(0).max(2),
});
export type AldreteScore = z.infer<typeof AldreteScore>;

export const ALDRETE_DISCHARGE_MIN = 9;

/** A request to move a session to another state. */
export const TransitionInput = z.object({
  to: z.enum(['pre-check', 'infusing', 'paused', 'recovery', 'discharged', 'ended-early']),
  /** Needed to end early, and to discharge against the criteria. */
  reason: z.string().trim().min(3).max(500).optional(),
  /** Needed to discharge. */
  aldrete: AldreteScore.optional(),
});
export type TransitionInput = z.infer<typeof TransitionInput>;

/** Whether the lifecycle allows moving from one state to another. */
export function canTransition(from: SessionState, to: SessionState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** What the discharge check found: ready, or the reasons it is not (an override needs a reason). */
export interface DischargeReadiness {
  ready: boolean;
  problems: string[];
  aldreteTotal: number | null;
  recoveryMinutes: number;
}

/**
 * Checks the discharge criteria: modified Aldrete ≥ 9, the protocol's minimum recovery time,
 * and systolic pressure back within 20 % of baseline. Pure: time is a parameter.
 */
export function dischargeReadiness(input: {
  aldrete: AldreteScore | undefined;
  recoveryStartedAt: number | null;
  now: number;
  minRecoveryMin: number;
  baselineSbp: number | undefined;
  latestSbp: number | undefined;
}): DischargeReadiness {
  const problems: string[] = [];
  const aldreteTotal = input.aldrete ? Object.values(input.aldrete).reduce((a, b) => a + b, 0) : null;
  if (aldreteTotal === null) problems.push('modified Aldrete score not recorded');
  else if (aldreteTotal < ALDRETE_DISCHARGE_MIN) {
    problems.push(`modified Aldrete ${aldreteTotal} < ${ALDRETE_DISCHARGE_MIN}`);
  }
  const recoveryMinutes = input.recoveryStartedAt === null ? 0 : (input.now - input.recoveryStartedAt) / 60_000;
  if (recoveryMinutes < input.minRecoveryMin) {
    problems.push(`recovery ${Math.floor(recoveryMinutes)} min < minimum ${input.minRecoveryMin} min`);
  }
  if (input.baselineSbp !== undefined && input.latestSbp !== undefined) {
    const change = Math.abs(input.latestSbp - input.baselineSbp) / input.baselineSbp;
    if (change > 0.2) {
      problems.push(`SBP ${input.latestSbp} not within 20 % of baseline ${input.baselineSbp}`);
    }
  }
  return { ready: problems.length === 0, problems, aldreteTotal, recoveryMinutes };
}
