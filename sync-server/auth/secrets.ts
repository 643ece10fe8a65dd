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
 * [E1] 20 symbols of 23 = about 90 bits. 8 symbols (36 bits) were too few: at
 * the 6,600 guesses a second one server answered, a live code fell within
 * hours, and a stolen database's SHA-256 code hashes fell to an offline search
 * in minutes. At 90 bits neither is possible (2^90 SHA-256 hashes is beyond
 * any attacker), so a plain, unsalted SHA-256 is enough to keep a stolen copy
 * from giving codes away ([S12]); a slow hash buys nothing against a secret
 * this long. Five groups of four still read aloud over a phone; a tablet
 * usually scans the QR link and types nothing.
 */
export const CODE_LENGTH = 20;
/** Symbols per group as the code is shown: `K7QX-M4PF-...`, four, the length people read and type reliably. */
const CODE_GROUP = 4;

/** A new enrollment code, shown grouped as `K7QX-M4PF-ACDE-FGHJ-KMNP`. */
export function newEnrollmentCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return formatEnrollmentCode(raw);
}

export function formatEnrollmentCode(raw: string): string {
  const groups: string[] = [];
  for (let i = 0; i < raw.length; i += CODE_GROUP) groups.push(raw.slice(i, i + CODE_GROUP));
  return groups.join('-');
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
