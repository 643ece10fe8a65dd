import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newDeviceToken, newEnrollmentCode, normaliseEnrollmentCode, sha256Hex } from './secrets.ts';

describe('secrets', () => {
  it('[A1] codes are 8 unambiguous symbols shown in two groups, and read back however they are typed', () => {
    for (let i = 0; i < 200; i++) {
      const code = newEnrollmentCode();
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      for (const ch of code.replace('-', '')) expect(CODE_ALPHABET).toContain(ch);
      expect(normaliseEnrollmentCode(` ${code.toLowerCase().replace('-', ' ')} `)).toBe(code.replace('-', ''));
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
