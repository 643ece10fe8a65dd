/**
 * "Sign with your PIN": the person types their PIN on the pad, the tablet
 * checks it against the stored salted hash (verifyPin, offline), and calls
 * onSigned. A wrong PIN says so plainly; after MAX_WRONG_PINS wrong in a row
 * the pad waits LOCKOUT_MS (pin-attempts.ts). The PIN lives only in this
 * component's state while typed and is cleared as soon as it is checked.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { pbkdf2Derive, verifyPin, type DerivePin } from '../../domain/people/pin.ts';
import { isFloorRole, type Person, type Role } from '../../domain/people/people-types.ts';
import { languageStore } from '../i18n/language.ts';
import { useStore } from '../../state/use-store.ts';
import type { Clock } from '../../domain/time/clock.ts';
import { tp } from './people-messages.ts';
import { LOCKOUT_MS, sharedPinAttempts, type PinAttempts } from './pin-attempts.ts';
import { PinPad } from './pin-pad.tsx';
import { syncStatusStore, type ServerPinCheck } from '../../sync/status.ts';

/** The device's wall clock, when the caller passes none (the app passes its own; tests pass theirs). */
const deviceClock: Clock = { now: () => Date.now() };

export interface SignWithPinProps {
  /** `role`, when known, tells an admin (PIN checked by the server only, [T3]) from someone without a PIN. */
  person: Pick<Person, 'id' | 'name' | 'pinHash' | 'pinSalt'> & { role?: Role };
  onSigned(): void;
  onCancel(): void;
  /** Heading; default "{name}: enter your PIN to sign". */
  title?: string;
  /** Label of the submit key; default "Sign". */
  submitLabel?: string;
  /**
   * Checked before the PIN: why signing cannot happen yet (an item not acknowledged), or null.
   * The message shows instead of checking the PIN, the PIN is cleared, and no try is counted.
   */
  precheck?(): string | null;
  clock?: Clock;
  /** PBKDF2 through WebCrypto by default. */
  derive?: DerivePin;
  /** The tablet's shared wrong-PIN count by default. */
  attempts?: PinAttempts;
  /** Test id of the whole block; the pad's keys are `pin-key-N`, `pin-submit`... */
  testId?: string;
}

type Message = { kind: 'error' | 'locked' | 'info'; text: string } | null;

let defaultDerive: DerivePin | null = null;
function platformDerive(): DerivePin {
  return (defaultDerive ??= pbkdf2Derive(crypto.subtle));
}

export function SignWithPin({
  person,
  onSigned,
  onCancel,
  title,
  submitLabel,
  precheck,
  clock = deviceClock,
  derive,
  attempts,
  testId = 'sign-with-pin',
}: SignWithPinProps) {
  useStore(languageStore, (s) => s.language);
  const tries = attempts ?? sharedPinAttempts();
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [, setTick] = useState(0);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const lockedUntil = tries.lockedUntil(person.id, clock.now());
  const secondsLeft = lockedUntil ? Math.max(1, Math.ceil((lockedUntil - clock.now()) / 1000)) : 0;

  // While the wait runs, count it down once a second; when it ends the pad opens again.
  useEffect(() => {
    if (!lockedUntil) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  const hasPin = person.pinHash !== '' && person.pinSalt !== '';
  // [T3] A tablet holds no hash of admins and enterprise roles, a wall screen none at all: an
  // enrolled device asks the server ([T2]); one that is not says so, rather than "no PIN yet".
  const askServer = useStore(syncStatusStore, (s) => s.checkPinOnServer);
  const serverOnly = !hasPin && (askServer !== null || (person.role !== undefined && !isFloorRole(person.role)));
  const padShown = hasPin || (serverOnly && askServer !== null);

  const submit = async () => {
    if (checking || tries.lockedUntil(person.id, clock.now())) return;
    const problem = precheck?.() ?? null;
    if (problem) {
      // Cleared all the same: a PIN does not wait on a shared screen while the problem is fixed.
      setPin('');
      setMessage({ kind: 'error', text: problem });
      return;
    }
    const typed = pin;
    setPin('');
    setChecking(true);
    setMessage({ kind: 'info', text: tp('pin.checking') });
    let ok = false;
    let server: ServerPinCheck | null = null;
    try {
      if (hasPin) ok = await verifyPin(typed, person, derive ?? platformDerive());
      else if (askServer) {
        server = await askServer(person.id, typed);
        ok = server.ok;
      }
    } finally {
      if (alive.current) setChecking(false);
    }
    if (!alive.current) return;
    // Offline, or refused for another reason than the PIN: no try counted, the reason shown.
    if (server && !server.ok && server.kind !== 'wrong') {
      setMessage({ kind: server.kind === 'locked' ? 'locked' : 'error', text: server.kind === 'offline' ? tp('pin.needsServer') : server.message || tp('pin.needsServer') });
      return;
    }
    if (ok) {
      tries.succeeded(person.id);
      setMessage(null);
      onSigned();
      return;
    }
    const wrong = tries.failed(person.id, clock.now());
    const seconds = LOCKOUT_MS / 1000;
    if (wrong.lockedUntilMs) setMessage(null); // the wait's own message shows
    else setMessage({ kind: 'error', text: wrong.left === 1 ? tp('pin.wrongLast', { seconds }) : tp('pin.wrong', { left: wrong.left, seconds }) });
  };

  const shown: Message = lockedUntil ? { kind: 'locked', text: tp('pin.locked', { seconds: secondsLeft }) } : message;
  return (
    <section class="sign-pin" data-testid={testId} aria-label={title ?? tp('pin.titleFor', { name: person.name })}>
      <div class="sign-pin-head">
        <h3>{title ?? tp('pin.titleFor', { name: person.name })}</h3>
        <button type="button" class="btn btn-secondary" data-testid={`${testId}-cancel`} onClick={onCancel}>
          {tp('pin.cancel')}
        </button>
      </div>
      {padShown ? (
        <>
          <p
            class={`sign-pin-message${shown?.kind === 'error' ? ' is-error' : shown?.kind === 'locked' ? ' is-locked' : ''}`}
            data-testid={`${testId}-message`}
            data-kind={shown?.kind ?? ''}
            role={shown && shown.kind !== 'info' ? 'alert' : undefined}
          >
            {shown ? `${shown.kind === 'info' ? '' : '⚠ '}${shown.text}` : '\u00a0'}
          </p>
          <PinPad
            value={pin}
            onChange={(v) => {
              setPin(v);
              if (message?.kind === 'error') setMessage(null);
            }}
            onSubmit={() => void submit()}
            submitLabel={submitLabel ?? tp('pin.sign')}
            label={tp('pin.title')}
            disabled={checking || lockedUntil !== 0}
          />
        </>
      ) : (
        <p class="sign-pin-message is-error" role="alert" data-testid={`${testId}-no-pin`}>
          ⚠ {tp(serverOnly ? 'pin.serverOnly' : 'pin.noPin', { name: person.name })}
        </p>
      )}
    </section>
  );
}
