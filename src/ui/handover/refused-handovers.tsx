/**
 * The line's check-ins the server refused, on the handover screen where they
 * were signed ([C-O6]): marked refused with the reason in plain words, who may
 * sign instead (the rule book's sign_handover roles), and Discard. The data
 * layer leaves them out of the line's check-ins, so a refused handover never
 * shows as signed, here or on the next shift's banner.
 */
import type { RefusedHandover } from '../../db/handover/handover-data.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import { formatClock, formatProductionDate } from '../format.ts';
import { whoMayText } from '../people/role-words.ts';
import { RefusedEntry } from '../refused/refused-entry.tsx';
import { refusedWords } from '../refused/refused-entry-messages.ts';
import { th } from './handover-messages.ts';

/** Why a check-in was refused and the way forward, in the screen's language. */
export function refusedHandoverText(r: RefusedHandover, nameOf: (id: string) => string): { reason: string; way: string } {
  // The server authorises a check-in as its incoming lead when it names one, else as the outgoing lead.
  const signer = r.checkIn.incomingLeadId || r.checkIn.outgoingLeadId;
  if (r.entry.error === 'not_allowed') {
    return { reason: th('refused.notAllowed', { name: nameOf(signer) }), way: refusedWords('way.roles', { who: whoMayText('sign_handover') }) };
  }
  return { reason: th('refused.other', { message: r.entry.message || r.entry.error }), way: refusedWords('way.other') };
}

export interface RefusedHandoversProps {
  refused: readonly RefusedHandover[];
  plant: Pick<Plant, 'locale' | 'timeZone'>;
  nameOf(id: string): string;
  /** Discard, as the person signed in; without it the entries say to sign in. */
  onDiscard?: ((r: RefusedHandover) => Promise<void>) | undefined;
}

export function RefusedHandovers({ refused, plant, nameOf, onDiscard }: RefusedHandoversProps) {
  if (refused.length === 0) return null;
  return (
    <section class="handover-card handover-refused" aria-labelledby="handover-refused-title" data-testid="refused-handovers">
      <h3 id="handover-refused-title">{th('refused.title')}</h3>
      <ul class="refused-list">
        {refused.map((r) => {
          const c = r.checkIn;
          const words = refusedHandoverText(r, nameOf);
          const what = th('refused.what', {
            code: c.shiftCode,
            date: formatProductionDate(c.productionDate, plant.locale),
            out: nameOf(c.outgoingLeadId),
            in: c.incomingLeadId ? nameOf(c.incomingLeadId) : th('signed.nobody'),
            time: formatClock(new Date(Date.parse(c.signedAt)), plant.locale, plant.timeZone),
          });
          return (
            <RefusedEntry
              key={c.id}
              testId={`refused-handover-${c.id}`}
              what={what}
              whatText={what}
              reason={words.reason}
              way={words.way}
              onDiscard={onDiscard ? () => onDiscard(r) : undefined}
              noDiscard={refusedWords('signInToDiscard')}
            />
          );
        })}
      </ul>
    </section>
  );
}
