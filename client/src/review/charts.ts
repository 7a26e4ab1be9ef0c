import { VITALS, type VitalCode } from '@infusion/shared';
import { VITAL_COLOUR } from '../session/vitalDisplay';

/** One review chart: its vitals (the first owns the shaded alarm zones), and whose alarms it shades. */
export interface ReviewChartSpec {
  name: 'hr' | 'bp' | 'spo2' | 'rr';
  title: string;
  unit: string;
  vitals: readonly { code: VitalCode; label: string; colour: string }[];
  /** Alarms on these vitals are drawn as spans on this chart. */
  alarmVitals: readonly VitalCode[];
  plausible: { min: number; max: number };
}

const line = (code: VitalCode) => ({ code, label: VITALS[code].label, colour: VITAL_COLOUR[code] });

/** The review's charts, top to bottom, in the live view's order. */
export const REVIEW_CHARTS: readonly ReviewChartSpec[] = [
  {
    name: 'hr',
    title: 'Heart rate',
    unit: VITALS.hr.unit,
    vitals: [line('hr')],
    alarmVitals: ['hr'],
    plausible: VITALS.hr.plausible,
  },
  {
    name: 'bp',
    title: 'Blood pressure',
    unit: 'mmHg',
    vitals: [line('sbp'), line('dbp')],
    alarmVitals: ['sbp', 'dbp', 'map'],
    plausible: { min: VITALS.dbp.plausible.min, max: VITALS.sbp.plausible.max },
  },
  {
    name: 'spo2',
    title: 'SpO2',
    unit: VITALS.spo2.unit,
    vitals: [line('spo2')],
    alarmVitals: ['spo2'],
    plausible: VITALS.spo2.plausible,
  },
  {
    name: 'rr',
    title: 'Respiratory rate',
    unit: VITALS.rr.unit,
    vitals: [line('rr')],
    alarmVitals: ['rr', 'etco2'],
    plausible: VITALS.rr.plausible,
  },
];

/** Alarm colours on the charts and in the log. */
export const PRIORITY_COLOUR = { high: '#ef4444', medium: '#facc15', low: '#22d3ee' } as const;
