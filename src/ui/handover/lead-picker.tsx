/**
 * "Who takes over?": big name buttons for the plant's leads who may sign a
 * handover. The outgoing lead is listed too, marked "(you)": a lead on a
 * double shift may try it, and is told plainly why it cannot be.
 */
import type { Person } from '../../domain/people/people-types.ts';
import { NameGrid } from '../people/name-grid.tsx';
import { th } from './handover-messages.ts';

export interface LeadPickerProps {
  leads: readonly Person[];
  outgoingLeadId: string;
  onPick(person: Person): void;
  onBack(): void;
  /** Offered on the outgoing lead's screen; absent when acknowledging a pending handover. */
  onAlone?(): void;
  problem: string;
}

export function LeadPicker({ leads, outgoingLeadId, onPick, onBack, onAlone, problem }: LeadPickerProps) {
  const others = leads.filter((p) => p.id !== outgoingLeadId);
  const self = leads.find((p) => p.id === outgoingLeadId);
  return (
    <section class="handover-pick" data-testid="handover-pick" aria-labelledby="handover-pick-title">
      <h3 id="handover-pick-title">{th('pick.title')}</h3>
      {others.length === 0 && <p class="empty">{th('pick.none')}</p>}
      <NameGrid people={others} testIdPrefix="incoming-" onPick={onPick}>
        {self && (
          <li>
            <button type="button" class="btn btn-name btn-secondary" data-testid={`incoming-${self.id}`} onClick={() => onPick(self)}>
              {th('pick.you', { name: self.name })}
            </button>
          </li>
        )}
      </NameGrid>
      {problem && (
        <p class="hint hint-error" role="alert" data-testid="handover-problem">
          ⚠ {problem}
        </p>
      )}
      <div class="row-buttons">
        <button type="button" class="btn btn-secondary" data-testid="handover-back" onClick={onBack}>
          {th('pick.back')}
        </button>
        {onAlone && (
          <button type="button" class="btn btn-secondary" data-testid="handover-sign-alone" onClick={onAlone}>
            {th('pick.alone')}
          </button>
        )}
      </div>
      {onAlone && <p class="hint">{th('pick.aloneHint')}</p>}
    </section>
  );
}
