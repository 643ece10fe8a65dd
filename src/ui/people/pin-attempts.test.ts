import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { LOCKOUT_MS, MAX_WRONG_PINS, createPinAttempts } from './pin-attempts.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

describe('wrong-PIN limit', () => {
  it('waits LOCKOUT_MS after MAX_WRONG_PINS wrong in a row, then allows a fresh round', () => {
    const a = createPinAttempts();
    for (let i = 1; i < MAX_WRONG_PINS; i++) expect(a.failed('p1', T0 + i)).toEqual({ left: MAX_WRONG_PINS - i, lockedUntilMs: 0 });
    expect(a.lockedUntil('p1', T0 + 10)).toBe(0);
    expect(a.failed('p1', T0 + 10)).toEqual({ left: 0, lockedUntilMs: T0 + 10 + LOCKOUT_MS });
    expect(a.lockedUntil('p1', T0 + 10 + LOCKOUT_MS - 1)).toBe(T0 + 10 + LOCKOUT_MS);
    expect(a.lockedUntil('other', T0 + 11)).toBe(0);
    expect(a.lockedUntil('p1', T0 + 10 + LOCKOUT_MS)).toBe(0);
    expect(a.failed('p1', T0 + 20 + LOCKOUT_MS).left).toBe(MAX_WRONG_PINS - 1);
  });

  it('a right PIN resets the count', () => {
    const a = createPinAttempts();
    for (let i = 0; i < MAX_WRONG_PINS - 1; i++) a.failed('p1', T0);
    a.succeeded('p1');
    expect(a.failed('p1', T0).left).toBe(MAX_WRONG_PINS - 1);
  });

  it('survives a reload through the key-value storage, and keeps no PIN there', () => {
    const storage = memoryStorage();
    const a = createPinAttempts(storage);
    for (let i = 0; i < MAX_WRONG_PINS; i++) a.failed('p1', T0);
    const b = createPinAttempts(storage);
    expect(b.lockedUntil('p1', T0 + 1)).toBe(T0 + LOCKOUT_MS);
    expect(JSON.parse(storage.getItem('tierboard.pin-attempts.v1') ?? '{}')).toEqual({ p1: { wrong: MAX_WRONG_PINS, lockedUntilMs: T0 + LOCKOUT_MS } });
  });
});
