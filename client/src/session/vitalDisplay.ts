import type { ClinicalEntry, VitalCode } from '@infusion/shared';

/** Bedside-monitor colours, one per parameter, so a nurse finds a vital by colour. */
export const VITAL_COLOUR: Readonly<Record<VitalCode, string>> = {
  hr: '#4ade80',
  sbp: '#f87171',
  dbp: '#f1f5f9',
  map: '#fca5a5',
  spo2: '#22d3ee',
  rr: '#facc15',
  etco2: '#facc15',
  temp: '#e2e8f0',
  moaas: '#c4b5fd',
};

/** Vitals shown as small secondary tiles when the session has readings of them (MAP sits in the BP tile). */
export const SECONDARY_VITALS: readonly VitalCode[] = ['etco2', 'temp', 'moaas'];

/** Band colours on the charts: the alarm colours, faint enough to read the line over them. */
export const ZONE_FILL = { medium: '#facc15', high: '#ef4444' } as const;

/** Charted entries on the charts: side effects pink, interventions violet, state changes blue. */
export const MARKER_COLOUR: Readonly<Record<ClinicalEntry['kind'], string>> = {
  'side-effect': '#f0abfc',
  intervention: '#a78bfa',
  lifecycle: '#7dd3fc',
  score: '#cbd5e1',
  note: '#cbd5e1',
};
