import { webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LEGACY_PIN_ITERATIONS,
  MAX_PIN_ITERATIONS,
  PIN_HASH_FORMAT,
  PIN_ITERATIONS,
  constantTimeEqual,
  hashPin,
  newPinProblem,
  parsePinHash,
  pbkdf2Derive,
  pinFormatProblem,
  pinNeedsRehash,
  saltFromBytes,
  verifyPin,
  type DerivePin,
} from './pin.ts';

const derive = pbkdf2Derive(webcrypto.subtle);

describe('PIN rules', () => {
  it.each([
    ['4711', null, null],
    ['27182818', null, null],
    ['123', /4 to 8 digits/, /4 to 8 digits/],
    ['123456789', /4 to 8 digits/, /4 to 8 digits/],
    ['12a4', /digits only/, /digits only/],
    ['', /digits only/, /digits only/],
    ['0000', null, /one digit repeated/],
    ['1234', null, /run/],
    ['0123', null, /run/],
    ['9876', null, /run/],
    ['13579', null, null],
  ] as const)('%s: format %s, as a new PIN %s', (pin, format, asNew) => {
    const f = pinFormatProblem(pin);
    const n = newPinProblem(pin);
    if (format === null) expect(f).toBeNull();
    else expect(f).toMatch(format);
    if (asNew === null) expect(n).toBeNull();
    else expect(n).toMatch(asNew);
  });

  it('refuses the badge number as a new PIN', () => {
    expect(newPinProblem('40213', 'B-40213')).toMatch(/badge/);
    expect(newPinProblem('40213', 'B-40214')).toBeNull();
  });
});

describe('pbkdf2Derive', () => {
  // RFC 7914 section 11 / well-known PBKDF2-HMAC-SHA256 vectors for P="password", S="salt".
  it('matches the published PBKDF2-HMAC-SHA256 test vectors', async () => {
    expect(await derive('password', 'salt', 1)).toBe('120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b');
    expect(await derive('password', 'salt', 4096)).toBe('c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a');
  });
});

describe('hashPin and verifyPin', () => {
  const salt = saltFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i * 7));

  /** A stand-in derivation that records its counts: 600,000 real iterations per call would be seconds per test. */
  function countingDerive() {
    const seen: number[] = [];
    const fake: DerivePin = async (pin, s, iterations) => {
      seen.push(iterations);
      return derive(pin, s, 1);
    };
    return { seen, fake };
  }

  it('[T4] hashes at 600,000 iterations (OWASP), stores the count beside the digest, and verifies the right PIN only', async () => {
    expect(PIN_ITERATIONS).toBe(600_000);
    const { seen, fake } = countingDerive();
    const pinHash = await hashPin('4711', salt, fake);
    expect(pinHash).toBe(`pbkdf2-sha256$600000$${await derive('4711', salt, 1)}`);
    expect(pinHash).toMatch(PIN_HASH_FORMAT);
    expect(parsePinHash(pinHash)).toEqual({ iterations: PIN_ITERATIONS, digest: await derive('4711', salt, 1) });
    const person = { pinHash, pinSalt: salt };
    expect(await verifyPin('4711', person, fake)).toBe(true);
    expect(await verifyPin('4712', person, fake)).toBe(false);
    expect(seen).toEqual([PIN_ITERATIONS, PIN_ITERATIONS, PIN_ITERATIONS]);
    expect(pinNeedsRehash(pinHash)).toBe(false);
  });

  it('[T4] verifies a hash at the count stored with it, legacy bare digests at 100,000, and says which to rehash', async () => {
    const low = await hashPin('4711', salt, derive, 1000);
    expect(low.startsWith('pbkdf2-sha256$1000$')).toBe(true);
    expect(await verifyPin('4711', { pinHash: low, pinSalt: salt }, derive)).toBe(true);
    expect(pinNeedsRehash(low)).toBe(true);
    expect(pinNeedsRehash(low, 1000)).toBe(false);
    const { seen, fake } = countingDerive();
    const legacy = await derive('4711', salt, 1);
    expect(await verifyPin('4711', { pinHash: legacy, pinSalt: salt }, fake)).toBe(true);
    expect(seen).toEqual([LEGACY_PIN_ITERATIONS]);
    expect(pinNeedsRehash(legacy)).toBe(true);
    // A count past the cap (a forged entry that would hang every sign-in) or any other text is no hash.
    const huge = `pbkdf2-sha256$${MAX_PIN_ITERATIONS + 1}$${legacy}`;
    expect(parsePinHash(huge)).toBeNull();
    expect(await verifyPin('4711', { pinHash: huge, pinSalt: salt }, fake)).toBe(false);
    expect(parsePinHash('scrypt$1$00')).toBeNull();
    await expect(hashPin('4711', salt, fake, 0)).rejects.toThrow(/iterations/);
  });

  it('verifies an old trivial PIN (the trivial rule is only for new PINs)', async () => {
    const person = { pinHash: await hashPin('1234', salt, derive, 1000), pinSalt: salt };
    expect(await verifyPin('1234', person, derive)).toBe(true);
  });

  it('says no, without deriving, for a person without a PIN or a malformed PIN', async () => {
    const never: DerivePin = () => Promise.reject(new Error('should not derive'));
    expect(await verifyPin('4711', { pinHash: '', pinSalt: '' }, never)).toBe(false);
    expect(await verifyPin('47', { pinHash: 'ab', pinSalt: salt }, never)).toBe(false);
  });

  it('refuses to hash a malformed PIN or without a salt', async () => {
    await expect(hashPin('12', salt, derive)).rejects.toThrow(/4 to 8 digits/);
    await expect(hashPin('4711', '', derive)).rejects.toThrow(/salt/);
    expect(() => saltFromBytes(new Uint8Array(8))).toThrow(/16 random bytes/);
  });
});

describe('constantTimeEqual', () => {
  it('agrees with plain equality of hex strings, ignoring case (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{0,70}$/), fc.stringMatching(/^[0-9a-f]{0,70}$/), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a.toUpperCase())).toBe(true);
      }),
    );
  });
});
