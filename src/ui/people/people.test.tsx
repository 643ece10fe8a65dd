// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPin, pbkdf2Derive } from '../../domain/people/pin.ts';
import { TEST_PIN_ITERATIONS } from '../../domain/people/testing/test-pins.ts';
import type { Person } from '../../domain/people/people-types.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore } from '../../state/session-store.ts';
import { testPerson } from '../../db/testing/test-fixtures.ts';
import { BadgeSignIn } from './badge-sign-in.tsx';
import { LOCKOUT_MS, MAX_WRONG_PINS, createPinAttempts } from './pin-attempts.ts';
import { PinPad } from './pin-pad.tsx';
import { SignWithPin } from './sign-with-pin.tsx';
import { IDLE_CHECK_MS, useIdleSignOut } from './use-idle-sign-out.ts';
import type { SessionStore } from '../../state/session-store.ts';
import type { Clock } from '../../domain/time/clock.ts';
import { press } from '../testing/test-taps.ts';
import { syncStatusStore, type ServerPinCheck } from '../../sync/status.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const PIN = '2580';
const derive = pbkdf2Derive(crypto.subtle);
let lead: Person;

beforeAll(async () => {
  const pinSalt = '00112233445566778899aabbccddeeff';
  lead = testPerson({ id: 'person-tom', name: 'Tom Klein', badge: '2002', role: 'shift_lead', pinSalt, pinHash: await hashPin(PIN, pinSalt, derive, TEST_PIN_ITERATIONS) });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const typePin = (pin: string, prefix = 'pin') => press(...[...pin].map((d) => `${prefix}-key-${d}`));

function fakeClock(start = T0): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

describe('PinPad', () => {
  it('shows dots, never the digits; clear and delete; submit from 4 digits; a hardware keypad works', () => {
    let value = '';
    const onSubmit = vi.fn();
    const view = () => <PinPad value={value} onChange={(v) => (value = v)} onSubmit={onSubmit} submitLabel="Sign" label="PIN" />;
    const { rerender } = render(view());
    const tap = (id: string) => {
      fireEvent.click(screen.getByTestId(id));
      rerender(view());
    };
    tap('pin-key-2');
    // Screen readers hear how many digits are in, in words that fit the count.
    expect(screen.getByTestId('pin-display').getAttribute('aria-label')).toBe('PIN: 1 digit typed');
    tap('pin-key-5');
    tap('pin-key-8');
    const display = screen.getByTestId('pin-display');
    expect(display.getAttribute('data-count')).toBe('3');
    expect(display.getAttribute('aria-label')).toBe('PIN: 3 digits typed');
    expect(display.textContent).toBe('');
    expect(display.querySelectorAll('.pin-dot-on')).toHaveLength(3);
    expect(screen.getByTestId('pin-submit').hasAttribute('disabled')).toBe(true);
    tap('pin-back');
    expect(value).toBe('25');
    tap('pin-clear');
    expect(value).toBe('');
    fireEvent.keyDown(window, { key: '7' });
    rerender(view());
    for (const d of ['1', '2', '3']) tap(`pin-key-${d}`);
    expect(value).toBe('7123');
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('pin-key-0').getAttribute('class')).toContain('key');
  });
});

describe('SignWithPin', () => {
  it('signs with the right PIN and says "Wrong PIN" for a wrong one, clearing what was typed', async () => {
    const onSigned = vi.fn();
    render(<SignWithPin person={lead} onSigned={onSigned} onCancel={() => undefined} clock={fakeClock()} attempts={createPinAttempts()} />);
    typePin('1111');
    press('pin-submit');
    const message = screen.getByTestId('sign-with-pin-message');
    await waitFor(() => expect(message.textContent).toBe(`⚠ Wrong PIN. ${MAX_WRONG_PINS - 1} more tries, then a 30 s wait.`));
    expect(message.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('pin-display').getAttribute('data-count')).toBe('0');
    expect(onSigned).not.toHaveBeenCalled();
    typePin(PIN);
    press('pin-submit');
    await waitFor(() => expect(onSigned).toHaveBeenCalledTimes(1));
    // The PIN is nowhere on the page.
    expect(document.body.innerHTML).not.toContain(PIN);
  });

  it(`waits ${LOCKOUT_MS / 1000} s after ${MAX_WRONG_PINS} wrong PINs in a row (fake clock), then signs`, async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = fakeClock();
    const onSigned = vi.fn();
    render(<SignWithPin person={lead} onSigned={onSigned} onCancel={() => undefined} clock={clock} attempts={createPinAttempts()} />);
    const message = () => screen.getByTestId('sign-with-pin-message');
    for (let i = 1; i <= MAX_WRONG_PINS; i++) {
      typePin('9999');
      press('pin-submit');
      await vi.waitFor(() => expect(message().getAttribute('data-kind')).toBe(i < MAX_WRONG_PINS ? 'error' : 'locked'));
      if (i < MAX_WRONG_PINS) clock.advance(1000);
    }
    // Preact runs the effect that starts the countdown after paint: wait until its interval is set.
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
    expect(message().textContent).toBe('⚠ Too many wrong PINs. Try again in 30 s.');
    expect(screen.getByTestId('pin-key-2').hasAttribute('disabled')).toBe(true);
    typePin(PIN);
    expect(screen.getByTestId('pin-display').getAttribute('data-count')).toBe('0');

    clock.advance(20_000);
    act(() => void vi.advanceTimersByTime(1000));
    expect(message().textContent).toBe('⚠ Too many wrong PINs. Try again in 10 s.');
    clock.advance(10_000);
    act(() => void vi.advanceTimersByTime(1000));
    expect(message().getAttribute('data-kind')).toBe('');
    typePin(PIN);
    press('pin-submit');
    await vi.waitFor(() => expect(onSigned).toHaveBeenCalledTimes(1));
  });

  it('shows a precheck problem instead of checking the PIN, and counts no try', async () => {
    const attempts = createPinAttempts();
    const onSigned = vi.fn();
    render(<SignWithPin person={lead} onSigned={onSigned} onCancel={() => undefined} precheck={() => 'Acknowledge every item first.'} attempts={attempts} />);
    typePin('9999');
    press('pin-submit');
    expect(screen.getByTestId('sign-with-pin-message').textContent).toBe('⚠ Acknowledge every item first.');
    expect(attempts.failed(lead.id, T0).left).toBe(MAX_WRONG_PINS - 1);
    expect(onSigned).not.toHaveBeenCalled();
  });

  it('says a person without a PIN cannot sign, and offers no pad', () => {
    render(<SignWithPin person={testPerson({ pinHash: '', pinSalt: '' })} onSigned={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByTestId('sign-with-pin-no-pin').textContent).toContain('Ana Weber has no PIN yet');
    expect(screen.queryByTestId('pin-pad')).toBeNull();
  });

  it('[T3] says an admin, whose PIN only the server checks, signs in only online (not "no PIN yet")', () => {
    render(<SignWithPin person={testPerson({ role: 'plant_admin', pinHash: '', pinSalt: '' })} onSigned={() => undefined} onCancel={() => undefined} />);
    const text = screen.getByTestId('sign-with-pin-no-pin').textContent ?? '';
    expect(text).toContain('only the server checks this PIN');
    expect(text).toContain('only while the device is online');
    expect(screen.queryByTestId('pin-pad')).toBeNull();
  });
});

describe('SignWithPin on a device holding no hash ([T2], [T3])', () => {
  afterEach(() => syncStatusStore.setState({ checkPinOnServer: null }));

  it('[T3] an enrolled device (a wall screen holds no hash at all) asks the server: signed on its yes, a wrong PIN counted, offline and locked said in plain words', async () => {
    const answers: ServerPinCheck[] = [
      { ok: false, kind: 'offline', message: '' },
      { ok: false, kind: 'wrong', message: 'Wrong PIN.' },
      { ok: false, kind: 'locked', message: 'Too many wrong PINs for this person. Wait 15 minutes and try again, or ask your plant admin.' },
      { ok: true },
    ];
    const asked: Array<[string, string]> = [];
    syncStatusStore.setState({
      checkPinOnServer: (personId, pin) => {
        asked.push([personId, pin]);
        return Promise.resolve(answers.shift() ?? { ok: true });
      },
    });
    const attempts = createPinAttempts();
    const onSigned = vi.fn();
    const supervisor = testPerson({ id: 'person-sup', name: 'Sara Vogel', role: 'supervisor', pinHash: '', pinSalt: '' });
    render(<SignWithPin person={supervisor} onSigned={onSigned} onCancel={() => undefined} attempts={attempts} />);
    const message = () => screen.getByTestId('sign-with-pin-message').textContent ?? '';

    typePin('1234');
    press('pin-submit');
    await waitFor(() => expect(message()).toContain('checked by the plant server, which this device cannot reach now'));
    typePin('9999');
    press('pin-submit');
    await waitFor(() => expect(message()).toContain('Wrong PIN.'));
    expect(attempts.failed(supervisor.id, T0).left).toBe(MAX_WRONG_PINS - 2);
    typePin('1234');
    press('pin-submit');
    await waitFor(() => expect(message()).toContain('Too many wrong PINs for this person'));
    expect(onSigned).not.toHaveBeenCalled();
    typePin('1234');
    press('pin-submit');
    await waitFor(() => expect(onSigned).toHaveBeenCalledTimes(1));
    expect(asked).toEqual([
      ['person-sup', '1234'],
      ['person-sup', '9999'],
      ['person-sup', '1234'],
      ['person-sup', '1234'],
    ]);
  });
});

describe('BadgeSignIn', () => {
  it('refuses an unknown badge, then signs in by badge and PIN', async () => {
    const onSignedIn = vi.fn();
    const findByBadge = (badge: string) => Promise.resolve(badge === lead.badge ? lead : null);
    render(<BadgeSignIn findByBadge={findByBadge} onSignedIn={onSignedIn} attempts={createPinAttempts()} />);
    press('badge-key-9', 'badge-key-9');
    expect(screen.getByTestId('badge-display').textContent).toBe('99');
    press('badge-submit');
    expect((await screen.findByRole('alert')).textContent).toBe('⚠ Badge 99 is not on this plant’s roster.');
    press('badge-key-2', 'badge-key-0', 'badge-key-0', 'badge-key-2', 'badge-submit');
    expect((await screen.findByTestId('sign-with-pin')).getAttribute('aria-label')).toBe('Tom Klein: enter your PIN to sign');
    typePin(PIN);
    press('pin-submit');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(lead));
  });
});

function IdleProbe({ session, clock, minutes }: { session: SessionStore; clock: Clock; minutes: number }) {
  useIdleSignOut(session, minutes, clock);
  return <p>probe</p>;
}

describe('useIdleSignOut', () => {
  it('signs out after the plant idle time; any tap or key press counts as activity', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = fakeClock();
    const session = createSessionStore({ storage: memoryStorage(), nowMs: T0, random: () => 0.5 });
    session.getState().signIn('person-tom', T0);
    render(<IdleProbe session={session} clock={clock} minutes={5} />);

    clock.advance(4 * 60_000);
    fireEvent.pointerDown(document.body);
    clock.advance(4 * 60_000);
    fireEvent.keyDown(document.body, { key: 'a' });
    clock.advance(5 * 60_000 - IDLE_CHECK_MS);
    vi.advanceTimersByTime(IDLE_CHECK_MS);
    expect(session.getState().personId).toBe('person-tom');

    clock.advance(IDLE_CHECK_MS + 1);
    vi.advanceTimersByTime(IDLE_CHECK_MS);
    expect(session.getState().personId).toBe('');
  });
});
