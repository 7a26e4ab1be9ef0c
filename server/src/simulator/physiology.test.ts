import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VITALS, type VitalCode } from '@infusion/shared';
import {
  KETAMINE_OFFSET_SEC,
  KETAMINE_ONSET_SEC,
  SIMULATED_EVENT_TYPES,
  SIMULATED_VITALS,
  createPatientModel,
  ketamineEffect,
  type PatientModel,
  type SimulatedEvent,
} from './physiology.js';

function series(
  model: PatientModel,
  fromSec: number,
  toSec: number,
  stepSec: number,
): ReturnType<PatientModel['sample']>[] {
  const out = [];
  for (let t = fromSec; t < toSec; t += stepSec) out.push(model.sample(t));
  return out;
}

function mean(model: PatientModel, vital: VitalCode, fromSec: number, toSec: number, stepSec = 1): number {
  const values = series(model, fromSec, toSec, stepSec).map((s) => s[vital] ?? NaN);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('patient model', () => {
  it('gives the same series for the same seed', () => {
    const a = createPatientModel({ seed: 42, infusionStartSec: 120, infusionDurationSec: 1800 });
    const b = createPatientModel({ seed: 42, infusionStartSec: 120, infusionDurationSec: 1800 });
    expect(series(a, 0, 3000, 0.5)).toEqual(series(b, 0, 3000, 0.5));
  });

  it('does not depend on the order samples are taken in', () => {
    const events: SimulatedEvent[] = [{ type: 'desaturation', atSec: 50, durationSec: 40 }];
    const model = createPatientModel({ seed: 9, events });
    const times = Array.from({ length: 400 }, (_, i) => i * 0.35);
    const forward = times.map((t) => model.sample(t));
    const shuffled = [...times].reverse().map((t) => model.sample(t));
    expect(shuffled.reverse()).toEqual(forward);
  });

  it('draws different baselines for different seeds, inside the specified ranges', () => {
    const baselines = Array.from({ length: 50 }, (_, seed) => createPatientModel({ seed }).baseline);
    const distinct = new Set(baselines.map((b) => JSON.stringify(b)));
    expect(distinct.size).toBe(baselines.length);
    for (const b of baselines) {
      expect(b.hr).toBeGreaterThanOrEqual(60);
      expect(b.hr).toBeLessThanOrEqual(85);
      expect(b.sbp).toBeGreaterThanOrEqual(110);
      expect(b.sbp).toBeLessThanOrEqual(135);
      expect(b.dbp).toBeGreaterThanOrEqual(65);
      expect(b.dbp).toBeLessThanOrEqual(85);
      expect(b.spo2).toBeGreaterThanOrEqual(96);
      expect(b.spo2).toBeLessThanOrEqual(99);
      expect(b.rr).toBeGreaterThanOrEqual(12);
      expect(b.rr).toBeLessThanOrEqual(18);
    }
  });

  it('ramps the ketamine effect up over 5 min, holds it, and lets it wear off over 10 min', () => {
    expect(ketamineEffect(100, 100, 2400)).toBe(0);
    expect(ketamineEffect(100 + KETAMINE_ONSET_SEC / 2, 100, 2400)).toBeCloseTo(0.5, 5);
    expect(ketamineEffect(100 + KETAMINE_ONSET_SEC, 100, 2400)).toBe(1);
    expect(ketamineEffect(2500, 100, 2400)).toBe(1);
    expect(ketamineEffect(2500 + KETAMINE_OFFSET_SEC / 2, 100, 2400)).toBeCloseTo(0.5, 5);
    expect(ketamineEffect(2500 + KETAMINE_OFFSET_SEC, 100, 2400)).toBe(0);
  });

  it('raises HR and BP by 10-30 % over baseline at the plateau, and returns to baseline after', () => {
    for (let seed = 0; seed < 30; seed++) {
      const model = createPatientModel({ seed: seed * 7919, infusionStartSec: 600, infusionDurationSec: 2400 });
      for (const vital of ['hr', 'sbp', 'dbp', 'map'] as const) {
        const before = mean(model, vital, 0, 600);
        const plateau = mean(model, vital, 600 + KETAMINE_ONSET_SEC, 3000, 2);
        const rise = plateau / before - 1;
        expect(rise, `seed ${seed} ${vital}`).toBeGreaterThanOrEqual(0.1);
        expect(rise, `seed ${seed} ${vital}`).toBeLessThanOrEqual(0.3);
        const after = mean(model, vital, 3000 + KETAMINE_OFFSET_SEC, 3000 + KETAMINE_OFFSET_SEC + 600);
        expect(Math.abs(after / before - 1), `seed ${seed} ${vital} recovery`).toBeLessThan(0.03);
      }
      // Ketamine spares respiratory drive: SpO2 and RR stay where they were.
      expect(Math.abs(mean(model, 'spo2', 1200, 3000) - mean(model, 'spo2', 0, 600))).toBeLessThan(1);
      expect(Math.abs(mean(model, 'rr', 1200, 3000) - mean(model, 'rr', 0, 600))).toBeLessThan(1.5);
    }
  });

  it('desaturates below 90 within about 10 s, with RR falling, and recovers', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const model = createPatientModel({
        seed,
        motionArtefacts: false,
        events: [{ type: 'desaturation', atSec: 100, durationSec: 60 }],
      });
      expect(model.sample(99).spo2).toBeGreaterThanOrEqual(94);
      for (let t = 112; t <= 160; t += 0.5) {
        const { spo2, rr } = model.sample(t);
        expect(spo2, `seed ${seed} t ${t}`).toBeLessThan(90);
        // Above 80: the scripted event is a slow (delayed) alarm, not an immediate one.
        expect(spo2).toBeGreaterThanOrEqual(80);
        expect(rr).toBeLessThanOrEqual(10);
      }
      for (let t = 200; t <= 400; t += 0.5) {
        expect(model.sample(t).spo2, `seed ${seed} t ${t}`).toBeGreaterThanOrEqual(94);
        expect(model.sample(t).rr).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it('drops SpO2 (only) from the sample while the sensor is off', () => {
    const model = createPatientModel({ seed: 3, events: [{ type: 'sensor-off', atSec: 30, durationSec: 20 }] });
    expect(model.sample(29.9).spo2).toBeDefined();
    for (let t = 30; t < 50; t += 0.25) {
      const s = model.sample(t);
      expect(s.spo2).toBeUndefined();
      expect(Object.keys(s).sort()).toEqual(['dbp', 'hr', 'map', 'rr', 'sbp']);
    }
    expect(model.sample(50).spo2).toBeDefined();
  });

  it('produces a hypertensive surge around 190-205/112 and a bradycardia around 38', () => {
    const model = createPatientModel({
      seed: 11,
      motionArtefacts: false,
      events: [
        { type: 'hypertensive-surge', atSec: 100, durationSec: 120 },
        { type: 'bradycardia', atSec: 400, durationSec: 60 },
      ],
    });
    for (let t = 125; t <= 220; t += 1) {
      const s = model.sample(t);
      expect(s.sbp).toBeGreaterThanOrEqual(183);
      expect(s.sbp).toBeLessThanOrEqual(212);
      expect(s.dbp).toBeGreaterThanOrEqual(106);
      expect(s.dbp).toBeLessThanOrEqual(118);
    }
    for (let t = 410; t <= 460; t += 1) {
      const hr = model.sample(t).hr ?? NaN;
      expect(hr).toBeGreaterThanOrEqual(32);
      expect(hr).toBeLessThanOrEqual(44);
    }
    expect(model.sample(600).sbp).toBeLessThan(150);
    expect(model.sample(600).hr).toBeGreaterThan(50);
  });

  it('keeps motion artefacts shorter than 3 s and SpO2 artefacts above the immediate limit', () => {
    let dips = 0;
    for (let seed = 0; seed < 8; seed++) {
      const model = createPatientModel({ seed, infusionDurationSec: 0 });
      let runStart: number | null = null;
      for (let t = 0; t < 3600; t += 0.5) {
        const spo2 = model.sample(t).spo2 ?? NaN;
        expect(spo2).toBeGreaterThanOrEqual(80);
        if (spo2 < 90 && runStart === null) runStart = t;
        if (spo2 >= 90 && runStart !== null) {
          expect(t - runStart, `seed ${seed} dip at ${runStart}`).toBeLessThanOrEqual(3.5);
          dips++;
          runStart = null;
        }
      }
    }
    // About one artefact every 6 minutes, half of them SpO2 dips: some must show up in 8 h.
    expect(dips).toBeGreaterThan(10);
  });

  it('always reports plausible, correctly rounded values (property)', () => {
    const event = fc.record({
      type: fc.constantFrom(...SIMULATED_EVENT_TYPES),
      atSec: fc.double({ min: -100, max: 5000, noNaN: true }),
      durationSec: fc.double({ min: 0.5, max: 3000, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.nat(),
        fc.double({ min: -1000, max: 20_000, noNaN: true }),
        fc.double({ min: -100, max: 3000, noNaN: true }),
        fc.array(event, { maxLength: 4 }),
        (seed, t, infusionStartSec, events) => {
          const model = createPatientModel({ seed, infusionStartSec, events });
          const sample = model.sample(t);
          for (const vital of SIMULATED_VITALS) {
            const value = sample[vital];
            if (vital === 'spo2' && value === undefined) continue;
            expect(value).toBeDefined();
            const { plausible, decimals } = VITALS[vital];
            expect(value).toBeGreaterThanOrEqual(plausible.min);
            expect(value).toBeLessThanOrEqual(plausible.max);
            expect(Number(value?.toFixed(decimals))).toBe(value);
          }
          expect(sample.map).toBe(Math.round(((sample.sbp ?? 0) + 2 * (sample.dbp ?? 0)) / 3));
          expect(sample.dbp).toBeLessThan(sample.sbp ?? 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses an invalid configuration', () => {
    expect(() => createPatientModel({ seed: -1 })).toThrow();
    expect(() =>
      createPatientModel({ seed: 1, events: [{ type: 'desaturation', atSec: 0, durationSec: -5 }] }),
    ).toThrow();
  });
});
