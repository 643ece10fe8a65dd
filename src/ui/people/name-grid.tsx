/**
 * Big name buttons, one per person: how the floor picks a person (who is
 * recording, who takes over the shift, who notes an action on the board).
 */
import type { ComponentChildren } from 'preact';
import type { Person } from '../../domain/people/people-types.ts';

export interface NameGridProps {
  people: readonly Person[];
  /** Each button's test id is this prefix and the person's id (`person-…`, `incoming-…`). */
  testIdPrefix: string;
  onPick(person: Person): void;
  /** Entries after the names (the handover's outgoing lead, marked "(you)"). */
  children?: ComponentChildren;
}

export function NameGrid({ people, testIdPrefix, onPick, children }: NameGridProps) {
  return (
    <ul class="name-grid">
      {people.map((p) => (
        <li key={p.id}>
          <button type="button" class="btn btn-name" data-testid={`${testIdPrefix}${p.id}`} onClick={() => onPick(p)}>
            {p.name}
          </button>
        </li>
      ))}
      {children}
    </ul>
  );
}
