import { z } from 'zod';
import { EpochMs } from '../readings/schemas.js';
import { SessionState } from '../sessions/schemas.js';

/** Known side effects of ketamine a nurse charts. */
export const SIDE_EFFECTS = [
  'nausea',
  'vomiting',
  'dizziness',
  'dissociation',
  'sedation',
  'headache',
  'double-vision',
  'agitation',
  'anxiety',
  'raised-blood-pressure',
  'elevated-mood',
] as const;
export const SideEffect = z.enum(SIDE_EFFECTS);
export type SideEffect = z.infer<typeof SideEffect>;

export const Severity = z.enum(['mild', 'moderate', 'severe']);
export type Severity = z.infer<typeof Severity>;

/** Rating scales a nurse charts. MOAA/S is 0-5 (5 = alert); the others are 0-10. */
export const SCORE_SCALES = ['moaas', 'mood', 'pain', 'anxiety', 'nausea', 'dissociation'] as const;
export const ScoreScale = z.enum(SCORE_SCALES);
export type ScoreScale = z.infer<typeof ScoreScale>;

export const MEDICATION_ROUTES = ['IV', 'IM', 'PO', 'SL', 'SC', 'inhaled'] as const;

/** How far back a nurse may date an entry: she charts what she saw a few minutes ago. */
export const MAX_BACKDATE_MS = 30 * 60_000;

/** What a nurse charts, by kind. */
export const ClinicalEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('side-effect'), effect: SideEffect, severity: Severity }),
  z
    .object({ kind: z.literal('score'), scale: ScoreScale, value: z.number().int().min(0).max(10) })
    .refine((s) => s.scale !== 'moaas' || s.value <= 5, { message: 'MOAA/S is scored 0-5', path: ['value'] }),
  z.object({
    kind: z.literal('intervention'),
    action: z.enum(['rate-changed', 'medication-given', 'oxygen-applied', 'other']),
    /** New rate (mg/kg/h) for a rate change. */
    rateMgPerKgPerHour: z.number().positive().max(10).optional(),
    medication: z
      .object({
        name: z.string().trim().min(1).max(80),
        dose: z.string().trim().min(1).max(40),
        route: z.enum(MEDICATION_ROUTES),
      })
      .optional(),
    oxygenLitresPerMin: z.number().positive().max(15).optional(),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ kind: z.literal('note'), text: z.string().trim().min(1).max(1000) }),
  /** Written by the server when the session changes state; never charted directly. */
  z.object({
    kind: z.literal('lifecycle'),
    from: SessionState,
    to: SessionState,
    reason: z.string().max(500).optional(),
  }),
]);
export type ClinicalEntry = z.infer<typeof ClinicalEntry>;

/** A nurse's charting request. A correction names the entry it amends, and why. */
export const ChartEntryInput = z
  .object({
    entry: ClinicalEntry,
    /** When it happened; defaults to now; may be back-dated up to 30 minutes. */
    occurredAt: EpochMs.optional(),
    amends: z.object({ eventId: z.number().int().positive(), reason: z.string().trim().min(3).max(500) }).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.entry.kind === 'lifecycle') {
      ctx.addIssue({ code: 'custom', path: ['entry', 'kind'], message: 'lifecycle steps are made by changing state' });
    }
    const e = input.entry;
    if (e.kind === 'intervention') {
      if (e.action === 'medication-given' && !e.medication) {
        ctx.addIssue({ code: 'custom', path: ['entry', 'medication'], message: 'name, dose and route are needed' });
      }
      if (e.action === 'rate-changed' && e.rateMgPerKgPerHour === undefined) {
        ctx.addIssue({ code: 'custom', path: ['entry', 'rateMgPerKgPerHour'], message: 'the new rate is needed' });
      }
      if (e.action === 'oxygen-applied' && e.oxygenLitresPerMin === undefined) {
        ctx.addIssue({ code: 'custom', path: ['entry', 'oxygenLitresPerMin'], message: 'the flow (L/min) is needed' });
      }
    }
  });
export type ChartEntryInput = z.infer<typeof ChartEntryInput>;

/** A charted entry as stored: never changed or deleted; corrections are new entries. */
export const ClinicalEvent = z.object({
  id: z.number().int().positive(),
  sessionId: z.string(),
  entry: ClinicalEntry,
  occurredAt: EpochMs,
  chartedAt: EpochMs,
  chartedBy: z.string(),
  chartedById: z.string().nullable(),
  amends: z.object({ eventId: z.number().int().positive(), reason: z.string() }).nullable(),
});
export type ClinicalEvent = z.infer<typeof ClinicalEvent>;

const SIDE_EFFECT_LABELS: Readonly<Record<SideEffect, string>> = {
  nausea: 'Nausea',
  vomiting: 'Vomiting',
  dizziness: 'Dizziness',
  dissociation: 'Dissociation',
  sedation: 'Sedation',
  headache: 'Headache',
  'double-vision': 'Double vision',
  agitation: 'Agitation',
  anxiety: 'Anxiety',
  'raised-blood-pressure': 'Raised blood pressure',
  'elevated-mood': 'Elevated mood',
};

const SCALE_LABELS: Readonly<Record<ScoreScale, string>> = {
  moaas: 'MOAA/S',
  mood: 'Mood',
  pain: 'Pain',
  anxiety: 'Anxiety',
  nausea: 'Nausea',
  dissociation: 'Dissociation',
};

/** One line a nurse reads in the timeline, e.g. "Nausea (moderate)" or "Ondansetron 4 mg IV". */
export function describeEntry(entry: ClinicalEntry): string {
  switch (entry.kind) {
    case 'side-effect':
      return `${SIDE_EFFECT_LABELS[entry.effect]} (${entry.severity})`;
    case 'score':
      return `${SCALE_LABELS[entry.scale]} ${entry.value}/${entry.scale === 'moaas' ? 5 : 10}`;
    case 'intervention':
      switch (entry.action) {
        case 'medication-given':
          return entry.medication
            ? `${entry.medication.name} ${entry.medication.dose} ${entry.medication.route}`
            : 'Medication given';
        case 'rate-changed':
          return `Rate changed to ${entry.rateMgPerKgPerHour ?? '?'} mg/kg/h`;
        case 'oxygen-applied':
          return `Oxygen ${entry.oxygenLitresPerMin ?? '?'} L/min`;
        default:
          return entry.note ?? 'Intervention';
      }
    case 'note':
      return entry.text;
    case 'lifecycle':
      return `${entry.from} → ${entry.to}${entry.reason ? ` (${entry.reason})` : ''}`;
  }
}

export { SIDE_EFFECT_LABELS, SCALE_LABELS };
