/**
 * Before "Note action" on a wall screen (or a tablet board nobody is signed
 * in on): who is noting it. The supervisor taps their name, or types their
 * badge number, and enters their PIN, checked on the device against the
 * salted hash exactly as a tablet's sign-in does (SignWithPin, BadgeSignIn,
 * the same wrong-PIN wait). Nobody is signed in to the screen: the person is
 * handed to the form for this one action and forgotten with it.
 *
 * A person whose role may not note improvement actions is told so in the
 * screen's language before any PIN is asked (after it, on the badge path,
 * where the name is known only then).
 */
import { useMemo, useState } from 'preact/hooks';
import type { DerivePin } from '../../domain/people/pin.ts';
import type { Person } from '../../domain/people/people-types.ts';
import { BadgeSignIn } from '../people/badge-sign-in.tsx';
import { NameGrid } from '../people/name-grid.tsx';
import type { Clock } from '../../domain/time/clock.ts';
import type { PinAttempts } from '../people/pin-attempts.ts';
import { SignWithPin } from '../people/sign-with-pin.tsx';
import { bm } from './board-messages.ts';
import { noteActionRefusal } from './note-action.ts';
import './note-action.css';

export interface NoteActionSignInProps {
  /** The plant's active people, as the board shows them. */
  roster: readonly Person[];
  plantId: string;
  onSignedIn(person: Person): void;
  onCancel(): void;
  clock?: Clock;
  derive?: DerivePin;
  attempts?: PinAttempts;
}

/** Why `person` may not note an action here, in the screen's language; '' when they may. */
export function noteActionProblem(person: Person, plantId: string): string {
  const refusal = noteActionRefusal(person, plantId);
  if (!refusal) return '';
  return bm(refusal.code === 'roleCannot' ? 'action.roleCannot' : 'action.otherPlant', { name: person.name });
}

export function NoteActionSignIn({ roster, plantId, onSignedIn, onCancel, clock, derive, attempts }: NoteActionSignInProps) {
  const [picked, setPicked] = useState<Person | null>(null);
  const [problem, setProblem] = useState('');
  const [query, setQuery] = useState('');
  // Remounts the badge pad after a refusal, so it starts empty instead of at the refused person's PIN.
  const [badgeRound, setBadgeRound] = useState(0);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? roster.filter((p) => p.name.toLocaleLowerCase().includes(q)) : roster;
  }, [roster, query]);

  const pick = (person: Person): void => {
    const why = noteActionProblem(person, plantId);
    setProblem(why);
    if (!why) setPicked(person);
  };
  const afterBadge = (person: Person): void => {
    const why = noteActionProblem(person, plantId);
    if (!why) {
      onSignedIn(person);
      return;
    }
    setProblem(why);
    setBadgeRound((n) => n + 1);
  };

  return (
    <div class="board-overlay" role="dialog" aria-modal="true" aria-label={bm('action.whoTitle')} data-testid="note-action-sign-in">
      <div class="board-panel note-sign-in">
        {picked ? (
          <SignWithPin
            person={picked}
            title={bm('action.pinTitle', { name: picked.name })}
            submitLabel={bm('action.signIn')}
            onSigned={() => onSignedIn(picked)}
            onCancel={() => setPicked(null)}
            clock={clock}
            derive={derive}
            attempts={attempts}
            testId="note-pin"
          />
        ) : (
          <>
            <h2>{bm('action.whoTitle')}</h2>
            <p class="hint">{bm('action.whoHint')}</p>
            {problem && (
              <p class="hint hint-error" role="alert" data-testid="note-sign-in-problem">
                {problem}
              </p>
            )}
            <div class="note-sign-in-body">
              <div class="note-sign-in-names">
                <label class="field">
                  {bm('action.search')}
                  <input type="search" data-testid="note-sign-in-search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
                </label>
                <NameGrid people={shown} testIdPrefix="noter-" onPick={pick} />
              </div>
              <BadgeSignIn
                key={badgeRound}
                findByBadge={(badge) => Promise.resolve(roster.find((p) => p.badge === badge) ?? null)}
                onSignedIn={afterBadge}
                clock={clock}
                derive={derive}
                attempts={attempts}
              />
            </div>
          </>
        )}
        <div class="board-panel-buttons">
          <button type="button" class="btn btn-big" data-testid="note-sign-in-cancel" onClick={onCancel}>
            {bm('action.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
