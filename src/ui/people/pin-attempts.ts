/**
 * Wrong-PIN limit: after MAX_WRONG_PINS wrong PINs in a row for one person,
 * signing as that person waits LOCKOUT_MS. A right PIN resets the count.
 *
 * Numbers: five tries let a gloved hand mistype twice and still sign; thirty
 * seconds is a pause a lead who mistyped accepts, while guessing through all
 * 10,000 four-digit PINs at five per half-minute takes about 17 hours at the
 * tablet, in front of the line. It cannot make a 4-digit PIN strong (pin.ts
 * says why); it stops casual guessing on a shared tablet.
 *
 * The count is kept per person (it protects that person's PIN, whoever types)
 * in the tablet's key-value storage, so closing the dialog or reloading the
 * app does not reset it. Only counts and times are kept, never a PIN.
 */
import type { KeyValueStorage } from '../../state/key-value-storage.ts';

/** Five tries and a thirty-second wait: the header says where both numbers come from. */
export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 30_000;

const KEY = 'tierboard.pin-attempts.v1';

interface Entry {
  wrong: number;
  lockedUntilMs: number;
}

export interface WrongPin {
  /** Wrong PINs still allowed before the wait; 0 when this one started it. */
  left: number;
  /** Device time the wait ends, or 0. */
  lockedUntilMs: number;
}

export interface PinAttempts {
  /** Device time the wait ends while it runs, else 0. */
  lockedUntil(personId: string, nowMs: number): number;
  failed(personId: string, nowMs: number): WrongPin;
  succeeded(personId: string): void;
}

export function createPinAttempts(storage: KeyValueStorage | null = null): PinAttempts {
  const load = (): Record<string, Entry> => {
    try {
      const raw = storage?.getItem(KEY);
      return raw ? (JSON.parse(raw) as Record<string, Entry>) : {};
    } catch {
      return {};
    }
  };
  let entries = load();
  const save = () => {
    try {
      storage?.setItem(KEY, JSON.stringify(entries));
    } catch {
      // A blocked storage only means the count lives as long as this page.
    }
  };
  const entryOf = (personId: string, nowMs: number): Entry => {
    const e = entries[personId] ?? { wrong: 0, lockedUntilMs: 0 };
    // A finished wait starts a fresh round of tries.
    return e.lockedUntilMs !== 0 && nowMs >= e.lockedUntilMs ? { wrong: 0, lockedUntilMs: 0 } : e;
  };
  return {
    lockedUntil(personId, nowMs) {
      const e = entryOf(personId, nowMs);
      return e.lockedUntilMs > nowMs ? e.lockedUntilMs : 0;
    },
    failed(personId, nowMs) {
      const before = entryOf(personId, nowMs);
      const wrong = before.wrong + 1;
      const lockedUntilMs = wrong >= MAX_WRONG_PINS ? nowMs + LOCKOUT_MS : 0;
      entries = { ...entries, [personId]: { wrong, lockedUntilMs } };
      save();
      return { left: Math.max(0, MAX_WRONG_PINS - wrong), lockedUntilMs };
    },
    succeeded(personId) {
      if (!(personId in entries)) return;
      const { [personId]: _gone, ...rest } = entries;
      entries = rest;
      save();
    },
  };
}

let shared: PinAttempts | null = null;

/** The tablet's one wrong-PIN count, in localStorage where it works. */
export function sharedPinAttempts(): PinAttempts {
  if (!shared) {
    let storage: KeyValueStorage | null = null;
    try {
      storage = globalThis.localStorage ?? null;
    } catch {
      storage = null;
    }
    shared = createPinAttempts(storage);
  }
  return shared;
}
