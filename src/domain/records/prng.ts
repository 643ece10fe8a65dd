/**
 * A small seeded pseudo-random generator: the demo data, and every test or
 * benchmark that needs a repeatable sequence.
 *
 * The demo must come out identical on every device and in every test run
 * (a wall screen and a tablet seeded separately should show the same plant),
 * so nothing here touches Math.random or the clock.
 */

/** The draws the demo and the tests need, all from one seeded sequence. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** Roughly bell-shaped around `mean` (sum of three uniforms), never beyond mean +/- 3*spread. */
  around(mean: number, spread: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a over the UTF-16 code units: turns a readable key into a 32-bit seed. */
export function hashSeed(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mulberry32: 32-bit state, good enough spread for made-up shop-floor numbers, tiny. A string seed goes through hashSeed. */
export function createPrng(seed: number | string): Prng {
  let state = (typeof seed === 'string' ? hashSeed(seed) : seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (p) => next() < p,
    around: (mean, spread) => mean + spread * (next() + next() + next() - 1.5) * 2,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
