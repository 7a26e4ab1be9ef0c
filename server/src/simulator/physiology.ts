/**
 * A simulated patient under an IV ketamine infusion: a pure function of (seed, time).
 *
 * No clock, no I/O and no state carried between calls: `sample(t)` gives the same values
 * whatever was sampled before, so a monitor can resume mid-session, tests can probe any
 * instant, and two runs with one seed produce identical series.
 */
import { z } from 'zod';
import { VITALS, type VitalCode } from '@infusion/shared';
import { createRng, gaussianAt, unitAt } from './random.js';

/** Vitals a simulated bedside monitor reports, in the order it sends them. */
export const SIMULATED_VITALS = ['hr', 'sbp', 'dbp', 'map', 'spo2', 'rr'] as const satisfies readonly VitalCode[];
export type SimulatedVital = (typeof SIMULATED_VITALS)[number];

/** Clinical events that can be scripted into a session. */
export const SIMULATED_EVENT_TYPES = ['desaturation', 'hypertensive-surge', 'bradycardia', 'sensor-off'] as const;
export const SimulatedEventType = z.enum(SIMULATED_EVENT_TYPES);
export type SimulatedEventType = z.infer<typeof SimulatedEventType>;

/**
 * A scripted event. It starts at `atSec` (model time), reaches its target within a few
 * seconds, holds it until `atSec + durationSec`, then recovers over a type-specific time.
 */
export const SimulatedEvent = z.object({
  type: SimulatedEventType,
  atSec: z.number().finite(),
  durationSec: z
    .number()
    .finite()
    .positive()
    .max(24 * 3600),
});
export type SimulatedEvent = z.infer<typeof SimulatedEvent>;

/** Everything that defines one simulated patient. Times are seconds of model time. */
export const PatientModelConfig = z.object({
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** When the ketamine infusion starts; before it the patient is at baseline. */
  infusionStartSec: z.number().finite().default(0),
  /** How long the infusion runs (40 minutes is the common protocol). */
  infusionDurationSec: z
    .number()
    .finite()
    .nonnegative()
    .default(40 * 60),
  events: z.array(SimulatedEvent).default([]),
  /** Brief spurious SpO2 dips and HR spikes, as a patient moving a finger produces. */
  motionArtefacts: z.boolean().default(true),
});
export type PatientModelConfig = z.infer<typeof PatientModelConfig>;
export type PatientModelConfigInput = z.input<typeof PatientModelConfig>;

/** One set of simulated vitals. A vital is missing while its sensor is off. */
export type VitalSample = Partial<Record<VitalCode, number>>;

/** A simulated patient. */
export interface PatientModel {
  /** The configuration, with defaults filled in. */
  readonly config: Readonly<PatientModelConfig>;
  /** Pre-infusion resting values, rounded as the monitor shows them (the session baseline). */
  readonly baseline: Readonly<Record<SimulatedVital, number>>;
  /** This patient's rise over baseline at the infusion plateau, as fractions (0.2 = +20 %). */
  readonly ketamineRise: Readonly<{ hr: number; bp: number }>;
  /** Fraction (0-1) of the plateau ketamine effect present at `tSec`. */
  ketamineLevel(tSec: number): number;
  /** The vitals at `tSec`: finite, inside each vital's plausible range, rounded to its decimals. */
  sample(tSec: number): VitalSample;
}

/** Seconds for the ketamine effect to build up after the infusion starts. */
export const KETAMINE_ONSET_SEC = 5 * 60;
/** Seconds for the ketamine effect to wear off after the infusion ends. */
export const KETAMINE_OFFSET_SEC = 10 * 60;

/** How each event type develops: seconds to reach its target, seconds to recover after it ends. */
const EVENT_TIMING: Readonly<Record<SimulatedEventType, { onsetSec: number; recoverySec: number }>> = {
  desaturation: { onsetSec: 10, recoverySec: 30 },
  'hypertensive-surge': { onsetSec: 20, recoverySec: 60 },
  bradycardia: { onsetSec: 8, recoverySec: 15 },
  'sensor-off': { onsetSec: 0, recoverySec: 0 },
};

/** Slow drift (standard deviation, in the vital's unit) and per-sample jitter of each measured vital. */
const NOISE: Readonly<Record<Exclude<SimulatedVital, 'map'>, { drift: number; jitter: number }>> = {
  hr: { drift: 1.5, jitter: 0.8 },
  sbp: { drift: 2.5, jitter: 1.2 },
  dbp: { drift: 1.8, jitter: 0.8 },
  spo2: { drift: 0.5, jitter: 0.25 },
  rr: { drift: 0.7, jitter: 0.4 },
};
/** Seconds between the random points the slow drift passes through. */
const DRIFT_PERIOD_SEC = 15;

/** Motion artefacts: at most one per slot, so their frequency is easy to reason about. */
const ARTEFACT_SLOT_SEC = 45;
const ARTEFACT_PROBABILITY = 0.12;
/** Longest artefact; kept under every alarm delay so artefacts never alarm on their own. */
const ARTEFACT_MAX_SEC = 3;

// Salts keep the hash streams of different uses independent of each other.
const SALT_DRIFT = 1;
const SALT_JITTER = 2;
const SALT_ARTEFACT = 3;
const SALT_EVENT = 4;
const VITAL_INDEX: Readonly<Record<SimulatedVital, number>> = { hr: 1, sbp: 2, dbp: 3, map: 4, spo2: 5, rr: 6 };

function smoothstep(x: number): number {
  const c = Math.min(1, Math.max(0, x));
  return c * c * (3 - 2 * c);
}

function lerp(a: number, b: number, w: number): number {
  return a + (b - a) * w;
}

/** Clamps to the catalogue's plausible range and rounds to the vital's display precision. */
function finish(code: VitalCode, value: number): number {
  const { plausible, decimals } = VITALS[code];
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.min(plausible.max, Math.max(plausible.min, value)) * factor) / factor;
  return Math.min(plausible.max, Math.max(plausible.min, rounded));
}

/**
 * Fraction of the plateau ketamine effect at `tSec`: ramps up over {@link KETAMINE_ONSET_SEC}
 * from the infusion start, holds, and wears off over {@link KETAMINE_OFFSET_SEC} after the end.
 */
export function ketamineEffect(tSec: number, infusionStartSec: number, infusionDurationSec: number): number {
  if (tSec <= infusionStartSec) return 0;
  const endSec = infusionStartSec + infusionDurationSec;
  // A short infusion stops the build-up where it was, and that is what wears off.
  const built = smoothstep((Math.min(tSec, endSec) - infusionStartSec) / KETAMINE_ONSET_SEC);
  if (tSec <= endSec) return built;
  return built * (1 - smoothstep((tSec - endSec) / KETAMINE_OFFSET_SEC));
}

/** How far (0-1) an event has pulled its vitals towards their targets at `tSec`. */
function eventLevel(event: SimulatedEvent, tSec: number): number {
  const { onsetSec, recoverySec } = EVENT_TIMING[event.type];
  const endSec = event.atSec + event.durationSec;
  if (tSec < event.atSec || tSec >= endSec + recoverySec) return 0;
  const onset = onsetSec === 0 ? 1 : smoothstep((tSec - event.atSec) / onsetSec);
  const recovery = tSec < endSec || recoverySec === 0 ? 1 : 1 - smoothstep((tSec - endSec) / recoverySec);
  return Math.min(onset, recovery);
}

/**
 * Creates a simulated patient.
 *
 * Baselines are drawn from the seed (HR 60-85, SBP 110-135, DBP 65-85, SpO2 96-99,
 * RR 12-18). During the infusion HR and BP rise by a per-patient 12-28 % (inside the
 * 10-30 % ketamine typically causes, so noise never carries the plateau outside it).
 * @throws ZodError when the configuration is invalid.
 */
export function createPatientModel(input: PatientModelConfigInput): PatientModel {
  const config = PatientModelConfig.parse(input);
  const { seed } = config;
  const rng = createRng(seed);

  const sbp = rng.range(110, 135);
  // Diastolic follows systolic through a plausible pulse pressure rather than independently.
  const dbp = Math.min(85, Math.max(65, sbp - rng.range(35, 50)));
  const resting = {
    hr: rng.range(60, 85),
    sbp,
    dbp,
    spo2: rng.range(96, 99),
    rr: rng.range(12, 18),
  };
  const ketamineRise = { hr: rng.range(0.12, 0.28), bp: rng.range(0.12, 0.28) };
  const baseline = {
    hr: finish('hr', resting.hr),
    sbp: finish('sbp', resting.sbp),
    dbp: finish('dbp', resting.dbp),
    map: finish('map', (finish('sbp', resting.sbp) + 2 * finish('dbp', resting.dbp)) / 3),
    spo2: finish('spo2', resting.spo2),
    rr: finish('rr', resting.rr),
  };

  // Each scripted event gets its own target, fixed by the seed and the event's start.
  const events = config.events.map((event) => {
    const u = (k: number): number =>
      unitAt(seed, SALT_EVENT, SIMULATED_EVENT_TYPES.indexOf(event.type), Math.round(event.atSec * 1000), k);
    return {
      event,
      spo2: 83 + 2 * u(1),
      rr: 7 + 2 * u(2),
      sbp: 190 + 15 * u(3),
      dbp: 110 + 4 * u(4),
      hr: 36 + 4 * u(5),
    };
  });

  function noise(vital: Exclude<SimulatedVital, 'map'>, tSec: number): number {
    const index = VITAL_INDEX[vital];
    const position = tSec / DRIFT_PERIOD_SEC;
    const k = Math.floor(position);
    const drift = lerp(
      gaussianAt(seed, SALT_DRIFT, index, k),
      gaussianAt(seed, SALT_DRIFT, index, k + 1),
      smoothstep(position - k),
    );
    const jitter = gaussianAt(seed, SALT_JITTER, index, Math.round(tSec * 1000));
    return NOISE[vital].drift * drift + NOISE[vital].jitter * jitter;
  }

  function artefactAt(tSec: number): { kind: 'spo2-dip'; value: number } | { kind: 'hr-spike'; by: number } | null {
    if (!config.motionArtefacts) return null;
    const slot = Math.floor(tSec / ARTEFACT_SLOT_SEC);
    const u = (k: number): number => unitAt(seed, SALT_ARTEFACT, slot, k);
    if (u(0) >= ARTEFACT_PROBABILITY) return null;
    // Placed so it ends inside its slot: one slot never has to look at its neighbour.
    const startSec = slot * ARTEFACT_SLOT_SEC + u(1) * (ARTEFACT_SLOT_SEC - ARTEFACT_MAX_SEC);
    const durationSec = 1 + (ARTEFACT_MAX_SEC - 1) * u(2);
    if (tSec < startSec || tSec >= startSec + durationSec) return null;
    // A dip stays above 80 %, the SpO2 limit that alarms without delay.
    return u(3) < 0.5 ? { kind: 'spo2-dip', value: 82 + 6 * u(4) } : { kind: 'hr-spike', by: 30 + 30 * u(4) };
  }

  function ketamineLevel(tSec: number): number {
    return ketamineEffect(tSec, config.infusionStartSec, config.infusionDurationSec);
  }

  function sample(tSec: number): VitalSample {
    if (!Number.isFinite(tSec)) throw new RangeError(`sample() needs a finite time, got ${tSec}`);
    const level = ketamineLevel(tSec);
    let hr = resting.hr * (1 + ketamineRise.hr * level);
    let sbpNow = resting.sbp * (1 + ketamineRise.bp * level);
    let dbpNow = resting.dbp * (1 + ketamineRise.bp * level);
    let spo2 = resting.spo2;
    let rr = resting.rr;
    let sensorOff = false;

    for (const target of events) {
      const w = eventLevel(target.event, tSec);
      if (w === 0) continue;
      switch (target.event.type) {
        case 'desaturation':
          spo2 = lerp(spo2, target.spo2, w);
          rr = lerp(rr, target.rr, w);
          break;
        case 'hypertensive-surge':
          sbpNow = lerp(sbpNow, target.sbp, w);
          dbpNow = lerp(dbpNow, target.dbp, w);
          break;
        case 'bradycardia':
          hr = lerp(hr, target.hr, w);
          break;
        case 'sensor-off':
          sensorOff = true;
          break;
      }
    }

    hr += noise('hr', tSec);
    sbpNow += noise('sbp', tSec);
    dbpNow += noise('dbp', tSec);
    spo2 = Math.min(100, spo2 + noise('spo2', tSec));
    // Breathing varies in proportion to its rate: a depressed 8/min does not swing like 16/min.
    rr += noise('rr', tSec) * (rr / resting.rr);

    const artefact = artefactAt(tSec);
    if (artefact?.kind === 'spo2-dip') spo2 = Math.min(spo2, artefact.value);
    if (artefact?.kind === 'hr-spike') hr += artefact.by;

    const sbpShown = finish('sbp', sbpNow);
    // Noise must not invert the pressures: diastolic stays at least 15 below systolic.
    const dbpShown = finish('dbp', Math.min(dbpNow, sbpShown - 15));
    const out: VitalSample = {
      hr: finish('hr', hr),
      sbp: sbpShown,
      dbp: dbpShown,
      // From the rounded pressures, so the three numbers on screen agree with each other.
      map: finish('map', (sbpShown + 2 * dbpShown) / 3),
    };
    if (!sensorOff) out.spo2 = finish('spo2', spo2);
    out.rr = finish('rr', rr);
    return out;
  }

  return { config, baseline, ketamineRise, ketamineLevel, sample };
}
