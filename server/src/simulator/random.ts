/**
 * Seeded randomness for the simulator. Everything here is deterministic so that a seed
 * reproduces a whole demo or test run, reading for reading.
 */

const TWO_POW_32 = 0x1_0000_0000;

/**
 * mulberry32: a tiny 32-bit PRNG, plenty for simulated physiology (not for anything secret).
 * @param seed any integer; only its low 32 bits are used.
 * @returns a function giving uniform numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/**
 * A standard normal variate from two uniforms (Box–Muller).
 * @param uniform source of uniform numbers in [0, 1).
 */
export function gaussian(uniform: () => number): number {
  // 1 - u is in (0, 1], so the log never sees zero.
  const u1 = 1 - uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function mix32(x: number): number {
  // "lowbias32" finaliser: good avalanche, so neighbouring inputs give unrelated outputs.
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Hashes integers to 32 bits. Lets the physiology model derive per-sample noise from
 * (seed, time, vital) directly, so a value never depends on which samples came before.
 * @param parts integers (fractions are truncated); values beyond 32 bits are folded in whole.
 */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    const whole = Math.trunc(part);
    const low = whole >>> 0;
    const high = Math.floor(whole / TWO_POW_32) >>> 0;
    h = mix32(h ^ mix32(low));
    h = mix32(h ^ mix32(high + 0x632be5ab));
  }
  return h;
}

/** A uniform number in [0, 1) determined by `parts` (see {@link hash32}). */
export function unitAt(...parts: readonly number[]): number {
  return hash32(...parts) / TWO_POW_32;
}

/** A standard normal variate determined by `parts` (see {@link hash32}). */
export function gaussianAt(...parts: readonly number[]): number {
  return gaussian(mulberry32(hash32(...parts)));
}

/** Convenience wrapper over {@link mulberry32} for drawing a few parameters in sequence. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer uniform in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Standard normal. */
  gaussian(): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** Creates an {@link Rng} from a seed. */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    gaussian: () => gaussian(next),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
