/**
 * The two secrets a device ever holds, and how the server keeps them: only as
 * SHA-256 hashes ([A3], store rule [S12]). A stolen database copy then enrolls
 * no device and impersonates none.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * Letters and digits nobody confuses on a greasy tablet or a printed sheet:
 * no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V. 23 symbols.
 */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679';
/**
 * 8 symbols of 23 = about 36 bits: with codes living 24 hours and one try
 * costing an HTTP round trip, guessing a live code is hopeless, yet a plant
 * admin can read it aloud over the phone.
 */
export const CODE_LENGTH = 8;

/** A new enrollment code, shown grouped as `K7QX-M4PF`. */
export function newEnrollmentCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return formatEnrollmentCode(raw);
}

export function formatEnrollmentCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/**
 * What a person typed, reduced to the code's symbols: case, spaces and
 * dashes do not matter; a symbol outside the alphabet (a look-alike such as
 * O or 0) is refused rather than guessed. Returns null when it cannot be a code.
 */
export function normaliseEnrollmentCode(typed: string): string | null {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== CODE_LENGTH) return null;
  for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return null;
  return raw;
}

/** 32 random bytes: the device token, base64url so it fits a header untouched. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
