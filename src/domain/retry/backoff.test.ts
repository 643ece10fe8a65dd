import { describe, expect, it } from 'vitest';
import { createPrng } from '../records/prng.ts';
import { createBackoff, DEVICE_RETRY, LISTEN_RECONNECT, waitsOf, type BackoffPolicy } from './backoff.ts';

const policy: BackoffPolicy = { baseMs: 5_000, capMs: 120_000 };

describe('[C-B1] one retry policy: exponential backoff with decorrelated jitter', () => {
  it('[C-B1] every wait lies between the base and the cap, and at most three times the one before', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const waits = waitsOf(policy, createPrng(seed).next, 40);
      let previous = policy.baseMs;
      for (const w of waits) {
        expect(w).toBeGreaterThanOrEqual(policy.baseMs);
        expect(w).toBeLessThanOrEqual(policy.capMs);
        expect(w).toBeLessThanOrEqual(Math.max(policy.baseMs, previous * 3));
        previous = w;
      }
    }
  });

  it('[C-B1] repeated failures reach the cap and stay near it; a success starts from the base again', () => {
    const b = createBackoff(policy, createPrng('cap').next);
    const waits = Array.from({ length: 30 }, () => b.next());
    expect(waits).toContain(policy.capMs);
    expect(waits.slice(-10).every((w) => w >= policy.capMs / 3)).toBe(true);
    b.reset();
    expect(b.next()).toBeLessThanOrEqual(policy.baseMs * 3);
  });

  it('[C-B1] the same random source gives the same waits (tests pass a seeded prng)', () => {
    expect(waitsOf(policy, createPrng(7).next, 10)).toEqual(waitsOf(policy, createPrng(7).next, 10));
    expect(waitsOf(policy, () => 0, 3)).toEqual([5_000, 5_000, 5_000]);
    expect(waitsOf(policy, () => 0.999_999, 4)).toEqual([15_000, 45_000, 120_000, 120_000]);
  });

  it('[C-B2] a hundred tablets that lost the plant Wi-Fi together do not come back in lockstep', () => {
    const tablets = Array.from({ length: 100 }, (_, i) => createBackoff(DEVICE_RETRY, createPrng(`tablet-${i}`).next));
    // The moment each tablet tries again, counted from the drop (plain doubling: all 100 at 5 s, 15 s, 35 s...).
    const at = tablets.map(() => 0);
    for (let attempt = 0; attempt < 8; attempt++) {
      tablets.forEach((t, i) => (at[i] = (at[i] ?? 0) + t.next()));
      // Per whole second, at most a quarter of the floor tries together (the first draw spreads them over 10 s).
      const perSecond = new Map<number, number>();
      for (const ms of at) perSecond.set(Math.floor(ms / 1000), (perSecond.get(Math.floor(ms / 1000)) ?? 0) + 1);
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(25);
    }
  });

  it('the policies in use keep base below cap', () => {
    for (const p of [DEVICE_RETRY, LISTEN_RECONNECT]) expect(p.baseMs).toBeLessThan(p.capMs);
  });
});
