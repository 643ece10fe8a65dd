import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, newDeviceToken, newEnrollmentCode, normaliseEnrollmentCode, sha256Hex } from './secrets.ts';

describe('secrets', () => {
  it('[A1] [E1] codes are 20 unambiguous symbols (about 90 bits) shown in groups of four, and read back however they are typed', () => {
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(80);
    for (let i = 0; i < 200; i++) {
      const code = newEnrollmentCode();
      expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
      for (const ch of code.replaceAll('-', '')) expect(CODE_ALPHABET).toContain(ch);
      expect(normaliseEnrollmentCode(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toBe(code.replaceAll('-', ''));
    }
    for (const lookAlike of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B', 'U', 'V']) expect(CODE_ALPHABET).not.toContain(lookAlike);
    expect(normaliseEnrollmentCode('K7QX-M2PF')).toBeNull(); // '2' is not in the alphabet
    expect(normaliseEnrollmentCode('ACDE-FGH')).toBeNull();
  });

  it('[A3] tokens carry 32 random bytes and are stored as SHA-256 hex', () => {
    const a = newDeviceToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(newDeviceToken());
    expect(sha256Hex(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
