/**
 * Which escalation records count, and which the server refused. A refused
 * step stays in the local database (it is immutable and the device is its only
 * home until a person discards it, [C-O4]), but it never moves the escalation:
 * the screens, the tier timer and the board fold only the records the server
 * holds or may still take, so the state, owner, tier and timers shown are the
 * server's. A refused raise takes its steps with it: without the header there
 * is no escalation to count. The domain's fold stays pure; it never hears of
 * refusals ([C-O6]).
 */
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { RefusedEntry } from '../../sync/status.ts';
import type { RefusedRecords } from '../refused-records.ts';

export interface EscalationRecords {
  escalations: Escalation[];
  events: EscalationEvent[];
}

/** A step of this device the server refused, waiting for a person's decision. */
export interface RefusedStep {
  event: EscalationEvent;
  entry: RefusedEntry;
}

/** A raise of this device the server refused (its header), waiting for a person's decision. */
export interface RefusedRaise {
  escalation: Escalation;
  entry: RefusedEntry;
  /** Its steps the server refused too (its `raised` step, usually): discarding the raise discards them. */
  stepIds: string[];
}

export interface RefusedEscalationRecords {
  raises: RefusedRaise[];
  steps: RefusedStep[];
}

/** The records that count: every refused header and step left out (discarded ones too), and the steps of a refused header. */
export function countingEscalations(all: EscalationRecords, refusedHeaders: ReadonlySet<string>, refusedSteps: ReadonlySet<string>): EscalationRecords {
  if (refusedHeaders.size === 0 && refusedSteps.size === 0) return { escalations: [...all.escalations], events: [...all.events] };
  return {
    escalations: all.escalations.filter((e) => !refusedHeaders.has(e.id)),
    events: all.events.filter((e) => !refusedSteps.has(e.id) && !refusedHeaders.has(e.escalationId)),
  };
}

/** The refused raises and steps still waiting for a decision, with their records, oldest first. */
export function refusedEscalationRecords(all: EscalationRecords, refused: Pick<RefusedRecords, 'open'>): RefusedEscalationRecords {
  const headers = refused.open('escalations');
  const steps = refused.open('escalation_events');
  const raises: RefusedRaise[] = [];
  const refusedSteps: RefusedStep[] = [];
  if (headers.size > 0) {
    for (const escalation of all.escalations) {
      const entry = headers.get(escalation.id);
      if (entry) raises.push({ escalation, entry, stepIds: [] });
    }
  }
  if (steps.size > 0) {
    const raiseOf = new Map(raises.map((r) => [r.escalation.id, r]));
    for (const event of all.events) {
      const entry = steps.get(event.id);
      if (!entry) continue;
      // The `raised` step of a refused raise is said by the raise itself.
      const raise = raiseOf.get(event.escalationId);
      if (raise) raise.stepIds.push(event.id);
      else refusedSteps.push({ event, entry });
    }
  }
  raises.sort((a, b) => a.escalation.raisedAt.localeCompare(b.escalation.raisedAt));
  refusedSteps.sort((a, b) => a.event.at.localeCompare(b.event.at));
  return { raises, steps: refusedSteps };
}

/** Splits what the database holds into what counts and what was refused ([C-O6]). */
export function splitRefusedEscalations(all: EscalationRecords, refused: RefusedRecords): EscalationRecords & { refused: RefusedEscalationRecords } {
  return {
    ...countingEscalations(all, refused.ids('escalations'), refused.ids('escalation_events')),
    refused: refusedEscalationRecords(all, refused),
  };
}
