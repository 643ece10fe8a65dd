/**
 * [T2] Person sessions: a person proves who they are to the server itself, on one device,
 * for privileged steps. The device sends the person id and the PIN; the server checks the
 * PIN against the stored hash ([T4]) and answers a short-lived token bound to the device
 * token that asked. Floor steps never need one ([T7]); they stay offline-first.
 *
 * Sessions and wrong-PIN counts live in this server process (a Map): a session is 15
 * minutes of one person at one device, nothing a restart should keep. Several processes
 * behind a load balancer each know their own sessions only, so such a setup routes a device
 * to one process (sticky by device token), or the person signs in again.
 */
import { randomBytes } from 'node:crypto';
import { PIN_ITERATIONS, hashPin, pinNeedsRehash, saltFromBytes, verifyPin, type DerivePin } from '../../src/domain/people/pin.ts';
import type { Person } from '../../src/domain/people/people-types.ts';
import type { PersonSessionAnswer } from '../../src/domain/wire/protocol.ts';
import type { DeviceAuth, Scope, Store } from '../store/store.ts';
import { personInScope } from './people-in-scope.ts';
import { refuse } from './refusal.ts';
import { sha256Hex } from './secrets.ts';

/**
 * A session lasts 15 minutes: long enough for an admin to enroll a row of tablets or fix a
 * roster, short enough that a desk left signed in does not stay privileged for the shift.
 */
export const PERSON_SESSION_TTL_MS = 15 * 60 * 1000;
/**
 * Five wrong PINs for one person on one device lock that pair for 15 minutes; ten wrong for
 * one person over all devices lock the person. A 4-digit PIN then takes years to guess
 * online, and a colleague's typos do not lock the whole plant.
 */
export const WRONG_PINS_PER_DEVICE = 5;
export const WRONG_PINS_PER_PERSON = 10;
export const PIN_LOCKOUT_MS = 15 * 60 * 1000;

interface Session {
  personId: string;
  deviceId: string;
  expiresAtMs: number;
}

interface Tries {
  wrong: number;
  lockedUntilMs: number;
  /** The last wrong PIN: a count not touched for PIN_LOCKOUT_MS is forgotten. */
  lastWrongMs: number;
}

export interface PersonSessionOptions {
  derive: DerivePin;
  /**
   * The count a PIN hash is rehashed to after a verified sign-in ([T4]): PIN_ITERATIONS.
   * Tests pass a small one in process (buildServer's deps); no configuration reads it.
   */
  pinIterations?: number;
  /** Random bytes (the session token's and a new salt's); node's by default. */
  random?: (n: number) => Uint8Array;
}

export class PersonSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly tries = new Map<string, Tries>();
  private readonly iterations: number;
  private readonly random: (n: number) => Uint8Array;

  constructor(private readonly options: PersonSessionOptions) {
    this.iterations = options.pinIterations ?? PIN_ITERATIONS;
    this.random = options.random ?? ((n) => randomBytes(n));
  }

  /**
   * Check the PIN and open a session. A person outside the device's scope, unknown, inactive
   * or without a PIN gets the same answer as a wrong PIN ([T1], [T5]): nothing tells the
   * device who exists. Every failure counts against the person and the device.
   */
  async open(store: Store, device: DeviceAuth, scope: Scope, personId: string, pin: string, nowMs: number): Promise<PersonSessionAnswer> {
    // A wall screen holds no hashes ([T3]), so the server checks the PIN of whoever notes an action
    // there ([P4]); the session cannot do more than the wall screen may: it pushes only
    // improvement actions, whoever is named.
    this.forget(nowMs);
    const pairKey = `${personId}\u0000${device.deviceId}`;
    const personKey = `${personId}\u0000*`;
    const locked = Math.max(this.lockedUntil(pairKey, nowMs), this.lockedUntil(personKey, nowMs));
    if (locked > 0) throw lockedOut(locked - nowMs);

    const person = await personInScope(store, scope, personId);
    const ok = person !== null && person.active && (await verifyPin(pin, person, this.options.derive));
    if (!ok || !person) {
      const pair = this.fail(pairKey, WRONG_PINS_PER_DEVICE, nowMs);
      const all = this.fail(personKey, WRONG_PINS_PER_PERSON, nowMs);
      if (pair > 0 || all > 0) throw lockedOut(PIN_LOCKOUT_MS);
      throw refuse.forbidden('wrong_pin', 'That person and PIN do not match. Check the PIN and try again.');
    }
    this.tries.delete(pairKey);
    this.tries.delete(personKey);
    await this.rehashIfOld(store, person, pin, nowMs);

    const token = Buffer.from(this.random(32)).toString('base64url');
    const expiresAtMs = nowMs + PERSON_SESSION_TTL_MS;
    this.sessions.set(sha256Hex(token), { personId: person.id, deviceId: device.deviceId, expiresAtMs });
    return { personId: person.id, token, expiresAt: new Date(expiresAtMs).toISOString() };
  }

  /** The person of a valid session of this very device, or null (none, unknown, expired, another device's). */
  personOf(device: DeviceAuth, token: string | string[] | undefined, nowMs: number): string | null {
    if (typeof token !== 'string' || token === '' || token.length > 100) return null;
    const session = this.sessions.get(sha256Hex(token));
    if (!session || session.deviceId !== device.deviceId) return null;
    if (session.expiresAtMs <= nowMs) {
      this.sessions.delete(sha256Hex(token));
      return null;
    }
    return session.personId;
  }

  /** [A4] A revoked device's sessions end with it. */
  endDevice(deviceId: string): void {
    for (const [key, s] of this.sessions) if (s.deviceId === deviceId) this.sessions.delete(key);
  }

  private lockedUntil(key: string, nowMs: number): number {
    const t = this.tries.get(key);
    return t && t.lockedUntilMs > nowMs ? t.lockedUntilMs : 0;
  }

  /** Counts a wrong PIN; returns the lock's end when this one locks, else 0. */
  private fail(key: string, max: number, nowMs: number): number {
    const t = this.tries.get(key) ?? { wrong: 0, lockedUntilMs: 0, lastWrongMs: nowMs };
    t.wrong += 1;
    t.lastWrongMs = nowMs;
    if (t.wrong >= max) {
      t.wrong = 0;
      t.lockedUntilMs = nowMs + PIN_LOCKOUT_MS;
    }
    this.tries.set(key, t);
    return t.lockedUntilMs > nowMs ? t.lockedUntilMs : 0;
  }

  /** Expired sessions and ended locks go, so the maps stay as small as the sessions in use. */
  private forget(nowMs: number): void {
    for (const [key, s] of this.sessions) if (s.expiresAtMs <= nowMs) this.sessions.delete(key);
    // Counts of ids nobody has (a device guessing person ids) go too, once quiet for a lockout's length.
    for (const [key, t] of this.tries) if (t.lockedUntilMs <= nowMs && t.lastWrongMs + PIN_LOCKOUT_MS <= nowMs) this.tries.delete(key);
  }

  /**
   * [T4] A hash made with fewer iterations than today's (or in the legacy format) is made again
   * at today's count with a fresh salt, now that the server holds the right PIN. Written as a
   * server change of the person record (only the two PIN fields move); a failure here never
   * fails the sign-in: the old hash still verifies, and the next sign-in tries again.
   */
  private async rehashIfOld(store: Store, person: Person, pin: string, nowMs: number): Promise<void> {
    if (!pinNeedsRehash(person.pinHash, this.iterations)) return;
    try {
      const [stored] = await store.getByIds('people', [person.id]);
      if (!stored || stored.deleted) return;
      const pinSalt = saltFromBytes(this.random(16));
      const pinHash = await hashPin(pin, pinSalt, this.options.derive, this.iterations);
      const data = { ...stored.data, pinHash, pinSalt };
      await store.applyWrites('people', [{ id: person.id, newDocument: data, assumedMasterRev: stored.rev }], new Date(nowMs).toISOString());
    } catch {
      // Kept as it was: see above.
    }
  }
}

function lockedOut(msLeft: number) {
  const minutes = Math.max(1, Math.ceil(msLeft / 60_000));
  return refuse.tooMany('person_locked', `Too many wrong PINs for this person. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or ask your plant admin.`, Math.ceil(msLeft / 1000));
}
