import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PIN_HASH_FORMAT, PIN_ITERATIONS, parsePinHash, pbkdf2Derive, verifyPin } from '../domain/people/pin.ts';
import { demoPinSalt } from '../../scripts/make-demo-pins.ts';
import { DEMO_PIN, demoDataset } from './demo-data.ts';
import { DEMO_PINS } from './demo-pins.ts';

const people = demoDataset().people;
const derive = pbkdf2Derive(webcrypto.subtle);

describe('demo PINs', () => {
  it('gives every demo person a salted hash, with the salt scripts/make-demo-pins.ts derives from the id', async () => {
    expect(Object.keys(DEMO_PINS).sort()).toEqual(people.map((p) => p.id).sort());
    for (const p of people) {
      expect(p.pinSalt, p.id).toBe(await demoPinSalt(p.id));
      // [T4] The stored format names its count: the current one.
      expect(p.pinHash, p.id).toMatch(PIN_HASH_FORMAT);
      expect(parsePinHash(p.pinHash)?.iterations, p.id).toBe(PIN_ITERATIONS);
    }
    expect(new Set(people.map((p) => p.pinSalt)).size).toBe(people.length);
    // The PIN itself is nowhere in the records.
    expect(JSON.stringify(people)).not.toContain(`"${DEMO_PIN}"`);
  });

  it('verifies DEMO_PIN and refuses another PIN (600,000 iterations each: one person, not all 60)', async () => {
    const [p] = people;
    if (!p) throw new Error('no demo people');
    expect(await verifyPin(DEMO_PIN, p, derive), p.id).toBe(true);
    expect(await verifyPin('4321', p, derive), p.id).toBe(false);
  });
});
