/**
 * Record ids made on the device that creates the record, with no server to ask.
 *
 * ULID layout (https://github.com/ulid/spec): 26 Crockford base-32 characters,
 * the first 10 the creation time in ms (48 bits, sortable until the year 10889),
 * the last 16 eighty bits of randomness. Ids sort by creation time as plain
 * strings, which keeps IndexedDB and SQL primary-key order close to time order.
 *
 * Pure: the caller passes the time and the random source, so tests and the
 * seeded fuzz tests get repeatable ids. Two ids made in the same millisecond
 * on one device are ordered by their random part only (no monotonic counter):
 * ordering of edits is the hybrid logical clock's job (hlc.ts), not the id's.
 */

/** Crockford's alphabet: no I, L, O, U, so ids read aloud from a tablet are unambiguous. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The ULID layout (header): 10 characters of time and 16 of randomness, 26 in all. */
export const ID_LENGTH = 26;
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
/** 2^48 - 1: the largest time 10 base-32 characters hold. */
export const MAX_ID_TIME = 281474976710655;

const ID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** A new time-sortable id. `random` must return values in [0, 1), like Math.random. */
export function newId(nowMs: number, random: () => number): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > MAX_ID_TIME) {
    throw new RangeError(`newId: time must be an integer ms in [0, ${MAX_ID_TIME}], got ${nowMs}`);
  }
  let time = '';
  let t = nowMs;
  for (let i = 0; i < TIME_CHARS; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < RANDOM_CHARS; i++) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`newId: random() must return a number in [0, 1), got ${r}`);
    rand += CROCKFORD.charAt(Math.floor(r * 32));
  }
  return time + rand;
}

/** True for a well-formed id (upper case, Crockford alphabet, time within 48 bits). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** The creation time (ms since epoch) encoded in an id. */
export function idTime(id: string): number {
  if (!isId(id)) throw new TypeError(`idTime: not an id: ${JSON.stringify(id)}`);
  let t = 0;
  for (let i = 0; i < TIME_CHARS; i++) t = t * 32 + CROCKFORD.indexOf(id.charAt(i));
  return t;
}
