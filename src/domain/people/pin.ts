/**
 * Sign-in PINs: the rules, and hashing with a key derivation passed in (the
 * domain has no crypto of its own; pbkdf2Derive wraps the platform's
 * WebCrypto, which the browser and Node 20 both have).
 *
 * The PIN is checked on the device, so sign-in works offline; people records
 * carry only a salted hash (Person.pinHash, hex) and the salt.
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
 * PBKDF2-SHA-256 iterations. 100,000 measured 70-110 ms per derivation with
 * Node 20's WebCrypto on the 2-core build machine; a 10-inch line tablet is
 * expected in the same range (an estimate: time it on the plant's tablets).
 * That is a pause a gloved operator does not notice, once per sign-in. It cannot make a
 * 4-digit PIN strong (10,000 guesses is 10,000 derivations); what it buys is
 * that a copied people table does not hand over every longer PIN in seconds.
 * The hash does not record its count, so changing this number means
 * everyone sets a new PIN: raise it together with a hash format that names it.
 */
export const PIN_ITERATIONS = 100_000;

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

/** Hash a PIN for storing. Refuses what cannot be a PIN; the trivial-PIN rule is the caller's (newPinProblem). */
export async function hashPin(pin: string, salt: string, derive: DerivePin): Promise<string> {
  const problem = pinFormatProblem(pin);
  if (problem) throw new RangeError(problem);
  if (salt === '') throw new RangeError('hashPin: a salt is required.');
  return derive(pin, salt, PIN_ITERATIONS);
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

/** True when the PIN matches the person's stored hash. False, never a throw, for a person without a PIN. */
export async function verifyPin(pin: string, person: Pick<Person, 'pinHash' | 'pinSalt'>, derive: DerivePin): Promise<boolean> {
  if (person.pinHash === '' || person.pinSalt === '' || pinFormatProblem(pin) !== null) return false;
  return constantTimeEqual(await derive(pin, person.pinSalt, PIN_ITERATIONS), person.pinHash);
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
