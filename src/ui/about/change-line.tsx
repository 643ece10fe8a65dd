/**
 * "Change line" on the Device panel: moving a line tablet to another line
 * changes which line every reading and handover it records from then on
 * counts for, so it is not for whoever happens to be signed in. A shift lead
 * (or above) or the plant admin allows it with their PIN (the rule book's
 * `change_device_line`, checked on the device like every PIN), and then says
 * yes to a plain question that names the line the tablet leaves.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TierboardDatabase } from '../../db/database.ts';
import { can } from '../../domain/people/permissions.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { DerivePin } from '../../domain/people/pin.ts';
import type { PinAttempts } from '../people/pin-attempts.ts';
import { SignWithPin } from '../people/sign-with-pin.tsx';
import { aboutText } from './about-messages.ts';

/** May this person allow a tablet of `plantId` to change line (the domain's rule book). */
export function mayChangeLine(person: Pick<Person, 'role' | 'plantId' | 'active'>, plantId: string): boolean {
  return person.active && can({ role: person.role, plantId: person.plantId }, 'change_device_line', { plantId });
}

export interface ChangeLineProps {
  db: TierboardDatabase;
  plantId: string;
  /** The line the tablet stands at now, by name. */
  lineName: string;
  onChanged(): void;
  onCancel(): void;
  /** Tests: a PIN derivation and wrong-PIN count of their own. */
  derive?: DerivePin;
  attempts?: PinAttempts;
}

type Step = { kind: 'who' } | { kind: 'pin'; person: Person } | { kind: 'confirm'; person: Person };

export function ChangeLine({ db, plantId, lineName, onChanged, onCancel, derive, attempts }: ChangeLineProps) {
  const [allowed, setAllowed] = useState<Person[] | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'who' });

  useEffect(() => {
    let alive = true;
    void db.people
      .find({ selector: { plantId } })
      .exec()
      .then((docs) => {
        if (!alive) return;
        const people = docs.map((d) => d.toMutableJSON()).filter((p) => mayChangeLine(p, plantId));
        setAllowed(people.sort((a, b) => a.name.localeCompare(b.name)));
      });
    return () => {
      alive = false;
    };
  }, [db, plantId]);

  if (step.kind === 'pin') {
    return (
      <SignWithPin
        person={step.person}
        title={aboutText('about.changeLinePin', { name: step.person.name })}
        submitLabel={aboutText('about.changeLineAllow')}
        onSigned={() => setStep({ kind: 'confirm', person: step.person })}
        onCancel={() => setStep({ kind: 'who' })}
        derive={derive}
        attempts={attempts}
        testId="change-line-pin"
      />
    );
  }

  if (step.kind === 'confirm') {
    return (
      <section class="change-line" data-testid="change-line-confirm" aria-labelledby="change-line-confirm-title">
        <h3 id="change-line-confirm-title">{aboutText('about.changeLineQuestion', { line: lineName })}</h3>
        <p>{aboutText('about.changeLineWhat')}</p>
        <div class="row-buttons">
          <button type="button" class="btn btn-secondary btn-big" data-testid="change-line-keep" onClick={onCancel}>
            {aboutText('about.changeLineKeep', { line: lineName })}
          </button>
          <button type="button" class="btn btn-primary btn-big" data-testid="change-line-yes" onClick={onChanged}>
            {aboutText('about.changeLineYes')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section class="change-line" data-testid="change-line-who" aria-labelledby="change-line-who-title">
      <h3 id="change-line-who-title">{aboutText('about.changeLineTitle')}</h3>
      <p>{aboutText('about.changeLineWho')}</p>
      {allowed === null ? (
        <p class="loading" aria-busy="true">
          {aboutText('about.loading')}
        </p>
      ) : allowed.length === 0 ? (
        <p class="hint hint-error" role="alert" data-testid="change-line-nobody">
          {aboutText('about.changeLineNobody')}
        </p>
      ) : (
        <ul class="name-grid">
          {allowed.map((p) => (
            <li key={p.id}>
              <button type="button" class="btn btn-name" data-testid={`change-line-by-${p.id}`} onClick={() => setStep({ kind: 'pin', person: p })}>
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="row-buttons">
        <button type="button" class="btn btn-secondary btn-big" data-testid="change-line-cancel" onClick={onCancel}>
          {aboutText('about.changeLineCancel')}
        </button>
      </div>
    </section>
  );
}
