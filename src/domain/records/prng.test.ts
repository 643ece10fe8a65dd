import { describe, expect, it } from 'vitest';
import { createPrng, hashSeed } from './prng.ts';

describe('prng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createPrng('line-bochum-pr1|2026-11-19|F');
    const b = createPrng('line-bochum-pr1|2026-11-19|F');
    const c = createPrng('line-bochum-pr1|2026-11-19|S');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(hashSeed('abc')).toBe(hashSeed('abc'));
    expect(hashSeed('abc')).not.toBe(hashSeed('abd'));
  });

  it('stays inside its ranges and spreads over them', () => {
    const r = createPrng(42);
    const ints = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(2, 5);
      ints.add(n);
      const around = r.around(10, 2);
      expect(Math.abs(around - 10)).toBeLessThanOrEqual(6);
    }
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
    expect(() => r.pick([])).toThrow();
  });
});
