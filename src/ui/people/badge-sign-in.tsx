/**
 * Sign-in on a shared tablet: the badge number on the pad, then the PIN
 * (SignWithPin). The shell calls session.signIn from onSignedIn; this
 * component keeps no one signed in by itself.
 */
import { useState } from 'preact/hooks';
import type { DerivePin } from '../../domain/people/pin.ts';
import type { Person } from '../../domain/people/people-types.ts';
import { languageStore } from '../i18n/language.ts';
import { useStore } from '../../state/use-store.ts';
import type { Clock } from '../../domain/time/clock.ts';
import { tp } from './people-messages.ts';
import type { PinAttempts } from './pin-attempts.ts';
import { PinPad } from './pin-pad.tsx';
import { SignWithPin } from './sign-with-pin.tsx';

export interface BadgeSignInProps {
  /** The active person of this plant with that badge, or null. */
  findByBadge(badge: string): Promise<Person | null>;
  onSignedIn(person: Person): void;
  /** Typing is unsaved input: an update reload waits for it. */
  onTyping?(busy: boolean): void;
  clock?: Clock;
  derive?: DerivePin;
  attempts?: PinAttempts;
}

// Badge numbers on the demo and customer cards are at most 10 digits (as on the operator picker).
const MAX_BADGE_DIGITS = 10;

export function BadgeSignIn({ findByBadge, onSignedIn, onTyping, clock, derive, attempts }: BadgeSignInProps) {
  useStore(languageStore, (s) => s.language);
  const [badge, setBadgeState] = useState('');
  const [person, setPerson] = useState<Person | null>(null);
  const [problem, setProblem] = useState('');
  const [looking, setLooking] = useState(false);

  const setBadge = (next: string) => {
    setBadgeState(next);
    setProblem('');
    onTyping?.(next !== '');
  };

  const lookUp = async () => {
    setLooking(true);
    const found = await findByBadge(badge).catch(() => null);
    setLooking(false);
    if (!found) {
      setProblem(tp('badge.unknown', { badge }));
      setBadgeState('');
      return;
    }
    setPerson(found);
  };

  const back = () => {
    setPerson(null);
    setBadge('');
  };

  if (person) {
    return (
      <section class="badge-sign-in" data-testid="badge-sign-in" aria-label={tp('badge.title')}>
        <SignWithPin
          person={person}
          title={tp('pin.titleFor', { name: person.name })}
          onSigned={() => {
            onTyping?.(false);
            onSignedIn(person);
          }}
          onCancel={back}
          clock={clock}
          derive={derive}
          attempts={attempts}
        />
        <button type="button" class="btn btn-secondary" data-testid="badge-not-me" onClick={back}>
          {tp('badge.notYou', { name: person.name })}
        </button>
      </section>
    );
  }

  return (
    <section class="badge-sign-in" data-testid="badge-sign-in" aria-labelledby="badge-sign-in-title">
      <h2 id="badge-sign-in-title">{tp('badge.title')}</h2>
      <p class={`sign-pin-message${problem ? ' is-error' : ''}`} role={problem ? 'alert' : undefined} data-testid="badge-message">
        {problem ? `⚠ ${problem}` : looking ? tp('badge.looking') : '\u00a0'}
      </p>
      <PinPad
        value={badge}
        onChange={setBadge}
        onSubmit={() => void lookUp()}
        submitLabel={tp('badge.next')}
        label={tp('badge.label')}
        masked={false}
        minLength={1}
        maxLength={MAX_BADGE_DIGITS}
        disabled={looking}
        testId="badge"
      />
    </section>
  );
}
