/**
 * Sign-in PINs: the rules, and hashing with a key derivation passed in (the
 * domain has no crypto of its own; pbkdf2Derive wraps the platform's
 * WebCrypto, which the browser and Node 20 both have).
 *
 * A floor person's PIN is checked on the device, so sign-in works offline; people
 * records carry only a salted hash (Person.pinHash, PIN_HASH_FORMAT) and the salt. The
 * server checks PINs with the same functions and node's crypto ([T2]).
 *
 * Trivial PINs (0000, 1234, 9876, the badge number) are refused only when a
 * PIN is SET. A PIN set before the rule existed, or by an admin import, still
 * signs in: locking people out at the start of a shift is worse than a weak
 * PIN, and the next PIN change fixes it.
 */
import { englishText, refusal, type Refusal } from '../records/refusal.ts';
import type { Person } from './people-types.ts';

/**
 * 4 to 8 digits: four is the PIN length everyone knows from bank cards (ISO 9564 allows 4 to 12),
 * and the wrong-PIN lockout (ui/people/pin-attempts.ts) is what guards so small a space; past
 * eight a PIN stops being a number typed with a glove and becomes a password.
 */
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;

/**
 * [T4] PBKDF2-SHA-256 iterations for every new PIN hash: OWASP's current count for
 * PBKDF2-HMAC-SHA-256 (Password Storage Cheat Sheet, 600,000). It cannot make a 4-digit PIN
 * strong (10,000 guesses are 10,000 derivations); it makes each guess cost about half a
 * second on a tablet, so a copied people table does not hand over every PIN in seconds, and
 * only floor roles' hashes reach a tablet at all ([T3]). The count is stored with each hash
 * (PIN_HASH_FORMAT), so it can grow: old hashes keep verifying at their own count and are
 * rehashed at the current one at the next sign-in the server checks ([T2]).
 */
export const PIN_ITERATIONS = 600_000;

/**
 * The count of hashes made before the count was stored: a bare 64-digit hex digest is
 * PBKDF2-SHA-256 at 100,000 iterations (the format of the first release).
 */
export const LEGACY_PIN_ITERATIONS = 100_000;

/**
 * Most iterations a stored hash may name: a hash naming a billion would make every sign-in
 * against it hang (a forged roster entry as a denial of service). 10x today's count leaves
 * room to grow for a decade.
 */
export const MAX_PIN_ITERATIONS = 6_000_000;

/**
 * [T4] The one description of a stored PIN hash, for the PWA and the server alike:
 * `pbkdf2-sha256$<iterations>$<64 hex digits>` (in the spirit of the PHC string format),
 * the digest being PBKDF2-HMAC-SHA-256 over the PIN and `pinSalt` (both UTF-8), 256 bits.
 * A bare 64-digit hex digest is the legacy format (LEGACY_PIN_ITERATIONS).
 */
export const PIN_HASH_FORMAT = /^pbkdf2-sha256\$([1-9]\d{0,8})\$([0-9a-f]{64})$/;
const LEGACY_HASH = /^[0-9a-f]{64}$/;

export interface ParsedPinHash {
  iterations: number;
  digest: string;
}

/** A stored hash's count and digest; null for '' (no PIN) or anything not in the format. */
export function parsePinHash(stored: string): ParsedPinHash | null {
  const lower = stored.toLowerCase();
  if (LEGACY_HASH.test(lower)) return { iterations: LEGACY_PIN_ITERATIONS, digest: lower };
  const m = PIN_HASH_FORMAT.exec(stored);
  if (!m?.[1] || !m[2]) return null;
  const iterations = Number(m[1]);
  return iterations <= MAX_PIN_ITERATIONS ? { iterations, digest: m[2] } : null;
}

/** The stored form of a digest made with `iterations`. */
export function formatPinHash(iterations: number, digest: string): string {
  return `pbkdf2-sha256$${iterations}$${digest.toLowerCase()}`;
}

/** True when a stored hash was made with fewer iterations than `current` (or is legacy): rehash it at the next verified sign-in. */
export function pinNeedsRehash(stored: string, current: number = PIN_ITERATIONS): boolean {
  const parsed = parsePinHash(stored);
  return parsed !== null && (parsed.iterations < current || !stored.startsWith('pbkdf2-sha256$'));
}

/** (pin, salt, iterations) -> hex digest. */
export type DerivePin = (pin: string, salt: string, iterations: number) => Promise<string>;

const DIGITS = /^\d+$/;

/** The English wording of every PIN refusal. */
export const PIN_REFUSAL_TEXT: Readonly<Record<string, string>> = {
  pinDigitsOnly: 'A PIN has digits only.',
  pinLength: 'A PIN has {min} to {max} digits.',
  pinRepeated: 'Choose a PIN that is not one digit repeated.',
  pinRun: 'Choose a PIN that is not a run like 1234 or 9876.',
  pinBadge: 'Choose a PIN that is not your badge number.',
};

/** Why this cannot be a PIN at all (sign-in and setting alike), as a code, or null. */
export function pinFormatRefusal(pin: string): Refusal | null {
  if (!DIGITS.test(pin)) return refusal('pinDigitsOnly');
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) return refusal('pinLength', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH });
  return null;
}

/** Why this cannot be a PIN at all, in English words, or null. */
export function pinFormatProblem(pin: string): string | null {
  const r = pinFormatRefusal(pin);
  return r ? englishText(r, PIN_REFUSAL_TEXT) : null;
}

/** Every digit one up (1234, 0123) or one down (4321, 9876) from the one before. */
function isRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add(pin.charCodeAt(i) - pin.charCodeAt(i - 1));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** Why this PIN may not be chosen as a new PIN, as a code, or null. `badge` is the person's badge number. */
export function newPinRefusal(pin: string, badge = ''): Refusal | null {
  const format = pinFormatRefusal(pin);
  if (format) return format;
  if (/^(\d)\1*$/.test(pin)) return refusal('pinRepeated');
  if (isRun(pin)) return refusal('pinRun');
  if (badge !== '' && pin === badge.replace(/\D/g, '')) return refusal('pinBadge');
  return null;
}

/** Why this PIN may not be chosen as a new PIN, in English words, or null. */
export function newPinProblem(pin: string, badge = ''): string | null {
  const r = newPinRefusal(pin, badge);
  return r ? englishText(r, PIN_REFUSAL_TEXT) : null;
}

/**
 * Hash a PIN for storing, in PIN_HASH_FORMAT. Refuses what cannot be a PIN; the trivial-PIN
 * rule is the caller's (newPinProblem). `iterations` is PIN_ITERATIONS; tests pass a small
 * count explicitly (the count travels with the hash, so verifying it stays cheap), and no
 * configuration a production server reads can lower it.
 */
export async function hashPin(pin: string, salt: string, derive: DerivePin, iterations: number = PIN_ITERATIONS): Promise<string> {
  const problem = pinFormatProblem(pin);
  if (problem) throw new RangeError(problem);
  if (salt === '') throw new RangeError('hashPin: a salt is required.');
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PIN_ITERATIONS) throw new RangeError('hashPin: iterations out of range.');
  return formatPinHash(iterations, await derive(pin, salt, iterations));
}

/** Compare two hex digests in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const a2 = a.toLowerCase();
  const b2 = b.toLowerCase();
  let diff = a2.length ^ b2.length;
  const n = Math.max(a2.length, b2.length);
  for (let i = 0; i < n; i++) diff |= (a2.charCodeAt(i) || 0) ^ (b2.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * True when the PIN matches the person's stored hash, derived at the count stored with it
 * ([T4]). False, never a throw, for a person without a PIN (or whose hash this device was
 * not given, [T3]) or a hash in no known format.
 */
export async function verifyPin(pin: string, person: Pick<Person, 'pinHash' | 'pinSalt'>, derive: DerivePin): Promise<boolean> {
  if (person.pinHash === '' || person.pinSalt === '' || pinFormatProblem(pin) !== null) return false;
  const parsed = parsePinHash(person.pinHash);
  if (!parsed) return false;
  return constantTimeEqual(await derive(pin, person.pinSalt, parsed.iterations), parsed.digest);
}

/** A fresh salt as hex from random bytes the caller draws (crypto.getRandomValues(new Uint8Array(16))). */
export function saltFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('A PIN salt needs at least 16 random bytes.');
  return toHex(bytes);
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The two WebCrypto calls PBKDF2 needs: `crypto.subtle` in the browser, `webcrypto.subtle` in Node. */
export type Pbkdf2Subtle = Pick<SubtleCrypto, 'importKey' | 'deriveBits'>;

/** PBKDF2-SHA-256 over the PIN and salt (both UTF-8), 256 bits, as hex. */
export function pbkdf2Derive(subtle: Pbkdf2Subtle): DerivePin {
  const utf8 = new TextEncoder();
  return async (pin, salt, iterations) => {
    const key = await subtle.importKey('raw', utf8.encode(pin), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: utf8.encode(salt), iterations }, key, 256);
    return toHex(new Uint8Array(bits));
  };
}
