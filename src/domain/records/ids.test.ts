import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CROCKFORD, ID_LENGTH, MAX_ID_TIME, idTime, isId, newId } from './ids.ts';
import { createPrng } from './prng.ts';

/** A small deterministic random source (mulberry32) so ids are repeatable. */
const seeded = (seed: number): (() => number) => createPrng(seed).next;

describe('newId', () => {
  it('makes 26 Crockford base-32 characters', () => {
    const id = newId(1_790_000_000_000, seeded(1));
    expect(id).toHaveLength(ID_LENGTH);
    for (const ch of id) expect(CROCKFORD).toContain(ch);
    expect(isId(id)).toBe(true);
  });

  it('encodes the time in the first 10 characters (ULID spec example time)', () => {
    // The ULID spec's example id 01ARZ3NDEKTSV4RRFFQ69G5FAV starts with the time 1469922850259 ms.
    expect(newId(1469922850259, () => 0).slice(0, 10)).toBe('01ARZ3NDEK');
    expect(idTime(newId(1469922850259, () => 0.5))).toBe(1469922850259);
  });

  it('encodes all-zero and all-max randomness at the edges of the alphabet', () => {
    expect(newId(0, () => 0)).toBe('0'.repeat(26));
    expect(newId(MAX_ID_TIME, () => 0.999999)).toBe('7' + 'Z'.repeat(25));
  });

  it('sorts by creation time as plain strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_ID_TIME }), fc.integer({ min: 0, max: MAX_ID_TIME }), fc.integer(), (a, b, seed) => {
        fc.pre(a !== b);
        const ia = newId(a, seeded(seed));
        const ib = newId(b, seeded(seed + 1));
        expect(ia < ib).toBe(a < b);
        expect(idTime(ia)).toBe(a);
      }),
    );
  });

  it('gives different ids for different random draws in the same millisecond', () => {
    const rnd = seeded(42);
    const ids = new Set(Array.from({ length: 1000 }, () => newId(1_790_000_000_000, rnd)));
    expect(ids.size).toBe(1000);
  });

  it('refuses times it cannot encode and random sources outside [0, 1)', () => {
    expect(() => newId(-1, () => 0)).toThrow(RangeError);
    expect(() => newId(1.5, () => 0)).toThrow(RangeError);
    expect(() => newId(MAX_ID_TIME + 1, () => 0)).toThrow(RangeError);
    expect(() => newId(Number.NaN, () => 0)).toThrow(RangeError);
    expect(() => newId(0, () => 1)).toThrow(RangeError);
    expect(() => newId(0, () => Number.NaN)).toThrow(RangeError);
  });
});

describe('isId / idTime', () => {
  it('rejects lower case, wrong length, excluded letters and overflowing times', () => {
    const good = newId(1_790_000_000_000, seeded(3));
    expect(isId(good.toLowerCase())).toBe(false);
    expect(isId(good.slice(1))).toBe(false);
    expect(isId(good.slice(0, 25) + 'U')).toBe(false);
    expect(isId('8' + good.slice(1))).toBe(false);
    expect(isId(42)).toBe(false);
    expect(() => idTime('nope')).toThrow(TypeError);
  });
});
