import { z } from 'zod';

/** Every vital sign the dashboard knows, by its short code. */
export const VITAL_CODES = ['hr', 'sbp', 'dbp', 'map', 'spo2', 'rr', 'etco2', 'temp', 'moaas'] as const;

/** Short code of a vital sign, e.g. `spo2`. */
export const VitalCode = z.enum(VITAL_CODES);
export type VitalCode = z.infer<typeof VitalCode>;

/** What the catalogue says about one vital: names, units and interop codes. */
export interface VitalInfo {
  code: VitalCode;
  /** Short label a nurse reads on the monitor, e.g. "SpO2". */
  label: string;
  /** Long name for reports. */
  name: string;
  /** Unit as shown on screen. */
  unit: string;
  /** UCUM unit code for exports. */
  ucum: string;
  /** LOINC code, or null where none applies (MOAA/S is charted as a score). */
  loinc: string | null;
  /** IEEE 11073 MDC code for device feeds, where one exists. */
  ieee11073: number | null;
  /**
   * Physiologically plausible range. A value outside it is a sensor or typing error,
   * never a patient state, and is rejected rather than alarmed on.
   */
  plausible: { min: number; max: number };
  /** Decimals shown on screen. */
  decimals: number;
  /** Whether a nurse charts it by hand rather than a monitor sending it. */
  manualOnly: boolean;
}

/** The vitals catalogue: one entry per vital code. */
export const VITALS: Readonly<Record<VitalCode, VitalInfo>> = {
  hr: {
    code: 'hr',
    label: 'HR',
    name: 'Heart rate',
    unit: '/min',
    ucum: '/min',
    loinc: '8867-4',
    ieee11073: 147842,
    plausible: { min: 20, max: 250 },
    decimals: 0,
    manualOnly: false,
  },
  sbp: {
    code: 'sbp',
    label: 'SBP',
    name: 'Systolic blood pressure',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    loinc: '8480-6',
    ieee11073: 150021,
    plausible: { min: 40, max: 300 },
    decimals: 0,
    manualOnly: false,
  },
  dbp: {
    code: 'dbp',
    label: 'DBP',
    name: 'Diastolic blood pressure',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    loinc: '8462-4',
    ieee11073: 150022,
    plausible: { min: 15, max: 200 },
    decimals: 0,
    manualOnly: false,
  },
  map: {
    code: 'map',
    label: 'MAP',
    name: 'Mean arterial pressure',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    loinc: '8478-0',
    ieee11073: 150023,
    plausible: { min: 20, max: 250 },
    decimals: 0,
    manualOnly: false,
  },
  spo2: {
    code: 'spo2',
    label: 'SpO2',
    name: 'Oxygen saturation (pulse oximetry)',
    unit: '%',
    ucum: '%',
    loinc: '59408-5',
    ieee11073: 150456,
    plausible: { min: 40, max: 100 },
    decimals: 0,
    manualOnly: false,
  },
  rr: {
    code: 'rr',
    label: 'RR',
    name: 'Respiratory rate',
    unit: '/min',
    ucum: '/min',
    loinc: '9279-1',
    ieee11073: 151562,
    plausible: { min: 0, max: 70 },
    decimals: 0,
    manualOnly: false,
  },
  etco2: {
    code: 'etco2',
    label: 'EtCO2',
    name: 'End-tidal carbon dioxide',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    loinc: '19889-5',
    ieee11073: 151708,
    plausible: { min: 0, max: 100 },
    decimals: 0,
    manualOnly: false,
  },
  temp: {
    code: 'temp',
    label: 'Temp',
    name: 'Body temperature',
    unit: '°C',
    ucum: 'Cel',
    loinc: '8310-5',
    ieee11073: 150344,
    plausible: { min: 30, max: 43 },
    decimals: 1,
    manualOnly: false,
  },
  moaas: {
    code: 'moaas',
    label: 'MOAA/S',
    name: 'Modified Observer’s Assessment of Alertness/Sedation',
    unit: 'score',
    ucum: '{score}',
    loinc: null,
    ieee11073: null,
    plausible: { min: 0, max: 5 },
    decimals: 0,
    manualOnly: true,
  },
};

/** Vitals drawn on the live session view, in the order a nurse scans them. */
export const LIVE_VITALS: readonly VitalCode[] = ['hr', 'sbp', 'dbp', 'spo2', 'rr'];

/** Formats a value with the vital's precision, e.g. `formatVital('temp', 36.66)` → "36.7". */
export function formatVital(code: VitalCode, value: number): string {
  return value.toFixed(VITALS[code].decimals);
}

/** Whether a value is one a living patient's sensor could report for this vital. */
export function isPlausible(code: VitalCode, value: number): boolean {
  const { min, max } = VITALS[code].plausible;
  return Number.isFinite(value) && value >= min && value <= max;
}
